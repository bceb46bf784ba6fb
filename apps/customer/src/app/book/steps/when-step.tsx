"use client";
import { Card, Field, cx } from "@myhibachi/ui";
import { formatCents, formatLocalDate } from "@myhibachi/shared";
import { errorMessage } from "~/lib/trpc";
import { AvailabilityCalendar, useMonthAvailability, type DaySlot } from "../availability-calendar";
import { PartySteppers } from "../party-steppers";
import type { StepProps } from "../types";
import { StepHeading } from "./step-heading";

/** Step 1: the party's ZIP and size, then a day with free times and a start time. */
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
}: StepProps & {
  /** The month the calendar shows (first day). */
  month: string;
  today: string;
  maxMonth: string;
  /** The free start times of the chosen day. */
  dateSlots: DaySlot[];
}) {
  const guests = draft.adults + draft.children;
  const zipOk = /^\d{5}$/.test(draft.postalCode);
  const { query } = useMonthAvailability({ month, guests, postalCode: draft.postalCode });
  const zone = query.data?.zone;
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
          error={errors.postalCode ?? null}
        />
        <PartySteppers
          adults={draft.adults}
          children={draft.children}
          max={catalog.business.maxGuests}
          onChange={(adults, children) => dispatch({ type: "party", adults, children, menu })}
          error={errors.adults ?? errors.children ?? null}
        />
      </div>
      {guests > catalog.business.maxGuests && !errors.adults && (
        <p role="alert" className="mt-2 text-sm text-red-700">
          We can cook for up to {catalog.business.maxGuests} guests in one booking online. Call{" "}
          <a className="underline" href={`tel:${catalog.business.phone.replace(/[^\d+]/g, "")}`}>
            {catalog.business.phone}
          </a>{" "}
          for a bigger party.
        </p>
      )}
      {!zipOk ? (
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
          {errors.calendar && (
            <p id="calendar-error" role="alert" className="text-sm text-red-700">
              {errors.calendar}
            </p>
          )}
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
          />
          {draft.date && (
            <fieldset className="mt-1" id="start-times" tabIndex={-1}>
              <legend className="font-semibold">
                Start times on {formatLocalDate(draft.date, "fullDate")}
              </legend>
              {errors["start-times"] && (
                <p role="alert" className="text-sm text-red-700">
                  {errors["start-times"]}
                </p>
              )}
              {dateSlots.length === 0 ? (
                <p className="mt-2 text-sm">
                  {query.isFetching
                    ? "Checking the start times…"
                    : query.error
                      ? (errorMessage(query.error) ?? "We couldn't load the start times.")
                      : "No free start times on this day any more. Pick another day."}
                </p>
              ) : (
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
