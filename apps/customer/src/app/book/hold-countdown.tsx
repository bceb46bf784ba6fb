"use client";
import { useEffect, useState } from "react";
import { formatCountdown, formatInstant } from "@myhibachi/shared";

/** Milliseconds until `until`, ticking every second (null without a deadline). */
export function useTimeLeft(until: Date | string | null): number | null {
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    if (!until) return;
    setNow(Date.now());
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [until]);
  if (!until || now === null) return null;
  return new Date(until).getTime() - now;
}

/**
 * How long a held time stays held, visibly: "Held until 6:42 PM PST (24:13 left)", and what
 * happens then.
 */
export function HoldCountdown({
  until,
  timeZone,
  left,
}: {
  until: Date | string;
  timeZone: string;
  left: number | null;
}) {
  const over = left !== null && left <= 0;
  return (
    <p data-testid="hold-notice" className="text-sm">
      {over ? (
        <span className="font-semibold text-red-800">
          This hold has expired: the time has been released.
        </span>
      ) : (
        <>
          Held for you until{" "}
          <span className="font-semibold">{formatInstant(until, timeZone, "timeWithZone")}</span>
          {left !== null && (
            <>
              {" "}
              (
              <span
                role="timer"
                data-testid="hold-countdown"
                className="tabular-nums font-semibold"
              >
                {formatCountdown(left)}
              </span>{" "}
              left)
            </>
          )}
          . Finish before then: after that the time is released for other guests and you would need
          to pick a time again.
        </>
      )}
    </p>
  );
}
