"use client";
import { Stepper } from "@myhibachi/ui";

/**
 * Adults and children, each with a visible label. With `total` the party size is fixed (a held
 * time is for that many guests): one more adult is one child fewer. A number typed beyond what
 * can be booked online is held to it and said beside the box (attack R5-5), with the phone number
 * to call for a bigger party.
 */
export function PartySteppers({
  adults,
  children,
  onChange,
  max,
  total,
  error,
  phone,
}: {
  adults: number;
  children: number;
  onChange: (adults: number, children: number) => void;
  max: number;
  total?: number;
  error?: string | null;
  /** The business phone, said to a party too big to book online. */
  phone?: string;
}) {
  const fixed = total !== undefined;
  const call = phone ? `call us at ${phone}` : "call us";
  const tooBig = (party: number) =>
    fixed
      ? `This time is held for ${total} guests in all.`
      : `Parties are up to ${max} guests online. For a party of ${party}, ${call}.`;
  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap gap-x-6 gap-y-3">
        <div className="flex flex-col gap-1">
          <label htmlFor="adults" className="text-sm font-medium">
            Adults
          </label>
          <Stepper
            id="adults"
            label="adults"
            value={adults}
            min={1}
            max={fixed ? total : max}
            atMost={(n) => tooBig(n + (fixed ? 0 : children))}
            atLeast="At least 1 adult."
            onChange={(n) => {
              const a = Math.max(1, fixed ? Math.min(total, n) : n);
              onChange(a, fixed ? total - a : children);
            }}
          />
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="children" className="text-sm font-medium">
            Children (12 and under)
          </label>
          <Stepper
            id="children"
            label="children"
            value={children}
            min={0}
            max={fixed ? total - 1 : max}
            atMost={(n) =>
              fixed
                ? `This time is held for ${total} guests in all, with at least 1 adult.`
                : tooBig(n + adults)
            }
            onChange={(n) => {
              const c = Math.max(0, fixed ? Math.min(total - 1, n) : n);
              onChange(fixed ? total - c : adults, c);
            }}
          />
        </div>
      </div>
      {fixed && (
        <p className="text-sm text-muted">
          {total} guests in all, as held. One more adult is one child fewer.
        </p>
      )}
      {error && (
        <p id="adults-error" role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
