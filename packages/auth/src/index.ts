// Accounts and sessions for both apps: better-auth with its Prisma adapter (users, sessions,
// accounts and verification tokens live in Postgres), email + password and emailed sign-in links,
// and sign-in rate limiting counted in Redis (in memory when Redis is down).
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { APIError, createAuthMiddleware } from "better-auth/api";
import { magicLink } from "better-auth/plugins/magic-link";
import type { Db, Role } from "@myhibachi/db";
import type { Redis } from "ioredis";

export type { Role };

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  /** True once the user proved they own the email (emailed link). */
  emailVerified: boolean;
}

export interface AuthOptions {
  db: Db;
  redis: Redis | null;
  secret: string;
  baseURL: string;
  /** Origins trusted for callback URLs and cookie-carrying requests besides baseURL's own. */
  trustedOrigins?: string[];
  /** "customer" or "admin": separate cookies, since cookies do not isolate by port. */
  app: "customer" | "admin";
  sendEmail: (msg: {
    to: string;
    subject: string;
    text: string;
    idempotencyKey: string;
  }) => Promise<void>;
  /** Sign-in attempts allowed per IP per window (seconds). */
  signInLimit?: { max: number; window: number };
  /**
   * Sign-in attempts allowed per email address per window (seconds), whatever the IP: stops a
   * password guesser who rotates IPs (or spoofs X-Forwarded-For). Default 10 per 15 minutes.
   */
  emailSignInLimit?: { max: number; window: number };
  /** Allow new accounts to be created by sign-up (customer app only). */
  allowSignUp?: boolean;
}

/** Fixed-window counter in Redis; falls back to memory so a Redis outage doesn't open the door. */
export function createRateLimitStorage(redis: Redis | null, prefix: string) {
  const memory = new Map<string, { count: number; resetAt: number }>();
  return {
    async consume(key: string, rule: { window: number; max: number }) {
      if (redis && redis.status === "ready") {
        try {
          const k = `${prefix}:rl:${key}`;
          const res = await redis.multi().incr(k).expire(k, rule.window, "NX").pttl(k).exec();
          const count = Number(res?.[0]?.[1] ?? 0);
          const ttl = Number(res?.[2]?.[1] ?? rule.window * 1000);
          return count > rule.max
            ? { allowed: false, retryAfter: Math.max(1, Math.ceil(ttl / 1000)) }
            : { allowed: true, retryAfter: null };
        } catch {
          /* fall through to memory */
        }
      }
      const now = Date.now();
      const cur = memory.get(key);
      if (!cur || cur.resetAt <= now) {
        memory.set(key, { count: 1, resetAt: now + rule.window * 1000 });
        return { allowed: true, retryAfter: null };
      }
      cur.count++;
      if (cur.count > rule.max)
        return { allowed: false, retryAfter: Math.ceil((cur.resetAt - now) / 1000) };
      return { allowed: true, retryAfter: null };
    },
  };
}

export function createAuth(o: AuthOptions) {
  const limit = o.signInLimit ?? { max: 5, window: 60 };
  const emailLimit = o.emailSignInLimit ?? { max: 10, window: 15 * 60 };
  const storage = createRateLimitStorage(o.redis, `myhibachi:auth:${o.app}`);
  return betterAuth({
    appName: "MyHibachi",
    secret: o.secret,
    baseURL: o.baseURL,
    trustedOrigins: o.trustedOrigins,
    database: prismaAdapter(o.db, { provider: "postgresql" }),
    emailAndPassword: {
      enabled: true,
      minPasswordLength: 8,
      maxPasswordLength: 128,
      disableSignUp: !o.allowSignUp,
    },
    session: {
      expiresIn: 60 * 60 * 24 * 7,
      updateAge: 60 * 60 * 24,
    },
    user: {
      additionalFields: {
        role: { type: "string", required: false, defaultValue: "CUSTOMER", input: false },
      },
    },
    rateLimit: {
      enabled: true,
      window: 60,
      max: 120,
      customStorage: storage,
      customRules: {
        "/sign-in/email": limit,
        "/sign-in/magic-link": limit,
        "/sign-up/email": limit,
      },
    },
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== "/sign-in/email" && ctx.path !== "/sign-in/magic-link") return;
        const email = (ctx.body as { email?: unknown } | undefined)?.email;
        if (typeof email !== "string" || !email) return;
        const key = `email:${ctx.path}:${email.trim().toLowerCase()}`;
        const r = await storage.consume(key, emailLimit);
        if (!r.allowed)
          throw new APIError("TOO_MANY_REQUESTS", {
            message: `Too many sign-in attempts for this account. Try again in ${Math.ceil((r.retryAfter ?? 60) / 60)} minutes.`,
          });
      }),
    },
    advanced: {
      cookiePrefix: `mh-${o.app}`,
      ipAddress: { ipAddressHeaders: ["x-forwarded-for", "x-real-ip"] },
    },
    plugins: [
      magicLink({
        expiresIn: 15 * 60,
        disableSignUp: !o.allowSignUp,
        sendMagicLink: async ({ email, url, token }) => {
          await o.sendEmail({
            to: email,
            subject: "Your MyHibachi sign-in link",
            text: `Hi! Use this link to sign in to MyHibachi. It works once and expires in 15 minutes:\n\n${url}\n\nIf you didn't ask for it, you can ignore this email.`,
            idempotencyKey: `magic-link:${token}`,
          });
        },
      }),
    ],
  });
}

export type Auth = ReturnType<typeof createAuth>;

/** Reads the session for a request's headers, or null. */
export async function getSessionUser(auth: Auth, headers: Headers): Promise<SessionUser | null> {
  const s = await auth.api.getSession({ headers });
  if (!s) return null;
  const u = s.user as {
    id: string;
    email: string;
    name: string;
    role?: string;
    emailVerified?: boolean;
  };
  const role = (u.role === "OWNER" || u.role === "STAFF" ? u.role : "CUSTOMER") as Role;
  return { id: u.id, email: u.email, name: u.name, role, emailVerified: u.emailVerified === true };
}
