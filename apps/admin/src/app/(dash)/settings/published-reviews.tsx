"use client";
// Settings → Published reviews: the comments customers agreed to show on the site's /reviews page
// (ratings of 4 or 5), as the page shows them, newest first. A comment goes live when it is sent;
// the owner can take one down (a phone number, a neighbour's name, a competitor's link) and put
// it back. Each hide and show is in the audit log.
import { useState } from "react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { Badge, Button, ErrorBox } from "@myhibachi/ui";
import { formatStamp } from "@myhibachi/shared";
import { errorMessage, useTRPC } from "~/lib/trpc";

export function PublishedReviews({ timeZone }: { timeZone: string }) {
  const trpc = useTRPC();
  const [page, setPage] = useState(1);
  const list = useQuery(trpc.owner.campaigns.publishedReviews.queryOptions({ page }));
  const toggle = useMutation(
    trpc.owner.campaigns.setReviewHidden.mutationOptions({ onSuccess: () => list.refetch() }),
  );
  const data = list.data;
  return (
    <div className="space-y-3">
      <p className="text-sm text-stone-600">
        Comments customers agreed to show on your site&apos;s Reviews page (ratings of 4 or 5, with
        their first name and city). They go live when sent: hide one to take it off the page, show
        it again to put it back.
      </p>
      <ErrorBox>{errorMessage(toggle.error ?? list.error)}</ErrorBox>
      {data && data.total === 0 && <p className="text-sm">No published comments yet.</p>}
      {data && data.total > 0 && (
        <>
          <p className="text-sm" role="status">
            {data.total} published {data.total === 1 ? "comment" : "comments"}
            {data.hidden > 0 ? `, ${data.hidden} hidden` : ""}.
          </p>
          <ul className="divide-y divide-stone-100">
            {data.reviews.map((r) => {
              const hidden = r.hiddenAt !== null;
              return (
                <li key={r.id} className="flex flex-wrap items-start gap-3 py-2">
                  <div className="min-w-0 flex-1">
                    <p className={hidden ? "text-stone-500 line-through" : undefined}>
                      <span className="font-semibold">{r.rating} ★</span> “{r.comment}”
                    </p>
                    <p className="text-xs text-stone-600">
                      {r.firstName}
                      {r.city ? `, ${r.city}` : ""} · {formatStamp(r.createdAt, timeZone)}
                      {r.bookingCode ? ` · booking ${r.bookingCode}` : ""}
                    </p>
                    {hidden && (
                      <Badge>hidden {formatStamp(r.hiddenAt!, timeZone)}: not on the page</Badge>
                    )}
                  </div>
                  <Button
                    type="button"
                    variant="ghost"
                    disabled={toggle.isPending}
                    aria-label={`${hidden ? "Show" : "Hide"} the comment by ${r.firstName}`}
                    onClick={() => toggle.mutate({ id: r.id, hidden: !hidden })}
                  >
                    {hidden ? "Show" : "Hide"}
                  </Button>
                </li>
              );
            })}
          </ul>
          {data.pages > 1 && (
            <div className="flex items-center gap-3 text-sm">
              <Button
                type="button"
                variant="ghost"
                disabled={data.page <= 1}
                onClick={() => setPage(data.page - 1)}
              >
                Newer
              </Button>
              <span>
                Page {data.page} of {data.pages}
              </span>
              <Button
                type="button"
                variant="ghost"
                disabled={data.page >= data.pages}
                onClick={() => setPage(data.page + 1)}
              >
                Older
              </Button>
            </div>
          )}
        </>
      )}
    </div>
  );
}
