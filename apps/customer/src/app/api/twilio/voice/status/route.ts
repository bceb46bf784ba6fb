// Twilio Voice webhook: the call's status callback (its end: duration, outcome, cost). Signature checked against the public URL
// (TWILIO_WEBHOOK_BASE_URL or CUSTOMER_URL) + this path. packages/api/src/twilio-voice.ts.
import { handleVoiceStatus } from "@myhibachi/api";
import { twilioDeps } from "~/server/twilio";

export const dynamic = "force-dynamic";
export const POST = (req: Request) => handleVoiceStatus(req, twilioDeps());
