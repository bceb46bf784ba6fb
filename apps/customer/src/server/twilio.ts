import "server-only";
import { assistantFor, speechFromEnv, type TwilioVoiceDeps } from "@myhibachi/api";
import { enqueue } from "@myhibachi/jobs";
import { env } from "~/env";
import { deps } from "./deps";

/** The Twilio webhooks' dependencies (packages/api/src/twilio-voice.ts). */
export function twilioDeps(): TwilioVoiceDeps {
  const d = deps();
  return {
    db: d.db,
    cache: d.cache,
    authToken: env.TWILIO_AUTH_TOKEN,
    publicUrl: env.TWILIO_WEBHOOK_BASE_URL ?? env.CUSTOMER_URL,
    siteUrl: env.CUSTOMER_URL,
    assistant: () => assistantFor(d),
    tts: speechFromEnv(env),
    sendSms: async (idempotencyKey) => {
      await enqueue(d.queues, "sms.send", { idempotencyKey });
    },
  };
}
