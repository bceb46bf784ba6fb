import { healthResponse } from "@myhibachi/api";
import { deps } from "~/server/deps";

export const dynamic = "force-dynamic";
export const GET = () => healthResponse(deps());
