// The post-event rating form (/feedback) with invisible characters (issue-14 attack F7): a NUL
// (which Postgres can't store: it used to answer 503) or another control character in the comment
// is a 400 with the product's sentence and the form again with what they typed; the rating and the
// link are refused as readable 400s too; nothing is stored until a clean answer comes.
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
});
