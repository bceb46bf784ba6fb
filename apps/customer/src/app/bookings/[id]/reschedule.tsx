"use client";
// Moving a booking: the wizard's availability calendar with the days free for THIS booking (its
// party size and ZIP, its own time not counted as busy), the start times of the chosen day, then
// a dialog that asks "Move from ... to ...?" with what moving means (price, chef, deposit terms,
// until when it can be moved again) before anything changes, and says while it works.
import { invalidateQueries, useMutation, useQuery } from "~/lib/query";
import type { inferRouterOutputs } from "@trpc/server";
import { useCallback, useMemo, useState, type ReactNode } from "react";
import type { CustomerRouter } from "@myhibachi/api";
import { rpc } from "~/lib/rpc";
import { Button, ErrorBox, cx } from "@myhibachi/ui";
import {
  formatInstant,
  formatLocalDate,
  monthEnd,
  monthStart,
  todayIn,
  zonedParts,
} from "@myhibachi/shared";
import { errorMessage, useTRPC } from "~/lib/trpc";
import {
  AvailabilityCalendar,
  AvailabilitySource,
  openingMonth,
} from "../../book/availability-calendar";
import { nothingFreeMessage } from "../../book/messages";
import { ConfirmDialog } from "@myhibachi/ui/confirm-dialog";
import { ReloadBookingButton } from "./reload-button";

interface BookingRef {
  id: string;
  token?: string | undefined;
}

/**
 * The calendar reads `booking.availability` by default: the times free for a NEW party, where
 * this booking's own block is busy. Here it reads `booking.rescheduleTimes` for this booking
 * instead (the same slots, its own time not counted as busy), under that procedure's own query
 * keys, so no other page ever takes them for a new party's availability.
 */
function RescheduleAvailability({
  booking,
  children,
}: {
  booking: BookingRef;
  children: ReactNode;
}) {
  const source = useCallback(
    ({ from, to }: { from: string; to: string }) =>
      rpc.booking.rescheduleTimes.queryOptions({ ...booking, from, to }),
    [booking],
  );
  return <AvailabilitySource value={source}>{children}</AvailabilitySource>;
}

type Times = inferRouterOutputs<CustomerRouter>["booking"]["rescheduleTimes"];
/** A time picked, with what every move means and when the free times shown were read. */
export type PickedSlot = Times["slots"][number] & { notes: string[]; seenAt: Date };

