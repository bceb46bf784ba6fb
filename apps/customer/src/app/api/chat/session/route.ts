// Gives an anonymous visitor a random id in an httpOnly cookie signed with AUTH_SECRET, so their
// conversation is theirs (the chat router reads it; scripts on the page can't) and they can't pick
// someone else's id or a fresh one per message. A missing, malformed or forged cookie is replaced.
import { cookies } from "next/headers";
import { newVisitorCookie, verifyVisitorCookie, VISITOR_COOKIE } from "@myhibachi/api";
import { env } from "~/env";

export const dynamic = "force-dynamic";

export async function POST() {
  const jar = await cookies();
  if (verifyVisitorCookie(jar.get(VISITOR_COOKIE)?.value, env.AUTH_SECRET))
    return Response.json({ ok: true });
  jar.set(VISITOR_COOKIE, newVisitorCookie(env.AUTH_SECRET), {
    httpOnly: true,
    sameSite: "lax",
    secure: env.CUSTOMER_URL.startsWith("https:"),
    path: "/",
    maxAge: 60 * 60 * 24 * 180,
  });
  return Response.json({ ok: true });
}
