// Which arm a recommendation session is in: a function of its key alone (sha256, first 32 bits
// as a fraction), so a retried or parallel first request draws the same arm; the first draw is
// stored (RecommendationSession.arm) and kept even if the owner later changes the hold-out share.
import { createHash } from "node:crypto";

export type Arm = "treatment" | "control";

/** The key's position in [0, 100): the same key, the same number, on every machine. */
export function keyPercentile(key: string): number {
  const h = createHash("sha256").update(`rec-arm:${key}`).digest();
  return (h.readUInt32BE(0) / 2 ** 32) * 100;
}

export function armForKey(key: string, holdoutPercent: number): Arm {
  return keyPercentile(key) < holdoutPercent ? "control" : "treatment";
}
