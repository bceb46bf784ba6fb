import { readFileSync } from "node:fs";
import { menuIndexOfCatalog, menuSlots, recognize } from "@myhibachi/ai";
import { MENU, PACKAGES } from "../packages/seed/src/data";
const NOW = new Date("2026-11-24T18:00:00Z");
const menu = await menuIndexOfCatalog({
  items: MENU.map((m) => ({ ...m, active: true })),
  packages: PACKAGES.map((p) => ({ ...p, active: true })),
});
const texts = readFileSync(new URL("./data/chat-trace.jsonl", import.meta.url), "utf8")
  .split("\n")
  .filter(Boolean)
  .map((l) => JSON.parse(l).text as string);
for (let k = 0; k < 3; k++)
  for (const t of texts) {
    recognize(t, NOW, "America/Los_Angeles");
    menuSlots(t, menu);
  }
const res: [number, string][] = [];
for (const t of texts) {
  const a = performance.now();
  for (let i = 0; i < 5; i++) {
    recognize(t, NOW, "America/Los_Angeles");
    menuSlots(t, menu);
  }
  res.push([(performance.now() - a) * 200, t]);
}
res.sort((a, b) => b[0] - a[0]);
for (const [us, t] of res.slice(0, 8)) console.log(us.toFixed(0), "µs", t);
