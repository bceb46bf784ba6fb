// The anonymous chat visitor's id, in an httpOnly cookie signed with the app's secret. The id
// keys the visitor's conversation and their chat rate limit, so a client must not be able to
// choose it: a cookie without a valid signature is ignored (and /api/chat/session issues a new
// signed one). Rotating cookies only gets fresh ids from us, which the per-IP limit still counts.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

export const VISITOR_COOKIE = "mh_vid";
const ID_RE = /^[A-Za-z0-9_-]{16,64}$/;

function mac(id: string, secret: string): Buffer {
  // Domain-separated from every other use of the secret.
  return createHmac("sha256", secret).update(`visitor-cookie:${id}`).digest();
}

/** The cookie value "<id>.<signature>" for visitor id `id`. */
export function signVisitorId(id: string, secret: string): string {
  return `${id}.${mac(id, secret).toString("base64url")}`;
}

/** The cookie value for a new random visitor id. */
export function newVisitorCookie(secret: string): string {
  return signVisitorId(randomBytes(18).toString("base64url"), secret);
}

/** The visitor id of a cookie value, or null when it is malformed or not signed by us. */
export function verifyVisitorCookie(
  value: string | null | undefined,
  secret: string,
): string | null {
  if (!value) return null;
  const dot = value.lastIndexOf(".");
  if (dot < 0) return null;
  const id = value.slice(0, dot);
  if (!ID_RE.test(id)) return null;
  const given = Buffer.from(value.slice(dot + 1), "base64url");
  const expected = mac(id, secret);
  return given.length === expected.length && timingSafeEqual(given, expected) ? id : null;
}

/** The verified visitor id from a request's Cookie header. */
export function visitorIdFrom(headers: Headers, secret: string): string | null {
  for (const part of (headers.get("cookie") ?? "").split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k !== VISITOR_COOKIE) continue;
    let raw: string;
    try {
      raw = decodeURIComponent(v.join("="));
    } catch {
      return null;
    }
    return verifyVisitorCookie(raw, secret);
  }
  return null;
}
