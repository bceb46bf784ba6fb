"use client";
// "Your referral code" on My bookings (operation getMyReferralCode): the code to share, with a
// Copy button, and what it gives both ways.
import { useState } from "react";
import { Button, Card } from "@myhibachi/ui";
import { useQuery } from "~/lib/query";
import { useTRPC } from "~/lib/trpc";

export function ReferralCode() {
  const trpc = useTRPC();
  const q = useQuery(trpc.account.referralCode.queryOptions());
  const [copied, setCopied] = useState<"yes" | "no" | null>(null);
  const data = q.data;
  if (!data) return null;
  return (
    <Card>
      <section aria-labelledby="referral-heading" data-testid="referral-code">
        <h2 id="referral-heading" className="text-lg font-semibold">
          Your referral code
        </h2>
        {data.code ? (
          <>
            <p className="mt-2 flex flex-wrap items-center gap-3">
              <code
                className="rounded-lg bg-stone-100 px-3 py-2 font-mono text-lg tracking-wide"
                data-testid="referral-code-value"
              >
                {data.code}
              </code>
              <Button
                variant="secondary"
                onClick={() => {
                  navigator.clipboard
                    ?.writeText(data.code!)
                    .then(() => setCopied("yes"))
                    .catch(() => setCopied("no"));
                  if (!navigator.clipboard) setCopied("no");
                }}
              >
                Copy<span className="sr-only"> your referral code</span>
              </Button>
              <span role="status" className="text-sm text-muted">
                {copied === "yes"
                  ? "Copied."
                  : copied === "no"
                    ? "Couldn't copy: select the code and copy it yourself."
                    : ""}
              </span>
            </p>
            <p className="mt-2 text-sm text-muted">
              Share it with friends: their first booking with it is {data.percentOff} % off the food
              (they type it under &quot;Have a code?&quot; when they book), and you get a{" "}
              {data.percentOff} % code once their party has taken place.
            </p>
          </>
        ) : (
          <p className="mt-2 text-sm text-muted">{data.reason}</p>
        )}
      </section>
    </Card>
  );
}
