// Twilio Voice webhook: how the transfer to the business phone ended (<Dial action>). Signature
// checked against the public URL (TWILIO_WEBHOOK_BASE_URL or CUSTOMER_URL) + this path.
// packages/api/src/twilio-voice.ts.
import { handleVoiceDial } from "@myhibachi/api";
import { twilioDeps } from "~/server/twilio";

export const dynamic = "force-dynamic";
export const POST = (req: Request) => handleVoiceDial(req, twilioDeps());
