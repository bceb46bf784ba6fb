// What the staff New booking form says as staff type: why a date has no free time (the reason
// the availability engine gives, in staff words), what the price and the free times still wait
// for, a party outside the business's limits, and whose loyalty tier priced the quote. Pure
// (unit-tested in form-words.test.ts).
import { bpsToPercent, formatDay, WEEKDAYS_PLURAL } from "@myhibachi/shared";

/** The availability answer's `unavailable` (findAvailability: why nothing is free). */
export interface NoTimesReason {
  kind:
    | "past"
    | "too_soon"
    | "beyond_window"
    | "not_a_start_time"
    | "closed_day"
    | "closed_hours"
    | "time_off"
    | "too_few_chefs"
    | "fully_booked";
  firstDate?: string | undefined;
  minNoticeHours?: number | undefined;
  lastDate?: string | undefined;
  bookingWindowDays?: number | undefined;
  weekday?: number | undefined;
  otherAreas?: boolean | undefined;
  chefsNeeded?: number | undefined;
  tooSoonBefore?: boolean | undefined;
}

const WEEKDAYS = WEEKDAYS_PLURAL;

const hours = (n: number) => `${n} ${n === 1 ? "hour" : "hours"}`;

/**
 * Why `date` has no free start time for the party, as the engine found it: "Online bookings need
 * 48 hours' notice, and phone bookings too: …", "That date has passed. The first day you can
 * book is Wednesday, December 2.", "We book up
 * to 180 days ahead: …", "Every chef for this area is booked …". The notice is the same rule for
 * staff (the booking engine enforces it for every booking): said plainly, with where the owner
 * changes it.
 */
export function noTimesMessage(
  reason: NoTimesReason | null | undefined,
  o: {
    date: string;
    guests: number;
    today: string;
    minNoticeHours: number;
    /** The first date with a free time for the party (the availability answer's). */
    firstFreeDate?: string | null | undefined;
  },
): string {
  const day = formatDay(o.date, o.today);
  const party = `a party of ${o.guests}`;
  switch (reason?.kind) {
    case "past": {
      // Not "today": the notice may keep today (and more) from being booked.
      const first = o.firstFreeDate ?? reason.firstDate;
      return first
        ? `That date has passed. The first day you can book is ${formatDay(first, o.today)}.`
        : "That date has passed. Choose a later date.";
    }
    case "too_soon": {
      const notice = hours(reason.minNoticeHours ?? o.minNoticeHours);
      const first = reason.firstDate
        ? ` The first day you can book is ${formatDay(reason.firstDate, o.today)}.`
        : "";
      return `Online bookings need ${notice}' notice, and phone bookings follow the same rule.${first} Only the owner can shorten the notice (Settings, minimum notice).`;
    }
    case "beyond_window": {
      const last = reason.lastDate
        ? `: the last day you can book now is ${formatDay(reason.lastDate, o.today)}`
        : "";
      const days = reason.bookingWindowDays
        ? `up to ${reason.bookingWindowDays} days ahead`
        : "only so far ahead";
      return `We book ${days}${last}.`;
    }
    case "closed_day": {
      const weekday = WEEKDAYS[reason.weekday ?? -1] ?? "that weekday";
      return `No chef serving this area works on ${weekday}${reason.otherAreas ? " (chefs of other areas do)" : ""}.`;
    }
    case "closed_hours":
      return `No chef serving this area works long enough on ${day} for ${party}.`;
    case "time_off":
      return `The chefs serving this area are off on ${day} (a holiday or vacation).`;
    case "too_few_chefs":
      return `${party[0]!.toUpperCase()}${party.slice(1)} needs ${reason.chefsNeeded ?? "more"} chefs, and fewer than that work on ${day} in this area.`;
    case "fully_booked":
      return reason.tooSoonBefore
        ? `Every chef serving this area is booked at the later times on ${day}; the earlier ones are inside the ${hours(o.minNoticeHours)}' notice.`
        : `Every chef serving this area is already booked on ${day} for ${party}.`;
    default:
      return `No free times on ${day} for ${o.guests} guests.`;
  }
}

/** "Parties are 1 to 60 guests (your Settings); this one is 200." Null: within the limits. */
export function partyProblem(
  guests: number,
  limits: { minGuests: number; maxGuests: number },
): string | null {
  if (guests >= limits.minGuests && guests <= limits.maxGuests) return null;
  return `Parties are ${limits.minGuests} to ${limits.maxGuests} guests (your Settings); this one is ${guests}.`;
}

/** What the free times wait for: "Free times show once you enter the ZIP and choose a date." */
export function timesWaitFor(o: { zipOk: boolean; partyOk: boolean; date: string }): string | null {
  const missing = [
    !o.zipOk && "enter the ZIP",
    !o.partyOk && "fix the party size",
    !o.date && "choose a date",
  ].filter((x): x is string => !!x);
  if (!missing.length) return null;
  const last = missing.pop()!;
  return `Free times show once you ${missing.length ? `${missing.join(", ")} and ${last}` : last}.`;
}

/**
 * What the price waits for, one sentence each: "Enter the ZIP.", the party's limits, "Choose 20
 * portions (18 so far)." Empty: the quote can be asked for.
 */
export function quoteWaitsFor(o: {
  zipOk: boolean;
  partyProblem: string | null;
  portions: number;
  portionsChosen: number;
}): string[] {
  const out: string[] = [];
  if (!o.zipOk) out.push("Enter the ZIP.");
  if (o.partyProblem) out.push(o.partyProblem);
  else if (o.portionsChosen !== o.portions)
    out.push(`Choose ${o.portions} portions (${o.portionsChosen} so far).`);
  return out;
}

/** A contact email complete enough to look its customer up. */
export function lookupEmail(email: string): string | undefined {
  const e = email.trim();
  return /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/.test(e) ? e : undefined;
}

/**
 * Whose loyalty tier priced the quote: "Casey Customer is a Silver member: 10 % off food." ·
 * "No loyalty tier for this email: priced as a new customer." Null: no email yet.
 */
export function memberWords(
  email: string | undefined,
  member: { name: string; tierName: string; discountBps: number } | null | undefined,
): string | null {
  if (!email) return null;
  if (!member) return "No customer account with this email: no loyalty discount.";
  const off = member.discountBps > 0 ? `: ${bpsToPercent(member.discountBps)} % off food` : "";
  return `${member.name} is a ${member.tierName} member${off} (in the price below).`;
}
