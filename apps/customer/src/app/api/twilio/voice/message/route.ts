// Twilio Voice webhook: a message for staff left outside phone hours. Signature checked against the public URL
// (TWILIO_WEBHOOK_BASE_URL or CUSTOMER_URL) + this path. packages/api/src/twilio-voice.ts.
import { handleVoiceMessage } from "@myhibachi/api";
import { twilioDeps } from "~/server/twilio";

export const dynamic = "force-dynamic";
export const POST = (req: Request) => handleVoiceMessage(req, twilioDeps());
