// The post-event rating form (/feedback) with invisible characters (issue-14 attack F7): a NUL
// (which Postgres can't store: it used to answer 503) or another control character in the comment
// is a 400 with the product's sentence and the form again with what they typed; the rating and the
// link are refused as readable 400s too; nothing is stored until a clean answer comes. Round 2
// (G2, G3): direction overrides, zero-width-only comments and bytes that aren't UTF-8 likewise.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signCampaignToken } from "@myhibachi/core";
import { handleFeedback } from "@myhibachi/api";
import { DAY } from "@myhibachi/shared";
import { pastBookingOf, SITE } from "./after-booking-support";
import { setupEnv, type Env } from "./helpers";

let env: Env;
beforeAll(async () => {
  env = await setupEnv({ chefs: 1 });
});
afterAll(async () => {
  await env?.close();
});

const NOW = new Date("2026-12-01T18:00:00Z");

describe("the rating form with invisible characters (F7)", () => {
  const SECRET = "codes-test-secret-0123456789abcdef";

  async function ratingLink() {
    const c = await env.t.db.customer.create({
      data: { name: "Rater", email: `rater-${randomBytes(3).toString("hex")}@example.com` },
    });
    const b = await pastBookingOf(env, c.id, NOW);
    return {
      bookingId: b.id,
      token: signCampaignToken(SECRET, {
        purpose: "rate",
        subject: b.id,
        expiresAt: Date.now() + 7 * DAY,
      }),
    };
  }
  const post = (token: string, body: string) =>
    handleFeedback(
      new Request(`${SITE}/feedback?token=${token}`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body,
      }),
      { db: env.t.db, cookieSecret: SECRET },
    );

  it("rating=4&comment=bad%00nul: 400 with the sentence and the form again with what they typed; nothing stored", async () => {
    const { bookingId, token } = await ratingLink();
    const r = await post(token, "rating=4&comment=bad%00nul");
    expect(r.status).toBe(400);
    const html = await r.text();
    expect(html).toContain(
      "The text contains an invisible NUL character. Remove it and try again.",
    );
    expect(html).toContain('<textarea id="comment"');
    expect(html).toContain("bad\uFFFDnul</textarea>");
    expect(await env.t.db.eventFeedback.count({ where: { bookingId } })).toBe(0);

    const ctl = await post(token, "rating=2&comment=bad%01bell%1B");
    expect(ctl.status).toBe(400);
    expect(await ctl.text()).toContain(
      "The text contains an invisible control character. Remove it and try again.",
    );
    // The other fields: the rating and the link itself.
    const rating = await post(token, "rating=4%00&comment=fine");
    expect(rating.status).toBe(400);
    const rHtml = await rating.text();
    expect(rHtml).toContain("Choose a rating from 1 to 5 stars.");
    expect(rHtml).toContain("fine</textarea>");
    const link = await post(`${token}%00`, "rating=4&comment=ok");
    expect(link.status).toBe(400);
    expect(await link.text()).toContain("This rating link is broken or too old");
    expect(await env.t.db.eventFeedback.count({ where: { bookingId } })).toBe(0);

    // A refused answer keeps their "you may show my comment" tick.
    const kept = await post(token, "rating=4&comment=x%00&publicOk=yes");
    expect(kept.status).toBe(400);
    const keptHtml = await kept.text();
    expect(keptHtml).toMatch(/name="publicOk" value="yes" checked/);
    // ... and the star they chose.
    expect(keptHtml).toContain('<input type="radio" name="rating" value="4" required checked>');

    // Line breaks and tabs are text: accepted, stored once, with their consent to show it.
    const ok = await post(token, "rating=4&comment=great%0D%0Afood%09thanks&publicOk=yes");
    expect(ok.status).toBe(200);
    expect(await env.t.db.eventFeedback.findUniqueOrThrow({ where: { bookingId } })).toMatchObject({
      comment: "great\r\nfood\tthanks",
      publicOk: true,
    });
  });

  it("round 2, G2: a right-to-left override or zero-width-only comment is a 400 with the sentence; nothing stored", async () => {
    const { bookingId, token } = await ratingLink();
    // The attacker's exact comment.
    const attack = new URLSearchParams({
      rating: "5",
      publicOk: "yes",
      comment: "Loved it \u202Eevil\u202C and \u200B\u200Bzero width",
    }).toString();
    const r = await post(token, attack);
    expect(r.status).toBe(400);
    const html = await r.text();
    expect(html).toContain(
      "The comment contains an invisible character that changes the direction of the text (such as a right-to-left override), so it would read differently from what was typed. Take it out and try again.",
    );
    expect(html).toContain('<textarea id="comment"');
    expect(html).toMatch(/name="publicOk" value="yes" checked/);
    for (const c of [
      "%E2%80%AA",
      "%E2%80%AB",
      "%E2%80%AD",
      "%E2%81%A6",
      "%E2%81%A9",
      "%E2%80%8E",
      "%E2%80%8F",
    ]) {
      const each = await post(token, `rating=4&publicOk=yes&comment=great${c}food`);
      expect(each.status, c).toBe(400);
      expect(await each.text(), c).toContain("changes the direction of the text");
    }
    const zw = await post(
      token,
      "rating=5&publicOk=yes&comment=%E2%80%8B%E2%80%8B%E2%80%8B%E2%80%8B",
    );
    expect(zw.status).toBe(400);
    expect(await zw.text()).toContain(
      "The comment is made only of invisible characters (such as zero-width spaces), so it would look empty. Write it in words.",
    );
    expect(await env.t.db.eventFeedback.count({ where: { bookingId } })).toBe(0);
    // Right-to-left writing itself is fine.
    const ok = await post(
      token,
      `rating=5&publicOk=yes&comment=${encodeURIComponent("שלום, תודה רבה")}`,
    );
    expect(ok.status).toBe(200);
    expect((await env.t.db.eventFeedback.findUniqueOrThrow({ where: { bookingId } })).comment).toBe(
      "שלום, תודה רבה",
    );
  });

  it("round 2, G3: invalid UTF-8 (a lone surrogate %ED%A0%80, raw bytes) is a 400 with the form again; nothing stored", async () => {
    const { bookingId, token } = await ratingLink();
    // The attacker's exact body.
    const r = await post(token, "rating=4&publicOk=yes&comment=%ED%A0%80lone");
    expect(r.status).toBe(400);
    const html = await r.text();
    expect(html).toContain(
      "The text contains a broken character (half of an emoji or symbol). Retype it and try again.",
    );
    expect(html).toContain('<textarea id="comment"');
    expect(html).toContain("lone</textarea>");
    expect(html).toContain('<input type="radio" name="rating" value="4" required checked>');
    expect(html).toMatch(/name="publicOk" value="yes" checked/);
    for (const body of [
      "rating=4&comment=%FFbad",
      "rating=4&comment=caf%C3",
      "rating=4%80&comment=ok",
    ]) {
      const each = await post(token, body);
      expect(each.status, body).toBe(400);
      expect(await each.text(), body).toContain("broken character");
    }
    // Raw bytes that aren't UTF-8 in the body itself.
    const raw = await handleFeedback(
      new Request(`${SITE}/feedback?token=${token}`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new Uint8Array([...Buffer.from("rating=4&comment=caf"), 0xe9]),
      }),
      { db: env.t.db, cookieSecret: SECRET },
    );
    expect(raw.status).toBe(400);
    expect(await raw.text()).toContain("broken character");
    // A bad link with a broken comment: the link is what is said.
    const link = await post(`${token}x`, "rating=4&comment=%ED%A0%80lone");
    expect(link.status).toBe(400);
    expect(await link.text()).toContain("This rating link is broken or too old");
    expect(await env.t.db.eventFeedback.count({ where: { bookingId } })).toBe(0);
    // A "%" that isn't an escape and real UTF-8 (an emoji, an accent) are fine.
    const ok = await post(
      token,
      "rating=4&publicOk=yes&comment=100%25+yum+%F0%9F%8D%A3+caf%C3%A9 50% off",
    );
    expect(ok.status).toBe(200);
    expect((await env.t.db.eventFeedback.findUniqueOrThrow({ where: { bookingId } })).comment).toBe(
      "100% yum 🍣 café 50% off",
    );
  });
});
