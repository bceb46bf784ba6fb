"use client";
import Link from "~/lib/link";
import { useCallback, useEffect, useRef, useState, type FormEvent } from "react";
import { slotButton } from "@myhibachi/shared";
import { Button, ErrorBox, cx, errorMessage } from "@myhibachi/ui";
import { chatApi } from "./chat-client";
import { useRouter } from "next/navigation";
import { pageActionFor, type PageAction } from "./voice-commands";
import { speak, VoiceButton } from "./voice";

interface History {
  conversation: { handledBy: string | null } | null;
  messages: Msg[];
}

interface Extras {
  slots?: { date: string; startMinute: number; label: string; dayLabel: string }[];
  links?: { label: string; href: string }[];
  /** The reply's language when not English. */
  language?: string;
}

interface Msg {
  id: string;
  role: "USER" | "ASSISTANT" | "STAFF";
  content: string;
  /** A reply from a person of our team: the name the customer sees. */
  from?: string | null;
  status: "PENDING" | "DONE" | "ERROR";
  replyToId: string | null;
  extras: Extras;
  /** Client-side only: sending / waiting for the reply / failed to send. */
  local?: "sending" | "failed";
  clientMessageId?: string | null;
}

function newId() {
  return typeof crypto !== "undefined" && "randomUUID" in crypto
    ? crypto.randomUUID()
    : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

/** Makes sure the visitor cookie exists before the first chat call. */
function useChatSession() {
  const [ready, setReady] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    fetch("/api/chat/session", { method: "POST" })
      .then((r) => {
        if (!r.ok) throw new Error("The chat couldn't start. Please reload the page.");
        if (!cancelled) setReady(true);
      })
      .catch((e: unknown) => !cancelled && setError(errorMessage(e)));
    return () => {
      cancelled = true;
    };
  }, []);
  return { ready, error };
}

/**
 * Waits for the reply to a message: SSE first, polling if the stream fails. A model's reply
 * streams in as `partial` text (the reply so far) before the stored reply arrives.
 */
function waitForReply(
  messageId: string,
  poll: () => Promise<Msg | null>,
  onReply: (m: Msg) => void,
  onGiveUp: () => void,
  onPartial?: (text: string) => void,
): () => void {
  let stopped = false;
  let es: EventSource | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = Date.now() + 90_000;
  const startPolling = () => {
    const tick = async () => {
      if (stopped) return;
      try {
        const r = await poll();
        if (r) {
          stopped = true;
          onReply(r);
          return;
        }
      } catch {
        /* try again */
      }
      if (Date.now() > deadline) {
        stopped = true;
        onGiveUp();
        return;
      }
      timer = setTimeout(tick, 1500);
    };
    void tick();
  };
  if (typeof EventSource !== "undefined") {
    es = new EventSource(`/api/chat/stream?messageId=${encodeURIComponent(messageId)}`);
    es.addEventListener("partial", (e) => {
      if (!stopped)
        onPartial?.((JSON.parse((e as MessageEvent<string>).data) as { text: string }).text);
    });
    es.addEventListener("reply", (e) => {
      stopped = true;
      es?.close();
      onReply(JSON.parse((e as MessageEvent<string>).data) as Msg);
    });
    const fallback = () => {
      es?.close();
      es = null;
      if (!stopped) startPolling();
    };
    es.addEventListener("timeout", fallback);
    es.onerror = fallback;
  } else startPolling();
  return () => {
    stopped = true;
    es?.close();
    if (timer) clearTimeout(timer);
  };
}

interface StaffUpdate {
  messages: Msg[];
  handledBy: string | null;
}

const TEAM = "MyHibachi team";

/**
 * Keeps an open chat up to date with what our staff write in it: SSE (/api/chat/updates, a new
 * stream every minute), polling `chat.updates` if the stream fails. `after` is read at each
 * (re)connect: the newest staff reply the page has, else the conversation's first message.
 */
function watchStaff(
  after: () => string | null,
  poll: (after: string) => Promise<StaffUpdate>,
  onUpdate: (u: StaffUpdate) => void,
): () => void {
  let stopped = false;
  let es: EventSource | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const startPolling = () => {
    const tick = async () => {
      if (stopped) return;
      const a = after();
      if (a) onUpdate(await poll(a).catch(() => ({ messages: [], handledBy: null })));
      timer = setTimeout(tick, 3000);
    };
    void tick();
  };
  const open = () => {
    const a = after();
    if (stopped || !a) return;
    if (typeof EventSource === "undefined") return startPolling();
    es = new EventSource(`/api/chat/updates?after=${encodeURIComponent(a)}`);
    es.addEventListener("update", (e) =>
      onUpdate(JSON.parse((e as MessageEvent<string>).data) as StaffUpdate),
    );
    es.addEventListener("timeout", () => {
      es?.close();
      open();
    });
    es.onerror = () => {
      es?.close();
      es = null;
      if (!stopped) startPolling();
    };
  };
  open();
  return () => {
    stopped = true;
    es?.close();
    if (timer) clearTimeout(timer);
  };
}

