import "server-only";
import { headers } from "next/headers";
import { createCallerFactory, createContext, customerRouter } from "@myhibachi/api";
import { getSessionUser } from "@myhibachi/auth";
import { deps } from "./deps";

const factory = createCallerFactory(customerRouter);

/** A tRPC caller for server components: same router, same checks as the HTTP API. */
export async function api() {
  const d = deps();
  const h = new Headers(await headers());
  const user = await getSessionUser(d.auth, h).catch(() => null);
  return factory(await createContext(d, h, user));
}
