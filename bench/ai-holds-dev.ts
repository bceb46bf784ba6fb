// `pnpm bench ai-holds-dev`: the development booking traces (bench/data/ai-holds-dev-v1.jsonl,
// 79 multi-turn booking conversations, ai-holds-dev-v2.jsonl, 60 more, and ai-holds-dev-v3.jsonl,
// 70 more, v4 70 and v5 63 more; each written from the business data by a helper that had not read the assistant's
// code, see their .md) replayed through the real assistant one after the other, each
// exactly as `pnpm bench ai-heldout --trace <file>` does: same checks, plus each hold read back
// from the database field by field, and every failing conversation printed; one summary each.
// A no-hold `reason` the replay has no pattern for (v2's missing-zip, not-ready, question-only)
// is not graded: only "no hold made" is. `--trace <file>` replays that trace only. Unlike the
// held-out sets, these may be read while working on the assistant.
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { runHeldoutCli } from "./ai-heldout";

const TRACES = [
  "ai-holds-dev-v1.jsonl",
  "ai-holds-dev-v2.jsonl",
  "ai-holds-dev-v3.jsonl",
  "ai-holds-dev-v4.jsonl",
  "ai-holds-dev-v5.jsonl",
].map((f) => fileURLToPath(new URL(`./data/${f}`, import.meta.url)));

async function main() {
  const args = process.argv.slice(2);
  const at = args.findIndex((a) => a === "--trace" || a.startsWith("--trace="));
  let traces = TRACES;
  if (at >= 0) {
    const value = args[at]!.split("=", 2)[1];
    traces = [resolve(process.env.INIT_CWD ?? process.cwd(), value ?? args[at + 1]!)];
    args.splice(at, value === undefined ? 2 : 1);
  }
  for (const [i, trace] of traces.entries()) {
    if (i) console.log(`\n${"=".repeat(100)}\n`);
    await runHeldoutCli(args, { trace });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
