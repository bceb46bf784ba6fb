// Which origins an app trusts for state-changing requests (and better-auth for callbacks): its own
// configured URL, the same address under the other loopback names when it runs on this machine
// (http://localhost:3000 and http://127.0.0.1:3000 are the same site to the person at the
// keyboard), and the extra addresses listed in ALLOWED_ORIGINS.

import { z } from "zod";

const LOOPBACK = ["localhost", "127.0.0.1", "[::1]"];

function originOf(value: string): string | null {
  try {
    const u = new URL(value);
    if (u.protocol !== "http:" && u.protocol !== "https:") return null;
    return u.origin;
  } catch {
    return null;
  }
}

/**
 * Parses ALLOWED_ORIGINS: comma- or space-separated origins such as
 * "http://192.168.1.20:3000, https://hibachi.example". Entries that are not an http(s) origin
 * (a path, a typo) are returned in `invalid` so startup can say which one is wrong.
 */
export function parseAllowedOrigins(list: string | undefined): {
  origins: string[];
  invalid: string[];
} {
  const origins: string[] = [];
  const invalid: string[] = [];
  for (const entry of (list ?? "").split(/[\s,]+/).filter(Boolean)) {
    const origin = originOf(entry);
    // "https://x.example/" is fine; "https://x.example/app" is not an origin.
    if (origin && entry.replace(/\/$/, "") === origin) origins.push(origin);
    else invalid.push(entry);
  }
  return { origins, invalid };
}

/** The origins an app with public URL `appUrl` accepts requests and redirects from. */
export function trustedOrigins(appUrl: string, allowedOrigins?: string): string[] {
  const own = new URL(appUrl);
  const set = new Set<string>([own.origin]);
  if (LOOPBACK.includes(own.hostname)) {
    for (const host of LOOPBACK) {
      const alias = new URL(own.origin);
      alias.hostname = host;
      set.add(alias.origin);
    }
  }
  for (const origin of parseAllowedOrigins(allowedOrigins).origins) set.add(origin);
  return [...set];
}

/** ALLOWED_ORIGINS in an app's env schema: startup names the entry that is wrong. */
export const allowedOriginsSchema = z
  .string()
  .optional()
  .superRefine((list, ctx) => {
    const { invalid } = parseAllowedOrigins(list);
    if (invalid.length)
      ctx.addIssue({
        code: "custom",
        message: `ALLOWED_ORIGINS: ${invalid.join(", ")} is not an origin like http://192.168.1.20:3000 (scheme, host and port; no path).`,
      });
  });
