import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { createCallerFactory, createContext, adminRouter, sessionUser } from "@myhibachi/api";
import { safeNextPath } from "@myhibachi/api/http";
import type { SessionUser } from "@myhibachi/auth";
import { deps } from "./deps";

/**
 * The signed-in staff member, or a redirect to sign-in (or to /forbidden for customers). When the
 * session can't be read this throws (the error page says to try again): a signed-in owner is
 * never sent to sign in because the database didn't answer.
 */
export async function requireStaff(
  roles: ("STAFF" | "OWNER")[] = ["STAFF", "OWNER"],
): Promise<SessionUser> {
  const h = await headers();
  const user = await sessionUser(deps(), new Headers(h));
  // Back to this page after signing in (x-mh-path is set by src/proxy.ts, never by the client).
  if (!user) {
    const back = safeNextPath(h.get("x-mh-path"));
    redirect(back === "/" ? "/sign-in" : `/sign-in?next=${encodeURIComponent(back)}`);
  }
  if (!roles.includes(user.role as "STAFF" | "OWNER")) redirect("/forbidden");
  return user;
}

const factory = createCallerFactory(adminRouter);
export async function adminApi() {
  const d = deps();
  const h = new Headers(await headers());
  return factory(await createContext(d, h, await sessionUser(d, h)));
}