/** The calendar and the start times of the chosen day; picking a time asks first (`onPick`). */
function Picker({
  booking,
  timeZone,
  current,
  guests,
  postalCode,
  onPick,
}: {
  booking: BookingRef;
  timeZone: string;
  current: Date;
  guests: number;
  postalCode: string;
  onPick: (slot: PickedSlot) => void;
}) {
  const trpc = useTRPC();
  const today = todayIn(timeZone);
  const currentDate = zonedParts(current, timeZone).date;
  // The booking's month (this one if it has passed), else the first month after it with a time
  // to move to (its answer's `firstFreeDate`), until the customer turns the page.
  const start = monthStart(currentDate < today ? today : currentDate);
  const [chosen, setChosen] = useState<string | null>(null);
  const opening = useQuery({
    ...trpc.booking.rescheduleTimes.queryOptions({ ...booking, from: start, to: monthEnd(start) }),
    enabled: chosen === null,
  }).data;
  const seek = chosen === null && opening;
  const month = chosen ?? openingMonth(start, opening);
  const [date, setDate] = useState<string | null>(null);
  const times = useQuery({
    ...trpc.booking.rescheduleTimes.queryOptions({
      ...booking,
      from: monthStart(month),
      to: monthEnd(month),
    }),
  });
  const day = useMemo(
    () => (date ? (times.data?.slots ?? []).filter((s) => s.date === date) : []),
    [date, times.data],
  );
  return (
    <div className="flex flex-col gap-3">
      <AvailabilityCalendar
        month={month}
        onMonthChange={(m) => {
          setChosen(m);
          setDate(null);
        }}
        selected={date}
        onSelect={setDate}
        guests={guests}
        postalCode={postalCode}
        minMonth={today}
        today={today}
        label="Days you can move to"
        headingLevel={3}
        markedDate={currentDate}
        markedLabel="your booking's current date"
        nothingFree={
          seek && opening.firstFreeDate === null
            ? nothingFreeMessage({ month, until: opening.lastDate, guests })
            : null
        }
      />
      {date && (
        <fieldset>
          <legend className="font-semibold">
            Start times on {formatLocalDate(date, "fullDate")}
          </legend>
          {times.isFetching && !times.data ? (
            <p role="status" className="mt-2 text-sm text-muted">
              Checking the times…
            </p>
          ) : (
            <div className="mt-2 flex flex-wrap gap-2" data-testid="reschedule-times">
              {day.map((s) => (
                <button
                  key={s.startMinute}
                  type="button"
                  disabled={s.current}
                  onClick={() =>
                    times.data && onPick({ ...s, notes: times.data.notes, seenAt: times.data.asOf })
                  }
                  className={cx(
                    "min-h-11 rounded-lg border px-4 font-medium",
                    s.current
                      ? "cursor-not-allowed border-stone-300 bg-stone-100 text-stone-700"
                      : "border-stone-400 bg-white hover:border-brand-600 hover:bg-brand-50",
                  )}
                >
                  {s.label}
                  {s.current ? <span className="ml-1 text-xs">(your current time)</span> : null}
                </button>
              ))}
            </div>
          )}
          {times.error && <ErrorBox>{errorMessage(times.error)}</ErrorBox>}
        </fieldset>
      )}
    </div>
  );
}

