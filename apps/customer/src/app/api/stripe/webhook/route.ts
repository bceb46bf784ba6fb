// Stripe's webhook endpoint: signature checked, event stored once, processed by the worker.
import { handleStripeWebhook } from "@myhibachi/api";
import { deps } from "~/server/deps";

export const dynamic = "force-dynamic";
export const POST = (req: Request) => handleStripeWebhook(req, deps());
