// The REST API's OpenAPI 3.1 document, generated from the operation registry.
import { openApiResponse } from "@myhibachi/api";
import { env } from "~/env";

export const dynamic = "force-dynamic";
export const GET = () => openApiResponse("admin", env.ADMIN_URL);
