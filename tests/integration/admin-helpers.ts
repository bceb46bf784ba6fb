// Shared by the admin-*.int.test.ts files: users of every role and a tRPC caller for the admin
// router with a real context (test DB, real Redis cache).
import { randomBytes } from "node:crypto";
import { adminRouter, createCallerFactory, createContext } from "@myhibachi/api";
import { createAuth, type SessionUser } from "@myhibachi/auth";
import type { Db, Role } from "@myhibachi/db";
import type { Env } from "./helpers";

export type Who = "anonymous" | Role;

/** A user with a password (hashed by the auth library itself, via its sign-up) and a role. */
export async function createUser(db: Db, role: Role, password = "correct-horse-battery") {
  const signUp = createAuth({
    db,
    redis: null,
    secret: "x".repeat(40),
    baseURL: "http://127.0.0.1:3999",
    app: "customer",
    allowSignUp: true,
    sendEmail: async () => {},
  });
  const tag = randomBytes(6).toString("hex");
  const email = `${role.toLowerCase()}-${tag}@example.test`;
  const name = `${role[0]}${role.slice(1).toLowerCase()} ${tag}`;
  const r = await signUp.api.signUpEmail({ body: { email, password, name } });
  await db.user.update({ where: { id: r.user.id }, data: { role, emailVerified: true } });
  await db.session.deleteMany({ where: { userId: r.user.id } }); // sign-up signs in; start clean
  return { id: r.user.id, email, name, role, emailVerified: true, password };
}

export interface AdminCallers {
  users: Record<Role, SessionUser>;
  caller(who: Who): ReturnType<ReturnType<typeof createCallerFactory<typeof adminRouter>>>;
}

export async function adminCallers(
  env: Env,
  now?: () => Date,
  /** Where the customer emails go (default: dropped). */
  sendEmail: (email: {
    to: string;
    subject: string;
    text: string;
  }) => Promise<void> = async () => {},
): Promise<AdminCallers> {
  const db = env.t.db;
  const users = {
    CUSTOMER: await createUser(db, "CUSTOMER"),
    STAFF: await createUser(db, "STAFF"),
    OWNER: await createUser(db, "OWNER"),
  };
  const auth = createAuth({
    db,
    redis: env.redis,
    secret: "x".repeat(40),
    baseURL: "http://127.0.0.1:3999",
    app: "admin",
    sendEmail: async () => {},
  });
  const factory = createCallerFactory(adminRouter);
  const deps = {
    db,
    redis: env.redis,
    cache: env.cache,
    auth,
    sendEmail,
    customerUrl: "http://127.0.0.1:3999",
    cookieSecret: "x".repeat(40),
    ...(now ? { now } : {}),
  };
  return {
    users,
    caller: (who) =>
      factory(
        // createContext is sync in effect; the caller accepts a promise-free context object.
        { ...deps, headers: new Headers(), user: who === "anonymous" ? null : users[who] },
      ),
  };
}

/** A caller's procedure by its dotted path ("staff.chefs.create"). */
export function procedureAt(caller: unknown, path: string): (input: unknown) => Promise<unknown> {
  let node = caller as Record<string, unknown>;
  for (const part of path.split(".")) node = node[part] as Record<string, unknown>;
  return node as unknown as (input: unknown) => Promise<unknown>;
}

export { createContext };
