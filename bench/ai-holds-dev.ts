// `pnpm bench ai-holds-dev`: the development booking traces (bench/data/ai-holds-dev-v1.jsonl,
// 79 multi-turn booking conversations, and ai-holds-dev-v2.jsonl, 60 more; both written from the
// business data, see their .md) replayed through the real assistant one after the other, each
// exactly as `pnpm bench ai-heldout --trace <file>` does: same checks, plus each hold read back
// from the database field by field, and every failing conversation printed; one summary each.
// `--trace <file>` replays that trace only. Unlike the held-out sets, these may be read while
// working on the assistant.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { runHeldoutCli } from "./ai-heldout";

const TRACES = ["ai-holds-dev-v1.jsonl", "ai-holds-dev-v2.jsonl"].map((f) =>
  fileURLToPath(new URL(`./data/${f}`, import.meta.url)),
);

// The reasons the replay checks a reply for (v1's: "outside our service area", "too soon", ...).
// v2's other no-hold kinds (missing-zip, not-ready, question-only) say why no hold is wanted but
// name nothing the reply must say, so for them only "no hold made" is graded.
const GRADED_REASONS = new Set(["area", "busy", "notice", "size", "time", "window"]);

/** A copy of `trace` (same file name, so the same title) without the reasons nothing grades. */
function graded(trace: string, dir: string): string {
  const lines = readFileSync(trace, "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => {
      const o = JSON.parse(l) as { expect?: { reason?: string } };
      if (o.expect?.reason !== undefined && !GRADED_REASONS.has(o.expect.reason))
        delete o.expect.reason;
      return JSON.stringify(o);
    });
  const out = join(dir, basename(trace));
  writeFileSync(out, `${lines.join("\n")}\n`);
  return out;
}

async function main() {
  const args = process.argv.slice(2);
  const at = args.findIndex((a) => a === "--trace" || a.startsWith("--trace="));
  let traces = TRACES;
  if (at >= 0) {
    const value = args[at]!.split("=", 2)[1];
    traces = [value ?? args[at + 1]!];
    args.splice(at, value === undefined ? 2 : 1);
  }
  const dir = mkdtempSync(join(tmpdir(), "ai-holds-dev-"));
  try {
    for (const [i, trace] of traces.entries()) {
      if (i) console.log(`\n${"=".repeat(100)}\n`);
      await runHeldoutCli(args, { trace: graded(trace, dir) });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
