/** Test helper: the CDNOW fixture (see ../fixtures/README.md). */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { TransactionRow } from "./summary";
import { parseCdnowSample } from "./validation";

let cached: TransactionRow[] | undefined;

export function cdnowTransactions(): TransactionRow[] {
  cached ??= parseCdnowSample(
    readFileSync(fileURLToPath(new URL("../fixtures/CDNOW_sample.txt", import.meta.url)), "utf8"),
  );
  return cached;
}
