import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { createCallerFactory, createContext, adminRouter } from "@myhibachi/api";
import { getSessionUser, type SessionUser } from "@myhibachi/auth";
import { deps } from "./deps";

/** The signed-in staff member, or a redirect to sign-in (or to /forbidden for customers). */
export async function requireStaff(
  roles: ("STAFF" | "OWNER")[] = ["STAFF", "OWNER"],
): Promise<SessionUser> {
  const user = await getSessionUser(deps().auth, new Headers(await headers())).catch(() => null);
  if (!user) redirect("/sign-in");
  if (!roles.includes(user.role as "STAFF" | "OWNER")) redirect("/forbidden");
  return user;
}

const factory = createCallerFactory(adminRouter);
export async function adminApi() {
  const d = deps();
  const h = new Headers(await headers());
  return factory(await createContext(d, h, await getSessionUser(d.auth, h).catch(() => null)));
}
