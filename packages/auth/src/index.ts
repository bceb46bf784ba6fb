// Accounts and sessions for both apps: better-auth with its Prisma adapter (users, sessions,
// accounts and verification tokens live in Postgres), email + password and emailed sign-in links.
//
// Security rules kept here (issue 9):
// - Sessions are bound to the app that issued them: each app signs its cookies with its own key
//   derived from AUTH_SECRET, so a customer-app session token is worthless on the admin app.
// - Sign-up answers the same whether or not the email has an account (no session either way); the
//   new account gets a confirmation link, an existing one a note that someone tried.
// - An email counts as verified only when proven BY THE ACCOUNT: an emailed sign-in link (which
//   also strips a password and sessions set up before the proof), or the confirmation link opened
//   while signed in to that same account. Bookings are shown only to verified accounts (core:
//   customerIdsForUser).
// - Sign-in lockout counts failed passwords only, per client address (proxy-aware, see
//   client-ip.ts) and per account; magic-link tokens are stored hashed.
import { createHash, createHmac } from "node:crypto";
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { APIError, createAuthMiddleware } from "better-auth/api";
import { magicLink } from "better-auth/plugins/magic-link";
import type { Db, Role } from "@myhibachi/db";
import type { Redis } from "ioredis";
import { clientIp, parseTrustedProxies, rateLimitAddress } from "./client-ip";
import {
  consume,
  createLimiter,
  createSignInThrottle,
  rateLimitStorage,
  retryIn,
  SignInRefused,
  type Limit,
  type SignInLimits,
} from "./throttle";

export type { Role };
export {
  clientIp,
  installPeerAddressHeader,
  parseTrustedProxies,
  withPeerAddress,
} from "./client-ip";
export type { Limit, SignInLimits } from "./throttle";

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  /** True once the account proved it owns the email (emailed link, or confirmation link). */
  emailVerified: boolean;
}

export interface AuthOptions {
  db: Db;
  redis: Redis | null;
  secret: string;
  baseURL: string;
  /** Origins trusted for callback URLs and cookie-carrying requests besides baseURL's own. */
  trustedOrigins?: string[];
  /**
   * The request's own origin, when the app trusts it per request (the site opened by its IP
   * address: see sameIpOrigin in packages/api/src/http/edge.ts), else null.
   */
  requestOrigin?: (request: Request) => string | null;
  /** "customer" or "admin": separate cookies and signing keys (sessions don't cross apps). */
  app: "customer" | "admin";
  sendEmail: (msg: {
    to: string;
    subject: string;
    text: string;
    idempotencyKey: string;
  }) => Promise<void>;
  /** Redis key prefix of the rate limits (default "myhibachi"); `:auth:<app>` is appended. */
  keyPrefix?: string;
  /** TRUSTED_PROXIES (see client-ip.ts): which X-Forwarded-For hops are our own proxies. */
  trustedProxies?: string;
  /** Lockout after failed password sign-ins (per address+account, per account, per address). */
  signInLimits?: SignInLimits;
  /** Sign-in links and sign-up emails per address per window (seconds). Default 5 a minute. */
  emailRequestLimit?: Limit;
  /** Emails (sign-in links, confirmations, sign-up notes) per recipient. Default 5 / 15 min. */
  emailsPerRecipientLimit?: Limit;
  /** Allow new accounts to be created by sign-up (customer app only). */
  allowSignUp?: boolean;
}

/**
 * Header carrying the client address we resolved, for better-auth's own request limits and the
 * session's recorded IP (set by our `handler`, which drops any value a client sent).
 */
const CLIENT_IP_HEADER = "x-myhibachi-client-ip";

/** A per-app signing key: a session cookie signed for one app does not verify on the other. */
export function appSecret(secret: string, app: string): string {
  return createHmac("sha256", secret).update(`myhibachi-auth:${app}`).digest("base64url");
}

const sha256 = (s: string) => createHash("sha256").update(s).digest("base64url");
const normalEmail = (e: unknown) => (typeof e === "string" ? e.trim().toLowerCase() : "");

