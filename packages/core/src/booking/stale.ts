// A change made from a stale view of a booking (another tab, another person changed it since) is
// refused with the booking as it now is: the page sends back the start time and the party
// version it showed, and these say what changed.
import { createHash } from "node:crypto";
import type { Booking } from "@myhibachi/db";
import { formatInstant } from "@myhibachi/shared";
import { AppError } from "../errors";

/**
 * A short fingerprint of the party as stored (package, guests, menu, allergies): the change form
 * sends back the one it started from, and a party changed since (another tab) is refused.
 */
export function partyVersion(
  b: Pick<
    Booking,
    "selection" | "adults" | "children" | "packageId" | "allergies" | "dietaryProfile"
  >,
): string {
  return createHash("sha256")
    .update(
      JSON.stringify([
        b.packageId,
        b.adults,
        b.children,
        b.selection,
        b.allergies ?? null,
        // Only when there is one: a booking without a profile keeps the version it had.
        ...(b.dietaryProfile ? [b.dietaryProfile] : []),
      ]),
    )
    .digest("base64url")
    .slice(0, 16);
}

/** A 409 for a change made from a view of the booking at a time it no longer has. */
export function movedMeanwhile(
  b: Pick<Booking, "startsAt" | "timeZone">,
  /** What the customer was about to do: "moving it again", "changing it". */
  doing: string,
): AppError {
  const when = `${formatInstant(b.startsAt, b.timeZone, "weekdayDate")} at ${formatInstant(b.startsAt, b.timeZone, "time")}`;
  return new AppError(
    "CONFLICT",
    `This booking was moved to ${when} in the meantime. Reload to see it before ${doing}.`,
    { reason: "moved", startsAt: b.startsAt.toISOString() },
  );
}

/** A 409 for a change made from a view of the party (guests, menu) it no longer has. */
export function partyChangedMeanwhile(doing: string): AppError {
  return new AppError(
    "CONFLICT",
    `The guests or the menu of this booking were changed in the meantime. Reload to see them before ${doing}.`,
    { reason: "changed" },
  );
}
