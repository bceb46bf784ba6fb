import { healthResponse } from "@myhibachi/api";
import { env } from "~/env";
import { deps } from "~/server/deps";

export const dynamic = "force-dynamic";
export const GET = () => healthResponse(deps(), { email: env.SMTP_URL ? "smtp" : "not delivered" });