export function createAuth(o: AuthOptions) {
  const prefix = `${o.keyPrefix ?? "myhibachi"}:auth:${o.app}`;
  const trust = parseTrustedProxies(o.trustedProxies);
  const requestLimit = o.emailRequestLimit ?? { max: 5, window: 60 };
  const signIn = createSignInThrottle(o.redis, prefix, o.signInLimits);
  const perRecipient = createLimiter(
    o.redis,
    `${prefix}:mail-to`,
    o.emailsPerRecipientLimit ?? { max: 5, window: 15 * 60 },
  );
  /** The client address a limit counts (from the socket and trusted hops, never the client). */
  const addressOf = (headers: Headers | undefined) => {
    const ip = headers ? clientIp(headers, trust) : null;
    return ip ? rateLimitAddress(ip) : "unknown";
  };
  // Filled in below; the email verification guard needs to read sessions.
  const self: {
    auth?: {
      api: { getSession(a: { headers: Headers }): Promise<{ user: { id: string } } | null> };
    };
  } = {};

  const auth = betterAuth({
    appName: "MyHibachi",
    secret: appSecret(o.secret, o.app),
    baseURL: o.baseURL,
    trustedOrigins: o.requestOrigin
      ? (request?: Request) => {
          const own = request ? o.requestOrigin!(request) : null;
          return [...(o.trustedOrigins ?? []), ...(own ? [own] : [])];
        }
      : o.trustedOrigins,
    database: prismaAdapter(o.db, { provider: "postgresql" }),
    emailAndPassword: {
      enabled: true,
      minPasswordLength: 8,
      maxPasswordLength: 128,
      disableSignUp: !o.allowSignUp,
      // No session at sign-up: with one, a sign-up for an existing email would answer
      // differently. better-auth then answers an existing email with the same shape as a new one.
      autoSignIn: false,
      onExistingUserSignUp: async ({ user }) => {
        await o.sendEmail({
          to: user.email,
          subject: "Someone tried to create a MyHibachi account with your email",
          text: `Hi ${user.name || "there"},\n\nSomeone (maybe you) tried to create a MyHibachi account with this email address. You already have an account, so nothing was changed.\n\nTo sign in, open ${new URL("/sign-in", o.baseURL).toString()} and ask for an emailed sign-in link.\n\nIf it wasn't you, you can ignore this email.`,
          idempotencyKey: `signup-existing:${user.id}:${Date.now()}`,
        });
      },
    },
    emailVerification: {
      sendOnSignUp: true,
      autoSignInAfterVerification: false,
      expiresIn: 24 * 3600,
      sendVerificationEmail: async ({ user, token }) => {
        const url = new URL("/verify-email", o.baseURL);
        url.searchParams.set("token", token);
        await o.sendEmail({
          to: user.email,
          subject: "Confirm your email for MyHibachi",
          text: `Hi ${user.name || "there"},\n\nConfirm that this is your email to see and manage your bookings on MyHibachi. Open this link on the device where you are signed in (you'll be asked for your password otherwise):\n\n${url.toString()}\n\nIt works for 24 hours. If you didn't create a MyHibachi account, ignore this email: nobody can use the account without this link.`,
          idempotencyKey: `verify-email:${sha256(token)}`,
        });
      },
      // The confirmation link proves the mailbox; the session proves the account. Both are
      // required, or whoever receives a link could confirm an account someone else controls.
      beforeEmailVerification: async (user, request) => {
        const session =
          request && self.auth
            ? await self.auth.api.getSession({ headers: request.headers })
            : null;
        if (session?.user.id !== user.id)
          throw new APIError("FORBIDDEN", {
            code: "SIGN_IN_TO_CONFIRM",
            message:
              "Sign in to the account first (with its password), then open the link again. If you didn't create this account, sign in with an emailed link instead.",
          });
      },
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
      customStorage: rateLimitStorage(o.redis, prefix),
      customRules: {
        // Password sign-ins lock out on failures only (hooks below); this is just a flood guard.
        "/sign-in/email": { max: 100, window: 60 },
        "/sign-in/magic-link": requestLimit,
        "/sign-up/email": requestLimit,
        "/send-verification-email": requestLimit,
      },
    },
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        const email = normalEmail((ctx.body as { email?: unknown } | undefined)?.email);
        if (!email) return;
        if (ctx.path === "/sign-in/email") {
          try {
            await signIn.begin(addressOf(ctx.headers), email);
          } catch (err) {
            if (!(err instanceof SignInRefused)) throw err;
            throw new APIError(
              "TOO_MANY_REQUESTS",
              { code: "TOO_MANY_FAILED_SIGN_INS", message: err.message },
              { "Retry-After": String(err.retryAfter) },
            );
          }
        } else if (
          ctx.path === "/sign-in/magic-link" ||
          ctx.path === "/sign-up/email" ||
          ctx.path === "/send-verification-email"
        ) {
          // Every one of these may email the address: don't let anyone flood an inbox.
          const r = await consume(perRecipient, email);
          if (!r.allowed)
            throw new APIError(
              "TOO_MANY_REQUESTS",
              {
                code: "TOO_MANY_EMAILS",
                message: `We've sent several emails to this address already. Check your inbox, or try again in ${retryIn(r.retryAfter!)}.`,
              },
              { "Retry-After": String(r.retryAfter) },
            );
        }
      }),
      after: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== "/sign-in/email" || !ctx.context.newSession) return;
        const email = normalEmail((ctx.body as { email?: unknown } | undefined)?.email);
        await signIn.succeeded(addressOf(ctx.headers), email);
      }),
    },
    advanced: {
      cookiePrefix: `mh-${o.app}`,
      // Only our handler sets this header (from the socket and the trusted proxy hops).
      ipAddress: { ipAddressHeaders: [CLIENT_IP_HEADER] },
    },
    plugins: [
      magicLink({
        expiresIn: 15 * 60,
        disableSignUp: !o.allowSignUp,
        // Only a hash is stored: a copy of the database can't be used to sign in.
        storeToken: "hashed",
        sendMagicLink: async ({ email, url, token }) => {
          await o.sendEmail({
            to: email,
            subject: "Your MyHibachi sign-in link",
            text: `Hi! Use this link to sign in to MyHibachi. It works once and expires in 15 minutes:\n\n${url}\n\nIf you didn't ask for it, you can ignore this email.`,
            idempotencyKey: `magic-link:${sha256(token)}`,
          });
        },
      }),
    ],
  });
  self.auth = auth as unknown as typeof self.auth;

  /** The HTTP entry point: resolves the client address (never trusting the client's claim). */
  const handler = (req: Request): Promise<Response> => {
    const headers = new Headers(req.headers);
    headers.delete(CLIENT_IP_HEADER);
    const ip = clientIp(req.headers, trust);
    if (ip) headers.set(CLIENT_IP_HEADER, ip);
    return auth.handler(new Request(req, { headers })).then(inWords);
  };
  return { ...auth, handler };
}

