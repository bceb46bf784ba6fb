// Which arm a recommendation session is in: a function of its key (first 32 bits of a MAC as a
// fraction), so a retried or parallel first request draws the same arm; the first draw is stored
// (RecommendationSession.arm) and kept even if the owner later changes the hold-out share.
//
// With the server's secret (the app's AUTH_SECRET, `OperationContext.armSecret`) the draw is an
// HMAC of the key: a client can't try keys offline to pick its arm (attack 16b, R1-4). Without
// one (tests, the seed's simulation, the bench) it is the plain sha256 rule, deterministic.
import { createHash, createHmac } from "node:crypto";

export type Arm = "treatment" | "control";

/** The key's position in [0, 100): the same key and secret, the same number, on every machine. */
export function keyPercentile(key: string, secret?: string | null): number {
  const h = secret
    ? createHmac("sha256", secret).update(`rec-arm:${key}`).digest()
    : createHash("sha256").update(`rec-arm:${key}`).digest();
  return (h.readUInt32BE(0) / 2 ** 32) * 100;
}

export function armForKey(key: string, holdoutPercent: number, secret?: string | null): Arm {
  return keyPercentile(key, secret) < holdoutPercent ? "control" : "treatment";
}