export function RescheduleFlow({
  booking,
  startsAt,
  timeZone,
  guests,
  postalCode,
  chefs,
  rescheduleDeposit,
  partyVersion,
  onMoved,
  onInvalidate,
}: {
  booking: BookingRef;
  startsAt: Date;
  /** The party's version this page shows (its guests, menu and total): changed since = refused. */
  partyVersion?: string | undefined;
  timeZone: string;
  guests: number;
  postalCode: string;
  chefs: string[];
  /** The server's words when the deposit's deadline has passed (it stays passed after a move). */
  rescheduleDeposit: { keepsDeadline: boolean; sentence: string | null };
  /** The move is saved: what to tell the customer. */
  onMoved: (message: string) => void;
  onInvalidate: () => Promise<unknown>;
}) {
  const trpc = useTRPC();
  const [picked, setPicked] = useState<PickedSlot | null>(null);
  const move = useMutation(
    trpc.booking.reschedule.mutationOptions({
      onSuccess: async (res) => {
        setPicked(null);
        onMoved(
          // "it was": the server's answer (where it really was), not this page's possibly stale view.
          `Your booking now starts ${formatInstant(res.startsAt, timeZone, "fullDateTime")} (it was ${formatInstant(res.previousStartsAt, timeZone, "fullDateTime")}). We've emailed you the new time.${res.depositTerms ? ` ${res.depositTerms}` : ""}`,
        );
        await Promise.all([
          onInvalidate(),
          invalidateQueries({ queryKey: rpc.booking.rescheduleTimes.pathKey() }),
          invalidateQueries({ queryKey: rpc.booking.availability.pathKey() }),
        ]);
      },
      // The time was taken meanwhile: the calendar and the day's times are read again, so the
      // taken time disappears from them (attack H6).
      onError: async () => {
        await Promise.all([
          invalidateQueries({ queryKey: rpc.booking.rescheduleTimes.pathKey() }),
          invalidateQueries({ queryKey: rpc.booking.availability.pathKey() }),
        ]);
      },
    }),
  );
  const details = (
    move.error as { data?: { details?: { alternatives?: unknown[]; reason?: string } } } | null
  )?.data?.details;
  const conflict = details?.alternatives;
  // Moved meanwhile (another tab): nothing to confirm until the page shows where it is now.
  // Moved, or its party changed, since this page was loaded (another tab): reload first.
  const movedMeanwhile = details?.reason === "moved" || details?.reason === "changed";
  const at = (d: Date) => formatInstant(d, timeZone, "shortDayTime");
  const deposit = rescheduleDeposit.keepsDeadline
    ? rescheduleDeposit.sentence
    : (picked?.depositTerms ?? null);
  const who = chefs.join(" and ");
  return (
    <div className="mt-4 flex flex-col gap-3" data-testid="reschedule-panel">
      <p className="text-sm text-muted">
        Days in green have free times for your party of {guests}. Pick a day, then a start time: we
        ask before anything changes.
      </p>
      {/* The key starts the calendar afresh (this month, nothing picked) once the booking has moved. */}
      <RescheduleAvailability key={startsAt.toISOString()} booking={booking}>
        <Picker
          booking={booking}
          timeZone={timeZone}
          current={startsAt}
          guests={guests}
          postalCode={postalCode}
          onPick={(s) => {
            move.reset();
            setPicked(s);
          }}
        />
      </RescheduleAvailability>
      <ConfirmDialog
        open={picked !== null}
        title="Move your booking?"
        busy={move.isPending}
        onClose={() => setPicked(null)}
        testId="reschedule-dialog"
      >
        {picked && (
          <>
            <p className="font-medium" data-testid="reschedule-confirm">
              Move from {at(startsAt)} to {at(picked.startsAt)}?
            </p>
            <ul className="flex list-disc flex-col gap-1 pl-5 text-sm">
              {picked.notes.map((n) => (
                <li key={n}>{n}</li>
              ))}
              {who && (
                <li>
                  {picked.sameChef
                    ? `${who} ${chefs.length > 1 ? "are" : "is"} free then too and will cook for you.`
                    : `${who} ${chefs.length > 1 ? "aren't" : "isn't"} free then: another of our chefs will cook for you.`}
                </li>
              )}
              {deposit && <li data-testid="reschedule-deposit">{deposit}</li>}
              <li>You can move it online again until {at(picked.movableUntil)}.</li>
            </ul>
            {move.isPending && (
              <p role="status" className="text-sm font-medium">
                Moving your booking… this can take a few seconds.
              </p>
            )}
            <ErrorBox>{errorMessage(move.error)}</ErrorBox>
            {conflict && conflict.length > 0 && (
              <p className="text-sm">Pick another day or time on the calendar.</p>
            )}
            {movedMeanwhile ? (
              <ReloadBookingButton
                reload={() =>
                  Promise.all([
                    onInvalidate(),
                    invalidateQueries({ queryKey: rpc.booking.rescheduleTimes.pathKey() }),
                  ])
                }
                done={() => {
                  move.reset();
                  setPicked(null);
                }}
              />
            ) : conflict ? (
              // Refused because the time is gone: nothing to confirm any more, only another pick.
              <div className="flex flex-wrap gap-2">
                <Button autoFocus onClick={() => setPicked(null)}>
                  Pick another time
                </Button>
              </div>
            ) : (
              <div className="flex flex-wrap gap-2">
                <Button
                  autoFocus
                  disabled={move.isPending}
                  onClick={() =>
                    move.mutate({
                      ...booking,
                      date: picked.date,
                      startMinute: picked.startMinute,
                      seenAt: picked.seenAt.toISOString(),
                      // The start this page shows: a booking moved since (another tab) is refused.
                      expectedStartsAt: startsAt.toISOString(),
                      // And the party it shows: the dialog promised that party and total.
                      ...(partyVersion ? { expectedVersion: partyVersion } : {}),
                    })
                  }
                >
                  {move.isPending ? "Moving…" : "Yes, move it"}
                </Button>
                <Button
                  variant="secondary"
                  disabled={move.isPending}
                  onClick={() => setPicked(null)}
                >
                  Keep the current time
                </Button>
              </div>
            )}
          </>
        )}
      </ConfirmDialog>
    </div>
  );
}
