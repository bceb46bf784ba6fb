"use client";
// A month of real availability for a party: which days have a free start time, as an ARIA grid
// with one Tab stop (roving tabindex) and arrow-key navigation, each day labelled with its full
// date and how many start times are free. The booking wizard picks a date with it; rescheduling
// reuses it (same props, with the times free for the booking being moved: `AvailabilitySource`).
// The availability query is the site's own `booking.availability`, so a parent that needs the
// start times of the chosen day calls `useMonthAvailability` with the same inputs and shares the
// cached answer.
import { useQuery } from "~/lib/query";
import type { QueryOptions } from "~/lib/rpc";
import {
  createContext,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
} from "react";
import { Button, cx } from "@myhibachi/ui";
import {
  addDays,
  addMonths,
  formatDay,
  formatLocalDate,
  monthEnd,
  monthStart,
  monthWeeks,
  shiftMonth,
  weekdayOf,
} from "@myhibachi/shared";
import { canRetry, errorMessage } from "~/lib/trpc";
import { rpc } from "~/lib/rpc";

export interface AvailabilityQueryInputs {
  /** Any date of the month shown (YYYY-MM-DD). */
  month: string;
  /** The party's size (adults and children). */
  guests: number;
  /** The party's 5-digit ZIP code. */
  postalCode: string;
}

export interface DaySlot {
  date: string;
  startMinute: number;
  label: string;
  depositTerms: string | null;
}

/** The `booking.availability` input for a month, or null while the ZIP or party is incomplete. */
export function availabilityInput({ month, guests, postalCode }: AvailabilityQueryInputs) {
  if (!/^\d{5}$/.test(postalCode) || !Number.isInteger(guests) || guests < 1) return null;
  return { from: monthStart(month), to: monthEnd(month), guests, postalCode };
}

type MonthInput = NonNullable<ReturnType<typeof availabilityInput>>;
type NewPartyAnswer = Awaited<ReturnType<typeof rpc.booking.availability.query>>;
/**
 * What every source answers: the month's slots, when they were read (`asOf`), the first date with
 * a free time from the month on (`firstFreeDate`) and the window's last date (a new party's answer
 * also has its zone).
 */
type MonthAnswer = Pick<NewPartyAnswer, "asOf" | "firstFreeDate" | "lastDate"> & {
  slots: DaySlot[];
} & Partial<Omit<NewPartyAnswer, "slots">>;

/**
 * Where the calendar reads a month's free times: a new party's (`booking.availability`, where
 * every existing booking is busy) unless a parent provides another source, as rescheduling does
 * (`booking.rescheduleTimes`: the booking's own time not counted as busy). Each source has its
 * own query keys, so no page ever takes one for the other.
 */
export const AvailabilitySource = createContext<(input: MonthInput) => QueryOptions<MonthAnswer>>(
  (input) => rpc.booking.availability.queryOptions(input),
);

/** The month's availability (cached per input: the calendar and its parent share one request). */
export function useMonthAvailability(inputs: AvailabilityQueryInputs) {
  const source = useContext(AvailabilitySource);
  const input = availabilityInput(inputs);
  const query = useQuery({
    ...source(input ?? { from: "2000-01-01", to: "2000-01-01", guests: 1, postalCode: "00000" }),
    enabled: input !== null,
  });
  const slotsByDate = useMemo(() => {
    const m = new Map<string, DaySlot[]>();
    for (const s of query.data?.slots ?? [])
      m.set(s.date, [
        ...(m.get(s.date) ?? []),
        {
          date: s.date,
          startMinute: s.startMinute,
          label: s.label,
          depositTerms: s.depositTerms,
        },
      ]);
    return m;
  }, [query.data]);
  return { query, slotsByDate, enabled: input !== null };
}

/**
 * The month a calendar opens on, from the answer for the month it would show (`start`): the month
 * of the first date with a free time from then on (`firstFreeDate`), else `start`'s.
 */
export function openingMonth(start: string, answer?: { firstFreeDate: string | null }): string {
  return monthStart(answer?.firstFreeDate ?? start);
}

