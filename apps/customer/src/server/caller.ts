import "server-only";
import { headers } from "next/headers";
import { createCallerFactory, createContext, customerRouter, sessionUser } from "@myhibachi/api";
import { deps } from "./deps";

const factory = createCallerFactory(customerRouter);

/** A tRPC caller for server components: same router, same checks as the HTTP API. */
export async function api() {
  const d = deps();
  const h = new Headers(await headers());
  return factory(await createContext(d, h, await sessionUser(d, h)));
}
