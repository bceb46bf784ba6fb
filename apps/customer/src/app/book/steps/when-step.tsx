"use client";
import { Card, Field, cx } from "@myhibachi/ui";
import { formatCents, formatLocalDate } from "@myhibachi/shared";
import { AvailabilityCalendar, useMonthAvailability, type DaySlot } from "../availability-calendar";
import type { Checks } from "../draft";
import type { Placed, WhenMessageInput } from "../messages";
import { PartySteppers } from "../party-steppers";
import type { StepProps } from "../types";
import { StepHeading } from "./step-heading";

/** A message in its place: an alert (said at once) or plain text. */
function Said({ m, id }: { m: Placed | null; id?: string }) {
  if (!m) return null;
  return m.alert ? (
    <p id={id} role="alert" className="text-sm text-red-700">
      {m.text}
    </p>
  ) : (
    <p id={id} className="mt-2 text-sm">
      {m.text}
    </p>
  );
}

/**
 * Step 1: the party's ZIP and size, then a day with free times and a start time. Each problem is
 * said once, beside its input (messages.ts): the wizard's bar under the step says none of them.
 */
export function WhenStep({
  draft,
  dispatch,
  catalog,
  menu,
  errors,
  month,
  today,
  maxMonth,
  dateSlots,
  day,
  lostTime,
  pastDate,
  zipRefused = null,
  messages,
  nothingFreeUntil = null,
}: StepProps & {
  /** The month the calendar shows (first day). */
  month: string;
  /** Nothing is free from `month` up to this date, the booking window's last. */
  nothingFreeUntil?: string | null;
  today: string;
  maxMonth: string;
  /** The free start times of the chosen day. */
  dateSlots: DaySlot[];
  /** The chosen day's availability: loading, or failed (the calendar says why). */
  day: { fetching: boolean; failed: boolean };
  /** The chosen time, forgotten because it stopped being free. */
  lostTime: WhenMessageInput["lostTime"];
  /** A saved draft's date that had passed (forgotten when the draft was restored). */
  pastDate: string | null;
  /**
   * The server's refusal of the ZIP (outside our service area, messages.ts `zipRefusal`): said
   * under the ZIP field, and no calendar for that ZIP.
   */
  zipRefused?: string | null;
  /** Where messages go (messages.ts, loaded with the checks): null before the first input. */
  messages: Pick<Checks, "whenMessages" | "zipRefusal" | "nothingFreeMessage"> | null;
}) {
  const guests = draft.adults + draft.children;
  const zipOk = /^\d{5}$/.test(draft.postalCode);
  // Over the limit the steppers say so; the calendar would only repeat it (the server refuses).
  const tooMany = guests > catalog.business.maxGuests;
  const { query } = useMonthAvailability({ month, guests, postalCode: draft.postalCode });
  const zone = query.data?.zone;
  const refused = zipOk && messages ? (zipRefused ?? messages.zipRefusal(query.error)) : null;
  const said = (messages?.whenMessages ?? (() => ({ calendar: null, startTimes: null }) as const))({
    errors,
    date: draft.date,
    startMinute: draft.startMinute,
    pastDate,
    lostTime,
    day: { ...day, freeTimes: dateSlots.length },
  });
  return (
    <Card>
      <StepHeading>Where and when?</StepHeading>
      <div className="mt-4 grid gap-4 sm:grid-cols-[10rem_1fr]">
        <Field
          id="postalCode"
          label="Party ZIP code"
          inputMode="numeric"
          autoComplete="postal-code"
          maxLength={5}
          value={draft.postalCode}
          onChange={(e) => dispatch({ type: "zip", value: e.target.value })}
          error={errors.postalCode ?? refused}
        />
        <PartySteppers
          adults={draft.adults}
          children={draft.children}
          max={catalog.business.maxGuests}
          phone={catalog.business.phone}
          onChange={(adults, children) => dispatch({ type: "party", adults, children, menu })}
          error={errors.adults ?? errors.children ?? null}
        />
      </div>
      {tooMany && !errors.adults && (
        <p role="alert" className="mt-2 text-sm text-red-700">
          We can cook for up to {catalog.business.maxGuests} guests in one booking online. Call{" "}
          <a className="underline" href={`tel:${catalog.business.phone.replace(/[^\d+]/g, "")}`}>
            {catalog.business.phone}
          </a>{" "}
          for a bigger party.
        </p>
      )}
      {tooMany || refused ? null : !zipOk ? (
        <p className="mt-4 text-sm text-muted">
          Enter the ZIP code of the party address to see which days our chefs are free.
        </p>
      ) : (
        <div className="mt-5 flex flex-col gap-3" id="calendar" tabIndex={-1}>
          {zone && (
            <p className="text-sm text-muted">
              Travel: {zone.name} ({zone.distanceMiles} mi)
              {zone.feeCents ? `, ${formatCents(zone.feeCents)} fee` : ", no fee"}.
            </p>
          )}
          <Said m={said.calendar} id="calendar-error" />
          <AvailabilityCalendar
            month={month}
            onMonthChange={(m) => dispatch({ type: "month", month: m })}
            selected={draft.date}
            onSelect={(d) => dispatch({ type: "date", date: d })}
            guests={guests}
            postalCode={draft.postalCode}
            minMonth={today}
            maxMonth={maxMonth}
            today={today}
            nothingFree={
              nothingFreeUntil && messages
                ? messages.nothingFreeMessage({ month, until: nothingFreeUntil, guests })
                : null
            }
          />
          {draft.date && (
            <fieldset className="mt-1" id="start-times" tabIndex={-1}>
              <legend className="font-semibold">
                Start times on {formatLocalDate(draft.date, "fullDate")}
              </legend>
              <Said m={said.startTimes} />
              {dateSlots.length > 0 && (
                <div className="mt-2 flex flex-wrap gap-2">
                  {dateSlots.map((s) => {
                    const on = draft.startMinute === s.startMinute;
                    return (
                      <button
                        key={s.startMinute}
                        type="button"
                        aria-pressed={on}
                        onClick={() => dispatch({ type: "time", startMinute: s.startMinute })}
                        className={cx(
                          "min-h-11 rounded-lg border px-4 font-medium",
                          on
                            ? "border-brand-700 bg-brand-700 text-white"
                            : "border-stone-400 bg-white text-ink hover:border-brand-700",
                        )}
                      >
                        {s.label}
                      </button>
                    );
                  })}
                </div>
              )}
            </fieldset>
          )}
        </div>
      )}
    </Card>
  );
}
