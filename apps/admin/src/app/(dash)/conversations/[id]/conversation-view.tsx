"use client";
// One chat, live: its status, how to reach the customer, the transcript (refreshed every few
// seconds, so what the customer writes appears), the reply box and "Mark handled".
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { useRef, useState, type FormEvent } from "react";
import type { AdminRouter } from "@myhibachi/api";
import { formatStamp } from "@myhibachi/shared";
import {
  answeredBy,
  CHANNEL_WORDS,
  durationText,
  flagReasonText,
  outcomeText,
} from "~/lib/chat-words";
import { Badge, Button, Card, ErrorBox, cx } from "@myhibachi/ui";
import { errorMessage, useTRPC } from "~/lib/trpc";
import { MarkHandled } from "./mark-handled";

export type Transcript = inferRouterOutputs<AdminRouter>["conversations"]["transcript"];

const newId = () =>
  typeof crypto !== "undefined" && "randomUUID" in crypto
    ? crypto.randomUUID()
    : `${Date.now()}-${Math.random().toString(36).slice(2)}`;

/** Customer on the right, the assistant and staff on the left, staff outlined. */
const BUBBLE: Record<Transcript["messages"][number]["role"], string> = {
  USER: "self-end bg-brand-50",
  ASSISTANT: "self-start bg-stone-100",
  STAFF: "self-start border border-brand-300 bg-white",
};

function author(m: Transcript["messages"][number]): string {
  if (m.role === "USER") return "Customer";
  if (m.role === "STAFF") return `${m.authorName ?? "Staff"} (staff)`;
  return "Assistant";
}

function ReplyBox({ t, onSent }: { t: Transcript; onSent: () => void }) {
  const trpc = useTRPC();
  const [text, setText] = useState("");
  // One id per reply being written: a retried send (double click, network retry) is stored once.
  const idRef = useRef(newId());
  const send = useMutation(
    trpc.conversations.reply.mutationOptions({
      onSuccess: () => {
        setText("");
        idRef.current = newId();
        onSent();
      },
    }),
  );
  const byText = t.channel !== "CHAT";
  // A call or a text thread: the reply is texted to their number (if it is known and not STOPped).
  const closed = byText ? !t.phone || t.textsStopped : t.status === "CLOSED";
  function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (!text.trim() || send.isPending) return;
    send.mutate({ id: t.id, text, clientMessageId: idRef.current });
  }
  return (
    <Card>
      <form
        onSubmit={onSubmit}
        className="flex flex-col gap-2"
        aria-label={byText ? "Reply by text" : "Reply in the chat"}
      >
        <label htmlFor="staff-reply" className="font-semibold">
          {byText && t.phone ? `Text a reply to ${t.phone}` : "Reply to the customer"}
        </label>
        <textarea
          id="staff-reply"
          rows={3}
          maxLength={t.replyLimit}
          className="w-full rounded-lg border border-stone-300 p-2"
          value={text}
          onChange={(e) => setText(e.target.value)}
          disabled={closed}
          aria-describedby="staff-reply-hint"
        />
        <p id="staff-reply-hint" className="text-xs text-muted">
          {byText
            ? !t.phone
              ? "The caller's number was withheld, so a reply can't be texted."
              : t.textsStopped
                ? `${t.phone} replied STOP to our texts: call them instead.`
                : "Sent as a text message from the business number, signed with your first name; their answer comes back here. The assistant stays quiet for 30 minutes after your last reply, or until you mark it handled."
            : closed
              ? "The customer closed this chat: reach them by email or phone instead."
              : "They see it at once in their open chat, signed with your first name. The assistant stays quiet for 30 minutes after your last reply, or until you mark the chat handled."}
        </p>
        {byText && !closed && (
          <p
            className={cx(
              "text-xs",
              text.trim().length > t.replyLimit * 0.9 ? "text-red-700" : "text-muted",
            )}
            aria-live="polite"
            data-testid="staff-reply-count"
          >
            {text.trim().length.toLocaleString("en-US")} of {t.replyLimit.toLocaleString("en-US")}{" "}
            characters (one text message)
          </p>
        )}
        <ErrorBox>{errorMessage(send.error)}</ErrorBox>
        <Button
          type="submit"
          className="w-full sm:w-auto sm:self-start"
          disabled={closed || send.isPending || !text.trim()}
        >
          {send.isPending ? "Sending…" : "Send reply"}
        </Button>
      </form>
    </Card>
  );
}

export function ConversationView({ initial, timeZone }: { initial: Transcript; timeZone: string }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const options = trpc.conversations.transcript.queryOptions(
    { id: initial.id },
    { initialData: initial, refetchInterval: 4000 },
  );
  const t = useQuery(options).data ?? initial;
  const refresh = () => void qc.invalidateQueries({ queryKey: options.queryKey });
  return (
    <>
      <Card>
        <p>
          Status:{" "}
          <Badge tone={t.status === "HANDOFF" ? "red" : "neutral"}>
            {t.status === "HANDOFF" ? "needs a person" : t.status.toLowerCase()}
          </Badge>
          {t.flagReason && <> · flagged because: {flagReasonText(t.flagReason)}</>}
        </p>
        <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
          <dt className="text-muted">Channel</dt>
          <dd>{CHANNEL_WORDS[t.channel] ?? t.channel}</dd>
          {t.channel === "VOICE" && (
            <>
              <dt className="text-muted">Outcome</dt>
              <dd>{outcomeText(t.outcome) ?? "call in progress"}</dd>
              <dt className="text-muted">Duration</dt>
              <dd>{durationText(t.durationSeconds) ?? "not ended yet"}</dd>
            </>
          )}
          <dt className="text-muted">Email</dt>
          <dd className="break-all">{t.contactEmail ?? "not given"}</dd>
          <dt className="text-muted">Phone</dt>
          <dd>
            {(t.channel === "CHAT" ? t.contactPhone : t.phone) ?? t.contactPhone ?? "not given"}
          </dd>
          {t.linkAlsoTextedTo.length > 0 && (
            <>
              <dt className="text-muted">Hold link also texted to</dt>
              <dd>{t.linkAlsoTextedTo.join(", ")}</dd>
            </>
          )}
        </dl>
        {t.handledBy && t.staffReplyAt && (
          <p className="mt-2 text-sm" role="status">
            {t.handledBy} is on this chat (last reply {formatStamp(t.staffReplyAt, timeZone)}): the
            assistant is quiet.
          </p>
        )}
        {t.status === "HANDOFF" && (
          <MarkHandled id={t.id} emailTo={t.contactEmail} onDone={refresh} />
        )}
      </Card>
      <ol className="flex flex-col gap-2" aria-label="Transcript">
        {t.messages.map((m) => (
          <li key={m.id} className={cx("max-w-3xl rounded-xl px-3 py-2 text-sm", BUBBLE[m.role])}>
            <p className="text-xs text-muted">
              {author(m)} ·{" "}
              <time dateTime={new Date(m.createdAt).toISOString()}>
                {formatStamp(m.createdAt, timeZone)}
              </time>
              {m.role === "ASSISTANT" && answeredBy(m.tier, m.cacheStatus)}
            </p>
            <p className="whitespace-pre-wrap break-words">{m.content}</p>
          </li>
        ))}
      </ol>
      <ReplyBox t={t} onSent={refresh} />
    </>
  );
}