/**
 * better-auth's refusals that are about the request, not the person ("Invalid origin", "Invalid
 * callbackURL"), said so a person can act on them. Every other answer passes as it is.
 */
const REFUSALS_IN_WORDS: Record<string, string> = {
  INVALID_ORIGIN:
    "This page was opened at an address that isn't this site's. Open the site from its usual address and try again.",
  MISSING_OR_NULL_ORIGIN:
    "Your browser didn't say which page this came from. Reload the page and try again.",
  INVALID_CALLBACK_URL:
    "This sign-in link points outside the site. Start again from the sign-in page.",
  INVALID_REDIRECT_URL:
    "This sign-in link points outside the site. Start again from the sign-in page.",
  INVALID_ERROR_CALLBACK_URL:
    "This sign-in link points outside the site. Start again from the sign-in page.",
  INVALID_NEW_USER_CALLBACK_URL:
    "This sign-in link points outside the site. Start again from the sign-in page.",
};

async function inWords(res: Response): Promise<Response> {
  if (res.status !== 403 || !res.headers.get("content-type")?.includes("application/json"))
    return res;
  const body = (await res
    .clone()
    .json()
    .catch(() => null)) as { code?: string; message?: string } | null;
  const words = body?.code ? REFUSALS_IN_WORDS[body.code] : undefined;
  if (!words) return res;
  const headers = new Headers(res.headers);
  headers.delete("content-length");
  return new Response(JSON.stringify({ ...body, message: words }), { status: 403, headers });
}

export type Auth = ReturnType<typeof createAuth>;

/**
 * The session could not be read (its store, Postgres, did not answer). Not the same as signed
 * out: callers answer 503 instead of treating the person as a visitor.
 */
export class SessionUnavailableError extends Error {
  constructor(cause: unknown) {
    super(
      `the session could not be read: ${cause instanceof Error ? cause.message : String(cause)}`,
      {
        cause,
      },
    );
    this.name = "SessionUnavailableError";
  }
}

/**
 * Reads the session for a request's headers: the user, or null when signed out (no cookie, a bad
 * or expired one, a session ended meanwhile). Throws SessionUnavailableError (logged here) when
 * the session store fails.
 */
export async function getSessionUser(auth: Auth, headers: Headers): Promise<SessionUser | null> {
  let s: Awaited<ReturnType<Auth["api"]["getSession"]>>;
  try {
    s = await auth.api.getSession({ headers });
  } catch (err) {
    // better-auth answers 401 when the session is deleted while it refreshes it: signed out.
    if (err instanceof APIError && err.status === "UNAUTHORIZED") return null;
    const unavailable = new SessionUnavailableError(err);
    console.error(`[auth] ${unavailable.message}; answering "try again", not "signed out"`);
    throw unavailable;
  }
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
