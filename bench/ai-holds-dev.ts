// `pnpm bench ai-holds-dev`: the development booking trace (bench/data/ai-holds-dev-v1.jsonl, 79
// multi-turn booking conversations written from the business data, see its .md) replayed through
// the real assistant exactly as `pnpm bench ai-heldout --trace <file>` does: same checks, plus
// each hold read back from the database field by field, and every failing conversation printed.
// Unlike the held-out sets, this one may be read while working on the assistant.
import { fileURLToPath } from "node:url";
import { runHeldoutCli } from "./ai-heldout";

const TRACE = fileURLToPath(new URL("./data/ai-holds-dev-v1.jsonl", import.meta.url));

runHeldoutCli(process.argv.slice(2), { trace: TRACE }).catch((err) => {
  console.error(err);
  process.exit(1);
});
