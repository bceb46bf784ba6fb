// Twilio Voice webhook: what the caller said in one turn, answered by the assistant. Signature checked against the public URL
// (TWILIO_WEBHOOK_BASE_URL or CUSTOMER_URL) + this path. packages/api/src/twilio-voice.ts.
import { handleVoiceGather } from "@myhibachi/api";
import { twilioDeps } from "~/server/twilio";

export const dynamic = "force-dynamic";
export const POST = (req: Request) => handleVoiceGather(req, twilioDeps());