/**
 * What a click on a day comes to once its month's answer is known: choose it (it has a free
 * time), or say in words that it has none; null while the answer is still on its way (the click
 * is remembered and this is asked again when the answer arrives: attack H7, a click while the
 * month was "checking" used to be dropped without a word).
 */
export function resolvePick(
  date: string,
  answer: { slots: readonly { date: string }[] } | undefined,
  words: { guests: number; today?: string },
): { select: string } | { say: string } | null {
  if (!answer) return null;
  if (answer.slots.some((s) => s.date === date)) return { select: date };
  return { say: notFreeWords(date, words) };
}

/** "Saturday, December 5 has no free times for 8 guests. Pick a day marked in green." */
export function notFreeWords(date: string, w: { guests: number; today?: string }): string {
  const day = w.today ? formatDay(date, w.today) : formatLocalDate(date, "fullDate");
  return `${day} has no free times for ${w.guests} ${w.guests === 1 ? "guest" : "guests"}. Pick a day marked in green.`;
}

/** Said while a day clicked during the check waits for the month's answer. */
export function pendingWords(date: string, today?: string): string {
  const day = today ? formatDay(date, today) : formatLocalDate(date, "fullDate");
  return `Checking which chefs are free… We'll choose ${day} as soon as we know it's free.`;
}

export interface AvailabilityCalendarProps extends AvailabilityQueryInputs {
  /** Called with the first day of the month to show (the arrows, or the keyboard past an edge). */
  onMonthChange: (month: string) => void;
  /** The chosen date (YYYY-MM-DD), or null. */
  selected: string | null;
  /** A day with free times was chosen. */
  onSelect: (date: string) => void;
  /** The earliest and latest months that may be shown (any date in them). */
  minMonth?: string;
  maxMonth?: string;
  /** Today in the business's time zone (marked with aria-current="date"). */
  today?: string;
  /** The grid's accessible name (the month is added): default "Available dates". */
  label?: string;
  /** Level of the month's heading: 3 by default (under a step's or a section's h2). */
  headingLevel?: 2 | 3 | 4;
  /** A date to point out, e.g. the booking's current date when rescheduling. */
  markedDate?: string | null;
  /** What the marked date is, for its label: default "current date". */
  markedLabel?: string;
  /**
   * Said instead of "No free times in <month>" when nothing is free from this month to the end of
   * the booking window (its answer's `firstFreeDate` is null): messages.ts `nothingFreeMessage`.
   */
  nothingFree?: string | null;
}

const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

