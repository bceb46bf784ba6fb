// The chat's free-time buttons: the label a button shows and the message a tap sends, in the
// language of the reply that offered the times (the assistant reads that message back).

export interface OfferedSlot {
  /** YYYY-MM-DD, the event's local calendar day. */
  date: string;
  /** "5 pm" */
  label: string;
  /** "Saturday, December 19" */
  dayLabel: string;
}

export function slotButton(
  slot: OfferedSlot,
  language?: string,
): { label: string; message: string } {
  if (language === "es") {
    // "sábado, 19 de diciembre" (a calendar day: read at noon UTC so no zone moves it).
    const day = new Intl.DateTimeFormat("es", {
      weekday: "long",
      day: "numeric",
      month: "long",
      timeZone: "UTC",
    })
      .format(new Date(`${slot.date}T12:00:00Z`))
      .replace(",", "");
    return {
      label: `Apartar ${day.slice(0, 3)} ${slot.label}`,
      message: `Reservar el ${day} a las ${slot.label}`,
    };
  }
  return {
    label: `Hold ${slot.dayLabel.split(",")[0]} ${slot.label}`,
    message: `Book ${slot.dayLabel} at ${slot.label}`,
  };
}
