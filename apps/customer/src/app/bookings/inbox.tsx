"use client";
// "Messages" on My bookings: the customer's in-app messages from our campaigns (operations
// listMyMessages and markMyMessageRead), newest first, unread ones marked, each with "Mark read".
// Nothing shows until there is a message.
import { ApiError, Button, Card } from "@myhibachi/ui";
import { formatInstant } from "@myhibachi/shared";
import { invalidateQueries, useMutation, useQuery } from "~/lib/query";
import { useTRPC } from "~/lib/trpc";

export function Inbox({ timeZone }: { timeZone: string }) {
  const trpc = useTRPC();
  const options = trpc.account.inbox.queryOptions();
  const inbox = useQuery(options);
  const read = useMutation(
    trpc.account.readMessage.mutationOptions({
      onSuccess: () => invalidateQueries({ queryKey: options.queryKey }),
    }),
  );
  const data = inbox.data;
  if (!data?.messages.length) return null;
  return (
    <Card className="mt-4">
      <section aria-labelledby="inbox-heading" data-testid="inbox">
        <h2 id="inbox-heading" className="text-lg font-semibold">
          Messages{" "}
          {data.unread > 0 && (
            <span className="text-sm font-normal text-muted" data-testid="inbox-unread">
              ({data.unread} unread)
            </span>
          )}
        </h2>
        <ul className="mt-3 flex flex-col gap-3">
          {data.messages.map((m) => (
            <li
              key={m.id}
              className={`rounded-lg border p-3 ${m.readAt ? "border-stone-200" : "border-brand-600"}`}
              data-testid="inbox-message"
            >
              <h3 className="font-semibold break-words">
                {!m.readAt && <span className="sr-only">Unread: </span>}
                {m.subject}
              </h3>
              <p className="text-xs text-muted">
                {formatInstant(new Date(m.createdAt), timeZone, "longDate")}
              </p>
              <p className="mt-1 break-words whitespace-pre-line">{m.body}</p>
              {!m.readAt && (
                <Button
                  variant="secondary"
                  className="mt-2"
                  disabled={read.isPending}
                  onClick={() => read.mutate({ id: m.id })}
                >
                  Mark read<span className="sr-only">: {m.subject}</span>
                </Button>
              )}
            </li>
          ))}
        </ul>
        <ApiError error={read.error} />
      </section>
    </Card>
  );
}
