import "server-only";
import type { Transcriber } from "@myhibachi/ai";
import { transcriberFromEnv, voiceUnavailableReason, type WebVoiceDeps } from "@myhibachi/api";
import { env } from "~/env";
import { deps } from "./deps";

const g = globalThis as unknown as { __voice?: { transcriber: Transcriber | null; why?: string } };

/** Voice on the web's dependencies (packages/api/src/web-voice.ts): one transcriber per process. */
export function voiceDeps(): WebVoiceDeps {
  const d = deps();
  if (!g.__voice) {
    const transcriber = transcriberFromEnv(env);
    g.__voice = transcriber ? { transcriber } : { transcriber, why: voiceUnavailableReason(env) };
  }
  return {
    db: d.db,
    cache: d.cache,
    transcriber: g.__voice.transcriber,
    ...(g.__voice.why ? { unavailable: g.__voice.why } : {}),
    cookieSecret: d.cookieSecret,
    ...(d.clientAddress ? { clientAddress: d.clientAddress } : {}),
  };
}