export function AvailabilityCalendar({
  month,
  onMonthChange,
  selected,
  onSelect,
  guests,
  postalCode,
  minMonth,
  maxMonth,
  today,
  label = "Available dates",
  headingLevel = 3,
  markedDate = null,
  markedLabel = "current date",
  nothingFree = null,
}: AvailabilityCalendarProps) {
  const first = monthStart(month);
  const { query, slotsByDate, enabled } = useMonthAvailability({
    month: first,
    guests,
    postalCode,
  });
  const weeks = useMemo(() => monthWeeks(first), [first]);
  // A day clicked before its month's answer arrived, chosen (or said to be taken) when it does;
  // and what the last click on a day without free times came to, in words.
  const [pending, setPending] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  // The pending day's month (the calendar may have opened on another month meanwhile: the
  // wizard jumps to the first month with a free day). The same request when it is this month.
  const pendingMonth = useMonthAvailability({ month: pending ?? first, guests, postalCode });
  const pendingAnswer = pending ? pendingMonth.query.data : undefined;
  useEffect(() => {
    if (!pending) return;
    const outcome = resolvePick(pending, pendingAnswer, { guests, today });
    if (!outcome) return;
    setPending(null);
    if ("select" in outcome) {
      setNotice(null);
      onSelect(outcome.select);
    } else setNotice(outcome.say);
  }, [pending, pendingAnswer, guests, today, onSelect]);
  // Another party size or ZIP: a word about the last one's days no longer holds.
  useEffect(() => setNotice(null), [guests, postalCode]);

  function pick(d: string) {
    const outcome = resolvePick(d, query.data, { guests, today });
    if (!outcome && (!enabled || (query.error && !query.isFetching))) {
      // Nothing on its way to wait for: the month can't be checked (the alert above says why).
      setPending(null);
      setNotice(
        enabled
          ? "We couldn't check which days are free, so no day can be chosen yet."
          : "Enter the party's ZIP code and number of guests to see which days are free.",
      );
    } else if (!outcome) {
      setPending(d);
      setNotice(null);
    } else if ("select" in outcome) {
      setPending(null);
      setNotice(null);
      onSelect(d);
    } else {
      setPending(null);
      setNotice(outcome.say);
    }
  }

  /** The customer turns the page: a pick waiting on the month they left is dropped. */
  function changeMonth(target: string) {
    setPending(null);
    setNotice(null);
    onMonthChange(target);
  }
  const canPrev = !minMonth || first > monthStart(minMonth);
  const canNext = !maxMonth || first < monthStart(maxMonth);
  const inMonth = (d: string | null): d is string => !!d && monthStart(d) === first;

  // The one day that takes Tab (roving tabindex): the chosen day, else the first free day, else
  // the 1st. Arrow keys move it; moving past the month's edge turns the page.
  const [focusDate, setFocusDate] = useState<string | null>(null);
  const wantFocus = useRef(false);
  const gridRef = useRef<HTMLTableElement>(null);
  const firstFree = weeks.flat().find((d) => d && slotsByDate.has(d)) ?? null;
  const tabDate = inMonth(focusDate)
    ? focusDate
    : inMonth(selected)
      ? selected
      : (firstFree ?? (inMonth(today ?? null) ? today! : first));

  useEffect(() => {
    if (!wantFocus.current || !inMonth(focusDate)) return;
    wantFocus.current = false;
    gridRef.current?.querySelector<HTMLButtonElement>(`[data-date="${focusDate}"]`)?.focus();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focusDate, first]);

  function moveTo(target: string) {
    const targetMonth = monthStart(target);
    if (targetMonth !== first) {
      if (minMonth && targetMonth < monthStart(minMonth)) return;
      if (maxMonth && targetMonth > monthStart(maxMonth)) return;
      changeMonth(targetMonth);
    }
    wantFocus.current = true;
    setFocusDate(target);
  }

  function onKeyDown(e: KeyboardEvent<HTMLButtonElement>, date: string) {
    const moves: Record<string, () => string> = {
      ArrowLeft: () => addDays(date, -1),
      ArrowRight: () => addDays(date, 1),
      ArrowUp: () => addDays(date, -7),
      ArrowDown: () => addDays(date, 7),
      Home: () => addDays(date, -weekdayOf(date)),
      End: () => addDays(date, 6 - weekdayOf(date)),
      PageUp: () => addMonths(date, e.shiftKey ? -12 : -1),
      PageDown: () => addMonths(date, e.shiftKey ? 12 : 1),
    };
    const move = moves[e.key];
    if (!move) return;
    e.preventDefault();
    moveTo(move());
  }

  const H = `h${headingLevel}` as const;
  const monthName = formatLocalDate(first, "monthYear");
  const loading = enabled && query.isFetching;

  return (
    <div className="flex flex-col gap-2" data-testid="availability-calendar">
      <div className="flex items-center justify-between gap-2">
        <Button
          variant="secondary"
          onClick={() => changeMonth(shiftMonth(first, -1))}
          disabled={!canPrev}
          aria-label="Previous month"
        >
          <span aria-hidden="true">‹</span>
        </Button>
        <H className="font-semibold" aria-live="polite">
          {monthName}
        </H>
        <Button
          variant="secondary"
          onClick={() => changeMonth(shiftMonth(first, 1))}
          disabled={!canNext}
          aria-label="Next month"
        >
          <span aria-hidden="true">›</span>
        </Button>
      </div>
      {/* Always present, so each change is announced: the check, a remembered pick, a day
          without free times. */}
      <p role="status" className={cx("text-sm", !notice && "text-muted")}>
        {loading && pending
          ? pendingWords(pending, today)
          : loading
            ? "Checking which chefs are free…"
            : notice}
      </p>
      {query.error && !loading && (
        <div
          role="alert"
          className="flex flex-wrap items-center justify-between gap-2 rounded-lg border border-red-300 bg-red-50 p-3 text-sm text-red-800"
        >
          <span>
            {errorMessage(query.error) ??
              "We couldn't check which days are free just now. Please try again."}
          </span>
          {/* A load failure may pass; a refusal (a ZIP we don't serve) wouldn't change. */}
          {canRetry(query.error) && (
            <Button variant="secondary" onClick={() => void query.refetch()}>
              Try again
            </Button>
          )}
        </div>
      )}
      <table
        ref={gridRef}
        role="grid"
        aria-label={`${label}, ${monthName}`}
        aria-busy={loading || undefined}
        className="w-full table-fixed border-separate border-spacing-1 text-center text-sm"
      >
        <thead>
          <tr>
            {WEEKDAYS.map((day) => (
              <th key={day} scope="col" abbr={day} className="py-1 font-medium text-muted">
                {day.slice(0, 3)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((week, w) => (
            <tr key={w}>
              {week.map((d, i) => {
                if (!d) return <td key={`e${w}-${i}`} />;
                const slots = slotsByDate.get(d);
                const free = !!slots;
                const isSelected = selected === d;
                const waiting = pending === d;
                const marked = markedDate === d;
                const n = slots?.length ?? 0;
                const status = query.data
                  ? free
                    ? `${n} start ${n === 1 ? "time" : "times"} free`
                    : "no free times"
                  : loading
                    ? waiting
                      ? "checking, we'll choose it if it's free"
                      : "checking"
                    : "not checked yet";
                return (
                  <td key={d} aria-selected={isSelected}>
                    <button
                      type="button"
                      data-date={d}
                      tabIndex={d === tabDate ? 0 : -1}
                      // Not yet known: a click is remembered (not refused) until the answer comes.
                      aria-disabled={(!free && !!query.data) || undefined}
                      aria-pressed={isSelected}
                      aria-current={d === today ? "date" : undefined}
                      aria-label={`${formatLocalDate(d, "fullDate")}, ${status}${marked ? `, ${markedLabel}` : ""}`}
                      onKeyDown={(e) => onKeyDown(e, d)}
                      onFocus={() => setFocusDate(d)}
                      onClick={() => pick(d)}
                      className={cx(
                        "relative flex min-h-11 w-full flex-col items-center justify-center rounded-lg border",
                        isSelected
                          ? "border-brand-700 bg-brand-700 font-bold text-white"
                          : free
                            ? "border-green-600 bg-green-50 font-semibold text-green-900 hover:bg-green-100"
                            : waiting
                              ? "animate-pulse border-brand-500 bg-stone-100 text-ink"
                              : query.data
                                ? "cursor-default border-transparent text-stone-500"
                                : "border-transparent text-stone-500",
                        marked && !isSelected && "ring-2 ring-brand-500",
                        d === today && !isSelected && "underline",
                      )}
                    >
                      <span aria-hidden="true">{Number(d.slice(8))}</span>
                      {free && !isSelected && (
                        <span
                          aria-hidden="true"
                          className="absolute bottom-1 h-1 w-1 rounded-full bg-green-700"
                        />
                      )}
                    </button>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {nothingFree ? (
        <p role="status" className="text-sm">
          {nothingFree}
        </p>
      ) : (
        query.data &&
        slotsByDate.size === 0 && (
          <p className="text-sm">
            No free times in {monthName} for {guests} {guests === 1 ? "guest" : "guests"}.
            {canNext ? " Try the next month." : ""}
          </p>
        )
      )}
      <p className="text-xs text-muted">
        Days with free times are marked in green. Use the arrow keys to move between days, Page Up
        and Page Down to change the month.
      </p>
    </div>
  );
}
