// Twilio's inbound SMS webhook: STOP / START / HELP (campaigns), anything else answered by the
// assistant on the phone's SMS thread. Signature checked against the public URL
// (TWILIO_WEBHOOK_BASE_URL or CUSTOMER_URL) + this path. packages/api/src/twilio-sms.ts.
import { handleTwilioSms, smsConversationReply } from "@myhibachi/api";
import { env } from "~/env";
import { twilioDeps } from "~/server/twilio";

export const dynamic = "force-dynamic";
export const POST = (req: Request) => {
  const d = twilioDeps();
  return handleTwilioSms(req, {
    db: d.db,
    authToken: d.authToken,
    publicUrl: d.publicUrl,
    otherReply: smsConversationReply({
      db: d.db,
      siteUrl: env.CUSTOMER_URL,
      assistant: d.assistant,
      cache: d.cache,
    }),
  });
};
