// Twilio's inbound SMS webhook (STOP / START / HELP, anything else answered with our phone):
// signature checked against CUSTOMER_URL + this path. packages/api/src/twilio-sms.ts.
import { handleTwilioSms } from "@myhibachi/api";
import { env } from "~/env";
import { deps } from "~/server/deps";

export const dynamic = "force-dynamic";
export const POST = (req: Request) =>
  handleTwilioSms(req, {
    db: deps().db,
    authToken: env.TWILIO_AUTH_TOKEN,
    publicUrl: env.CUSTOMER_URL,
  });
