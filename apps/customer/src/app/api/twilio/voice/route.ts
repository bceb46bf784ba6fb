// Twilio Voice webhook: a call comes in: the greeting, listening for speech. Signature checked against the public URL
// (TWILIO_WEBHOOK_BASE_URL or CUSTOMER_URL) + this path. packages/api/src/twilio-voice.ts.
import { handleVoiceIncoming } from "@myhibachi/api";
import { twilioDeps } from "~/server/twilio";

export const dynamic = "force-dynamic";
export const POST = (req: Request) => handleVoiceIncoming(req, twilioDeps());
