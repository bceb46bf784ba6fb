// API keys for the admin REST API. A key reads as the owner who made it and can change nothing
// (the caller built from it has `viaApiKey`, and runParsed refuses every mutation for it). Only
// a sha256 of the key is stored: the key itself is shown once, when it is created.
import { createHash, randomBytes } from "node:crypto";
import type { Db } from "@myhibachi/db";
import type { CallerUser } from "./operations/define";

export const API_KEY_PREFIX = "mhk_";
/** How often a key's lastUsedAt is written (a busy key doesn't write on every request). */
const LAST_USED_EVERY_MS = 60_000;

export const hashApiKey = (key: string) => createHash("sha256").update(key).digest("hex");

/** A new key: the secret (shown once), its hash (stored) and its first characters (listed). */
export function newApiKey(): { key: string; keyHash: string; prefix: string } {
  const key = `${API_KEY_PREFIX}${randomBytes(32).toString("base64url")}`;
  return { key, keyHash: hashApiKey(key), prefix: key.slice(0, API_KEY_PREFIX.length + 6) };
}

/**
 * The account an API key reads as, or null when the key is unknown or revoked. The account's
 * current role decides what it may read (a key of an owner who is no longer one reads nothing).
 */
export async function userForApiKey(db: Db, key: string, now: Date): Promise<CallerUser | null> {
  if (!key.startsWith(API_KEY_PREFIX) || key.length > 200) return null;
  const row = await db.apiKey.findUnique({
    where: { keyHash: hashApiKey(key) },
    include: {
      createdBy: { select: { id: true, email: true, name: true, role: true, emailVerified: true } },
    },
  });
  if (!row || row.revokedAt) return null;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= LAST_USED_EVERY_MS)
    await db.apiKey.updateMany({
      where: { id: row.id, revokedAt: null },
      data: { lastUsedAt: now },
    });
  return { ...row.createdBy };
}
