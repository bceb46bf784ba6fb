// The REST API's documentation: one self-contained page rendered from the OpenAPI document.
import { apiDocsResponse } from "@myhibachi/api";
import { env } from "~/env";

export const dynamic = "force-dynamic";
export const GET = () => apiDocsResponse("admin", env.ADMIN_URL);
