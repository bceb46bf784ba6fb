"use client";
// Voice in the chat (issue 17, voice on the web): the microphone button records what the
// customer says in the browser (16 kHz mono WAV, wav.ts), the server transcribes it
// (POST /api/voice/transcribe: OpenAI when configured, else the local recognizer), and the words
// go into the chat's box, for the customer to check and send as a typed message. A request about
// the menu also opens the menu filtered (voice-commands.ts); free times come back as the chat's
// time buttons. The answers can
// be read aloud (the browser's speech synthesis; links and symbols left out).
import { useCallback, useEffect, useRef, useState } from "react";
import { downsample, encodeWav, loudness } from "./wav";

/** Stops by itself after this long quiet once speech was heard, or at the longest. */
const QUIET_MS = 1_200;
const LONGEST_MS = 15_000;
/** Louder than this is speech (RMS of a block, -1..1 samples). */
const SPEECH_LEVEL = 0.015;

type VoiceState =
  | { kind: "idle" }
  | { kind: "listening"; heard: boolean }
  | { kind: "transcribing" }
  | { kind: "error"; message: string };

/** Whether the server can transcribe (a recognizer or a key is configured), asked once. */
function useVoiceAvailable(): boolean {
  const [available, setAvailable] = useState(false);
  useEffect(() => {
    if (typeof navigator === "undefined" || !navigator.mediaDevices?.getUserMedia) return;
    let live = true;
    fetch("/api/voice/transcribe", { method: "GET" })
      .then((r) => (r.ok ? r.json() : null))
      .then((j: { available?: boolean } | null) => live && setAvailable(!!j?.available))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  return available;
}

const micError = (err: unknown): string => {
  const name = (err as { name?: string })?.name;
  if (name === "NotAllowedError" || name === "SecurityError")
    return "The microphone is blocked. Allow it for this site in your browser's settings, or type your message.";
  if (name === "NotFoundError") return "No microphone found. Type your message instead.";
  return "The microphone could not start. Type your message instead.";
};

/** Records until quiet (or stopped), then returns the WAV. */
function useRecorder(onState: (s: VoiceState) => void) {
  const stopRef = useRef<(() => void) | null>(null);
  const record = useCallback(async (): Promise<ArrayBuffer | null> => {
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({
        audio: { channelCount: 1, echoCancellation: true, noiseSuppression: true },
      });
    } catch (err) {
      onState({ kind: "error", message: micError(err) });
      return null;
    }
    const ctx = new AudioContext();
    const source = ctx.createMediaStreamSource(stream);
    // ScriptProcessor: every browser has it, and it needs no separate worklet file.
    const node = ctx.createScriptProcessor(4096, 1, 1);
    const blocks: Float32Array[] = [];
    const started = performance.now();
    let heard = false;
    let quietSince = 0;
    onState({ kind: "listening", heard: false });
    const done = new Promise<void>((resolve) => {
      stopRef.current = resolve;
      node.onaudioprocess = (e) => {
        const block = new Float32Array(e.inputBuffer.getChannelData(0));
        blocks.push(block);
        const now = performance.now();
        if (loudness(block) > SPEECH_LEVEL) {
          if (!heard) onState({ kind: "listening", heard: true });
          heard = true;
          quietSince = 0;
        } else if (heard) {
          quietSince ||= now;
          if (now - quietSince > QUIET_MS) resolve();
        }
        if (now - started > LONGEST_MS) resolve();
      };
    });
    source.connect(node);
    node.connect(ctx.destination);
    await done;
    stopRef.current = null;
    node.disconnect();
    source.disconnect();
    stream.getTracks().forEach((t) => t.stop());
    const rate = ctx.sampleRate;
    await ctx.close();
    if (!heard) {
      onState({
        kind: "error",
        message: "I didn't hear anything. Tap the microphone and speak, or type your message.",
      });
      return null;
    }
    const all = new Float32Array(blocks.reduce((n, b) => n + b.length, 0));
    let at = 0;
    for (const b of blocks) {
      all.set(b, at);
      at += b.length;
    }
    return encodeWav(downsample(all, rate));
  }, [onState]);
  const stop = useCallback(() => stopRef.current?.(), []);
  return { record, stop };
}

/** An answer as it is read aloud: no links, markdown or bullets (the screen shows them). */
export function forReading(text: string): string {
  return text
    .replace(/https?:\/\/\S+/g, "the link")
    .replace(/[*_#`>|]+/g, " ")
    .replace(/^\s*[-•]\s+/gm, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** Reads an assistant's answer aloud (the browser's voice). */
export function speak(text: string): void {
  if (typeof window === "undefined" || !("speechSynthesis" in window)) return;
  window.speechSynthesis.cancel();
  const u = new SpeechSynthesisUtterance(forReading(text));
  u.lang = "en-US";
  window.speechSynthesis.speak(u);
}

/**
 * The microphone button, shown only when the server can transcribe and the browser can record.
 * `onText` gets the words heard (put in the chat's box by the panel, to check before sending).
 */
export function VoiceButton({
  disabled,
  onText,
  onProblem,
}: {
  disabled: boolean;
  onText: (text: string) => void;
  /** What went wrong, in words (shown under the form by the panel), or null when all is well. */
  onProblem: (message: string | null) => void;
}) {
  const available = useVoiceAvailable();
  const [state, setStateRaw] = useState<VoiceState>({ kind: "idle" });
  const setState = useCallback(
    (s: VoiceState) => {
      setStateRaw(s);
      onProblem(s.kind === "error" ? s.message : null);
    },
    [onProblem],
  );
  const { record, stop } = useRecorder(setState);
  if (!available) return null;
  const listening = state.kind === "listening";
  async function start() {
    const wav = await record();
    if (!wav) return;
    setState({ kind: "transcribing" });
    try {
      const res = await fetch("/api/voice/transcribe", {
        method: "POST",
        headers: { "content-type": "audio/wav" },
        body: wav,
      });
      const j = (await res.json().catch(() => ({}))) as { text?: string; error?: string };
      if (!res.ok)
        return setState({
          kind: "error",
          message: j.error ?? "Voice didn't work this time. Please type your message.",
        });
      const text = (j.text ?? "").trim();
      if (!text)
        return setState({
          kind: "error",
          message: "I couldn't make out the words. Try again closer to the microphone, or type.",
        });
      setState({ kind: "idle" });
      onText(text);
    } catch {
      setState({
        kind: "error",
        message: "Voice didn't work this time. Please type your message.",
      });
    }
  }
  const label = listening
    ? "Stop listening"
    : state.kind === "transcribing"
      ? "Working out what you said"
      : "Speak instead of typing";
  return (
    <>
      <button
        type="button"
        data-testid="chat-mic"
        aria-label={label}
        aria-pressed={listening}
        title={label}
        disabled={disabled || state.kind === "transcribing"}
        onClick={() => (listening ? stop() : void start())}
        className={`flex min-h-11 min-w-11 shrink-0 items-center justify-center rounded-lg border px-3 disabled:opacity-50 ${
          listening
            ? "border-red-600 bg-red-50 text-red-700"
            : "border-stone-300 bg-white text-stone-800"
        }`}
      >
        <svg aria-hidden="true" viewBox="0 0 24 24" className="h-5 w-5" fill="currentColor">
          <path d="M12 14a3 3 0 0 0 3-3V5a3 3 0 0 0-6 0v6a3 3 0 0 0 3 3Zm5-3a5 5 0 0 1-10 0H5a7 7 0 0 0 6 6.92V21h2v-3.08A7 7 0 0 0 19 11h-2Z" />
        </svg>
      </button>
      <span role="status" className="sr-only">
        {state.kind === "listening"
          ? state.heard
            ? "Listening. I'll stop when you pause."
            : "Listening…"
          : state.kind === "transcribing"
            ? "Working out what you said…"
            : ""}
      </span>
    </>
  );
}