/** The conversation so far, read once the chat's session exists (and again on `reload`). */
function useHistory(ready: boolean) {
  const [data, setData] = useState<History | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    if (!ready) return;
    let cancelled = false;
    setLoading(true);
    chatApi.history().then(
      (h) => {
        if (cancelled) return;
        setData(h as History);
        setError(null);
        setLoading(false);
      },
      (e: unknown) => {
        if (cancelled) return;
        setError(errorMessage(e));
        setLoading(false);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [ready, generation]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { data, error, isLoading: loading, reload };
}

export function ChatPanel({ compact = false }: { compact?: boolean }) {
  const session = useChatSession();
  const historyQ = useHistory(session.ready);
  const [messages, setMessages] = useState<Msg[]>([]);
  const [waitingFor, setWaitingFor] = useState<string | null>(null);
  /** The reply being written (model replies stream in), until the stored reply replaces it. */
  const [partial, setPartial] = useState<{ replyTo: string; text: string } | null>(null);
  /** A person of our team answers this chat now (the assistant is quiet). */
  const [handledBy, setHandledBy] = useState<string | null>(null);
  const [text, setText] = useState("");
  const [error, setError] = useState<string | null>(null);
  const listRef = useRef<HTMLOListElement>(null);
  const stopRef = useRef<(() => void) | null>(null);

  useEffect(() => {
    if (!historyQ.data) return;
    const msgs = historyQ.data.messages as Msg[];
    // Keeps what was sent before the history arrived (a quick first message on a slow page).
    setMessages((ms) => [...msgs, ...ms.filter((m) => !msgs.some((h) => h.id === m.id))]);
    const person = historyQ.data.conversation?.handledBy ?? null;
    setHandledBy(person);
    // A message still without a reply (page reloaded while waiting): keep waiting for it, unless
    // a person answers this chat (the assistant is quiet) or already did after it.
    const answered = new Set(msgs.map((m) => m.replyToId).filter(Boolean));
    const last = msgs.at(-1);
    if (!person && last?.role === "USER" && !answered.has(last.id)) listen(last.id);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [historyQ.data]);

  useEffect(() => () => stopRef.current?.(), []);

  // Replies from our staff arrive live while the chat is open.
  const cursorRef = useRef<string | null>(null);
  const saved = messages.filter((m) => !m.local && !m.id.startsWith("local-"));
  cursorRef.current = saved.filter((m) => m.role === "STAFF").at(-1)?.id ?? saved.at(0)?.id ?? null;
  const hasConversation = saved.length > 0;
  useEffect(() => {
    if (!hasConversation) return;
    return watchStaff(
      () => cursorRef.current,
      async (after) => (await chatApi.updates({ after })) as StaffUpdate,
      (u) => {
        setHandledBy(u.handledBy);
        if (u.messages.length)
          setMessages((ms) => [...ms, ...u.messages.filter((n) => !ms.some((m) => m.id === n.id))]);
      },
    );
  }, [hasConversation]);

  useEffect(() => {
    listRef.current?.lastElementChild?.scrollIntoView({ block: "end" });
  }, [messages, waitingFor, partial]);

  // Voice: what the recognizer heard goes into the box, for the customer to check and correct
  // before Send (a misheard word must not become a date or a party size in the conversation);
  // answers are read aloud once the customer has spoken (until they stop it). A request about
  // the menu, typed or spoken, opens it filtered (in the widget; on /chat a link, not to leave
  // the chat).
  const router = useRouter();
  const [readAloud, setReadAloud] = useState(false);
  const readAloudRef = useRef(false);
  readAloudRef.current = readAloud;
  const [pageAction, setPageAction] = useState<PageAction | null>(null);
  const [voiceProblem, setVoiceProblem] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const [heard, setHeard] = useState(false);
  function onVoice(words: string) {
    setReadAloud(true);
    setPageAction(null);
    setText(words);
    setHeard(true);
    inputRef.current?.focus();
  }

  function addReply(reply: Msg) {
    if (readAloudRef.current && reply.role === "ASSISTANT" && reply.status !== "ERROR")
      speak(reply.content);
    setMessages((ms) => (ms.some((m) => m.id === reply.id) ? ms : [...ms, reply]));
    setWaitingFor(null);
    setPartial(null);
  }

  function listen(messageId: string) {
    stopRef.current?.();
    setWaitingFor(messageId);
    stopRef.current = waitForReply(
      messageId,
      async () => (await chatApi.reply({ messageId })) as Msg | null,
      addReply,
      () => {
        setWaitingFor(null);
        setPartial(null);
        setError("The assistant is taking too long to answer. Please try again in a moment.");
      },
      (text) => setPartial({ replyTo: messageId, text }),
    );
  }

  const [sending, setSending] = useState(false);
  const [resetting, setResetting] = useState(false);
  async function startOver() {
    setResetting(true);
    setError(null);
    try {
      await chatApi.reset();
      stopRef.current?.();
      setMessages([]);
      setWaitingFor(null);
      historyQ.reload();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setResetting(false);
    }
  }

  async function submit(content: string, clientMessageId = newId()) {
    const value = content.trim();
    if (!value || waitingFor) return;
    setError(null);
    const tempId = `local-${clientMessageId}`;
    setMessages((ms) => [
      ...ms.filter((m) => m.id !== tempId),
      {
        id: tempId,
        role: "USER",
        content: value,
        status: "PENDING",
        replyToId: null,
        extras: {},
        local: "sending",
        clientMessageId,
      },
    ]);
    setText("");
    setSending(true);
    try {
      const res = (await chatApi.send({ text: value, clientMessageId })) as {
        message: Msg;
        reply: Msg | null;
        handledBy: string | null;
      };
      setMessages((ms) => ms.map((m) => (m.id === tempId ? res.message : m)));
      setHandledBy(res.handledBy);
      if (res.reply) addReply(res.reply);
      else if (!res.handledBy) listen(res.message.id);
    } catch (e) {
      setMessages((ms) => ms.map((m) => (m.id === tempId ? { ...m, local: "failed" } : m)));
      setError(errorMessage(e));
    } finally {
      setSending(false);
    }
  }

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (!session.ready || !text.trim() || busy) return;
    const action = pageActionFor(text);
    setPageAction(action);
    setHeard(false);
    if (action && compact) router.push(action.href);
    void submit(text);
  }

  const busy = !!waitingFor || sending;
  const fatal = session.error ?? historyQ.error;

  return (
    <div
      className={cx("flex flex-col", compact ? "h-[28rem]" : "min-h-[32rem]")}
      data-testid="chat-panel"
    >
      <ol
        ref={listRef}
        className="flex flex-1 flex-col gap-3 overflow-y-auto p-1"
        aria-label="Conversation"
        aria-live="polite"
      >
        {messages.length === 0 && !historyQ.isLoading && (
          <li className="rounded-xl bg-stone-100 p-3 text-sm">
            Hi! Ask me about our menu, prices, dietary needs, or what&apos;s free on your date, and
            I can hold a time for you.
          </li>
        )}
        {messages.map((m) => (
          <li
            key={m.id}
            data-testid={
              m.role === "USER" ? "chat-user" : m.role === "STAFF" ? "chat-staff" : "chat-assistant"
            }
            className={cx(
              "max-w-[85%] whitespace-pre-wrap rounded-xl px-3 py-2 text-sm",
              m.role === "USER"
                ? "self-end bg-brand-600 text-white"
                : m.role === "STAFF"
                  ? "self-start border border-brand-300 bg-brand-50"
                  : "self-start bg-stone-100",
              m.status === "ERROR" && "border border-red-300 bg-red-50 text-red-800",
            )}
          >
            {m.role === "STAFF" ? (
              <span className="mb-0.5 block text-xs font-semibold text-brand-700">
                {m.from && m.from !== TEAM ? `${m.from} · ${TEAM}` : TEAM}
                <span className="sr-only">:</span>
              </span>
            ) : (
              <span className="sr-only">{m.role === "USER" ? "You:" : "Assistant:"} </span>
            )}
            {m.content}
            {m.local === "failed" && (
              <span className="mt-1 block">
                Not sent.{" "}
                <button
                  type="button"
                  className="underline"
                  onClick={() => void submit(m.content, m.clientMessageId ?? undefined)}
                >
                  Retry
                </button>
              </span>
            )}
            {m.role === "ASSISTANT" && m.extras?.slots && m.extras.slots.length > 0 && (
              <span className="mt-2 flex flex-wrap gap-2">
                {m.extras.slots.slice(0, 8).map((s) => {
                  const b = slotButton(s, m.extras.language);
                  return (
                    <button
                      key={`${s.date}-${s.startMinute}`}
                      type="button"
                      disabled={busy}
                      className="rounded-full border border-brand-600 bg-white px-3 py-1 text-brand-700 hover:bg-brand-50 disabled:opacity-50"
                      onClick={() => void submit(b.message)}
                    >
                      {b.label}
                    </button>
                  );
                })}
              </span>
            )}
            {m.role === "ASSISTANT" && m.extras?.links && m.extras.links.length > 0 && (
              <span className="mt-2 flex flex-col gap-1">
                {m.extras.links.map((l) => (
                  <Link
                    key={l.href}
                    href={l.href}
                    className="inline-block rounded-lg bg-brand-600 px-3 py-2 font-semibold text-white hover:bg-brand-700"
                  >
                    {l.label}
                  </Link>
                ))}
              </span>
            )}
          </li>
        ))}
        {handledBy && !busy && (
          <li className="self-center text-center text-xs text-muted" role="status">
            {handledBy === TEAM ? "Our team" : `${handledBy} from our team`} is on this chat and
            will reply here.
          </li>
        )}
        {busy && partial && partial.replyTo === waitingFor && partial.text ? (
          <li
            data-testid="chat-partial"
            aria-busy="true"
            className="max-w-[85%] self-start whitespace-pre-wrap rounded-xl bg-stone-100 px-3 py-2 text-sm"
          >
            <span className="sr-only">Assistant (writing): </span>
            {partial.text}
          </li>
        ) : (
          busy && (
            <li
              className="self-start rounded-xl bg-stone-100 px-3 py-2 text-sm text-muted"
              role="status"
            >
              The assistant is typing…
            </li>
          )
        )}
      </ol>
      {fatal && <ErrorBox>{fatal}</ErrorBox>}
      {error && <ErrorBox>{error}</ErrorBox>}
      <form onSubmit={onSubmit} className="mt-2 flex min-w-0 items-end gap-2">
        <div className="flex min-w-0 flex-1 flex-col">
          <label htmlFor={compact ? "chat-input-widget" : "chat-input"} className="sr-only">
            Your message
          </label>
          <input
            id={compact ? "chat-input-widget" : "chat-input"}
            className="min-h-11 w-full min-w-0 rounded-lg border border-stone-300 px-3"
            placeholder="Ask about prices, dates…"
            ref={inputRef}
            value={text}
            maxLength={1000}
            onChange={(e) => {
              setText(e.target.value);
              if (!e.target.value) setHeard(false);
            }}
            aria-describedby={heard ? "chat-heard-hint" : undefined}
            autoComplete="off"
          />
        </div>
        <VoiceButton
          disabled={!session.ready || busy}
          onText={onVoice}
          onProblem={setVoiceProblem}
        />
        <Button
          type="submit"
          className="shrink-0"
          disabled={!session.ready || busy || !text.trim()}
        >
          Send
        </Button>
      </form>
      {heard && !voiceProblem && (
        <p id="chat-heard-hint" role="status" className="mt-1 text-sm" data-testid="chat-heard">
          This is what I heard. Correct it if a word is wrong, then press Send.
        </p>
      )}
      {voiceProblem && (
        <p role="alert" data-testid="chat-mic-error" className="mt-1 text-sm text-red-700">
          {voiceProblem}
        </p>
      )}
      {pageAction && (
        <p className="mt-1 text-sm" role="status" data-testid="chat-page-action">
          {pageAction.says}{" "}
          {!compact && (
            <Link href={pageAction.href} className="underline">
              Open the menu
            </Link>
          )}
        </p>
      )}
      {readAloud && (
        <button
          type="button"
          className="mt-1 self-start text-xs underline"
          onClick={() => {
            setReadAloud(false);
            window.speechSynthesis?.cancel();
          }}
        >
          Stop reading answers aloud
        </button>
      )}
      <div className="mt-1 flex justify-between text-xs text-muted">
        <span>Answers come from our menu and calendar; a person can take over anytime.</span>
        <button
          type="button"
          className="underline"
          onClick={() => void startOver()}
          disabled={resetting}
        >
          New chat
        </button>
      </div>
    </div>
  );
}
