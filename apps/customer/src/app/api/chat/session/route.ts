// Gives an anonymous visitor a random id in an httpOnly cookie, so their conversation is theirs
// (the chat router reads it; scripts on the page can't).
import { randomBytes } from "node:crypto";
import { cookies } from "next/headers";
import { env } from "~/env";

export const dynamic = "force-dynamic";

const COOKIE = "mh_vid";

export async function POST() {
  const jar = await cookies();
  const existing = jar.get(COOKIE)?.value;
  if (existing && /^[A-Za-z0-9_-]{16,64}$/.test(existing)) return Response.json({ ok: true });
  jar.set(COOKIE, randomBytes(18).toString("base64url"), {
    httpOnly: true,
    sameSite: "lax",
    secure: env.CUSTOMER_URL.startsWith("https:"),
    path: "/",
    maxAge: 60 * 60 * 24 * 180,
  });
  return Response.json({ ok: true });
}
