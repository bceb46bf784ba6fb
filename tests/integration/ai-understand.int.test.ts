// The reader against the LIVE menu: the knowledge-base stamp built from the seeded database (the
// path every chat message takes) indexes the seed's items and packages, the hand-labelled table
// reads the same through it, and an owner's menu edit changes what is understood at once.
import { extractSlots, knowledgeBaseStamp, menuIndexOf } from "@myhibachi/ai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SEED_MENU_ITEMS, SEED_PACKAGES } from "../../packages/ai/src/testing/seed-menu";
import {
  NOW,
  TZ,
  UNDERSTAND_CASES,
  pickSlots,
  sorted,
} from "../../packages/ai/src/testing/understand-cases";
import { setupEnv, type Env } from "./helpers";

let env: Env;
beforeAll(async () => {
  env = await setupEnv();
});
afterAll(async () => {
  await env?.close();
});

describe("understanding against the live menu", () => {
  it("indexes exactly the seeded items and packages, in the business's time zone", async () => {
    const kb = await knowledgeBaseStamp(env.t.db, env.cache);
    expect(kb.timeZone).toBe(TZ);
    const fixture = menuIndexOf({ items: SEED_MENU_ITEMS, packages: SEED_PACKAGES });
    const bySlug = (es: { slug: string }[]) => [...es].sort((a, b) => a.slug.localeCompare(b.slug));
    expect(bySlug(kb.menu.entries)).toEqual(bySlug(fixture.entries));
    // ordinary words one letter from a menu word are known ("steam", "salon", "mocha")
    expect(kb.menu.nearWords).toEqual(expect.arrayContaining(["steam", "salon", "mocha"]));
  });

  it("reads the hand-labelled table the same through the stamp read back from Redis", async () => {
    await knowledgeBaseStamp(env.t.db, env.cache);
    const kb = await knowledgeBaseStamp(env.t.db, env.cache); // a cache hit: parsed JSON
    for (const cases of Object.values(UNDERSTAND_CASES))
      for (const [text, expected] of cases)
        expect(pickSlots(extractSlots(text, NOW, TZ, kb.menu), expected), text).toEqual(
          sorted(expected),
        );
  });

  it("follows an owner's menu edit: a renamed dish is read by its new name only", async () => {
    await env.t.db.menuItem.update({
      where: { slug: "gyoza" },
      data: { name: "Pork potstickers" },
    });
    await env.cache.invalidate("catalog");
    const kb = await knowledgeBaseStamp(env.t.db, env.cache);
    expect(extractSlots("2 orders of potstickers", NOW, TZ, kb.menu).items).toEqual({ gyoza: 2 });
    expect(extractSlots("is the gyoza gluten free", NOW, TZ, kb.menu).named).toBeUndefined();
    await env.t.db.package.update({ where: { slug: "premium" }, data: { active: false } });
    await env.cache.invalidate("catalog");
    const after = await knowledgeBaseStamp(env.t.db, env.cache);
    expect(extractSlots("the premium package", NOW, TZ, after.menu).packageSlug).toBeUndefined();
  });
});
