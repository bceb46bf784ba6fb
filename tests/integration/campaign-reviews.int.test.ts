// Issue 14 leftovers on a real database: the customer site's /reviews page (the page component
// itself, rendered to HTML as a visitor gets it, over the real tRPC caller), the owner's review
// pages in the settings, the review request pointing to them, the click-tracking redirect /r (one
// click recorded however many times it is followed; foreign targets, tampered, expired and junk
// tokens are 4xx pages with a link home that record nothing) and the texts' prefix from the
// business name. Emails are read from a real SMTP server's mailbox.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { signClickToken } from "@myhibachi/core";
import { handleCampaignClick } from "@myhibachi/api";
import { DAY, HOUR } from "@myhibachi/shared";
import type { Mailer } from "../../apps/worker/src/mailer";
import { campaignsRun } from "../../apps/worker/src/processors/campaigns-run";
import { adminCallers, type AdminCallers } from "./admin-helpers";
import { book, customerCaller, dayIn, pastBookingData, SITE } from "./after-booking-support";
import {
  inboxMailer,
  startSmtpInbox,
  trackedLinksIn,
  whereLinkLeads,
  workerCtxAt,
  type Inbox,
} from "./campaign-support";
import { setupEnv, type Env } from "./helpers";

// The page's server-side caller, pointed at this test's database (the page is otherwise as built).
const wiring = vi.hoisted(() => ({ caller: null as unknown }));
vi.mock("../../apps/customer/node_modules/server-only", () => ({}));
vi.mock("~/server/caller", () => ({ api: async () => wiring.caller }));
vi.mock("../../apps/customer/src/server/caller", () => ({ api: async () => wiring.caller }));
const { default: ReviewsPage } = await import("../../apps/customer/src/app/reviews/page");
const { renderToStaticMarkup } = await import("../../apps/customer/node_modules/react-dom/server");

let env: Env;
let inbox: Inbox;
let mailer: Mailer;
let callers: AdminCallers;
const SECRET = "campaign-reviews-secret-0123456789abcdef";
/** 10:00 in Los Angeles. */
const NOW = new Date("2026-12-01T18:00:00Z");
const at = (ms: number) => new Date(NOW.getTime() + ms);
const ago = (ms: number) => new Date(NOW.getTime() - ms);
const GOOGLE = "https://g.page/r/kenjis-hibachi/review";
const YELP = "https://www.yelp.com/biz/kenjis-hibachi-san-jose";

beforeAll(async () => {
  env = await setupEnv({ chefs: 2 });
  callers = await adminCallers(env, () => NOW);
  inbox = await startSmtpInbox();
  mailer = inboxMailer(inbox);
  wiring.caller = customerCaller(env, null, () => NOW);
});
afterAll(async () => {
  mailer?.close();
  await inbox?.close();
  await env?.close();
});

const runAt = (clock: Date) =>
  campaignsRun({}, workerCtxAt(env, clock, mailer, { secret: SECRET }));
const click = (url: string, clock: Date, init?: RequestInit) =>
  handleCampaignClick(new Request(url, init), {
    db: env.t.db,
    cookieSecret: SECRET,
    now: () => clock,
  });

let seq = 0;
/** A party that took place (COMPLETED), ended at `endsAt`, in `city`, booked by `name`. */
async function pastParty(o: { name: string; email: string; city: string; endsAt: Date }) {
  seq++;
  const packageId = (await env.t.db.package.findFirstOrThrow({ where: { slug: "classic" } })).id;
  const customer = await env.t.db.customer.upsert({
    where: { email: o.email },
    update: {},
    create: { name: o.name, email: o.email },
  });
  return env.t.db.booking.create({
    data: {
      ...pastBookingData({
        code: `REV${String(seq).padStart(5, "0")}`,
        customerId: customer.id,
        packageId,
        startsAt: new Date(o.endsAt.getTime() - 2 * HOUR),
        endsAt: o.endsAt,
        status: "COMPLETED",
        totalCents: 60_000,
        contactName: o.name,
        contactEmail: o.email,
        idempotencyKey: `rev-${seq}-${randomBytes(4).toString("hex")}`,
      }),
      city: o.city,
    },
  });
}
async function rated(
  o: { name: string; email: string; city: string },
  rating: number,
  comment: string | null,
  when: Date,
  publicOk = true,
) {
  const b = await pastParty({ ...o, endsAt: ago(20 * DAY) });
  await env.t.db.eventFeedback.create({
    data: { bookingId: b.id, rating, comment, publicOk, createdAt: when },
  });
  return b;
}

/** The page as a visitor gets it for `?page=`: its HTML and its text (tags and entities gone). */
async function reviewsPage(page?: string) {
  const el = await ReviewsPage({ searchParams: Promise.resolve(page ? { page } : {}) });
  const html = renderToStaticMarkup(el);
  const text = html
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");
  return { html, text };
}

const settingsVersion = async () =>
  (await env.t.db.businessSettings.findUniqueOrThrow({ where: { id: 1 } })).version;
const updateSettings = async (patch: Record<string, unknown>) =>
  callers
    .caller("OWNER")
    .owner.settings.update({ ...patch, version: await settingsVersion() } as never);

/** The ten other happy guests' first names, newest first. */
const GUESTS = [
  "Avery",
  "Blake",
  "Casey",
  "Devon",
  "Emery",
  "Finley",
  "Gray",
  "Harper",
  "Indy",
  "Jules",
];

describe("the reviews page", () => {
  beforeAll(async () => {
    expect(await env.t.db.eventFeedback.count()).toBe(0);
    // 16 ratings: 5, 4, 2, 3, 5 (no comment), ten 4s and a 5 not to be shown. Sum 5+4+2+3+5+40+5
    // = 64; 64/16 = 4.0. Quoted (4-5 with a comment they agreed to show): Dana, Maria and the ten
    // guests = 12, 10 a page.
    await rated(
      { name: "Dana Whitaker", email: "dana.whitaker@example.com", city: "San Jose" },
      5,
      "Best birthday ever, the kids loved the onion volcano!",
      ago(1 * DAY),
    );
    await rated(
      { name: "maria lopez", email: "maria.lopez@example.com", city: "Campbell" },
      4,
      "Great food. Call me at 408-555-0199 or write to maria.l@example.com any time.",
      ago(2 * DAY),
    );
    await rated(
      { name: "Sam Ortiz", email: "sam.ortiz@example.com", city: "Gilroy" },
      2,
      "The chef was an hour late.",
      ago(3 * DAY),
    );
    await rated(
      { name: "Lee Chan", email: "lee.chan@example.com", city: "Milpitas" },
      3,
      "It was okay, a bit salty.",
      ago(4 * DAY),
    );
    await rated(
      { name: "Kim Park", email: "kim.park@example.com", city: "Fremont" },
      5,
      null,
      ago(5 * DAY),
    );
    for (let i = 1; i <= 10; i++)
      await rated(
        {
          name: `${GUESTS[i - 1]} Family`,
          email: `${GUESTS[i - 1]!.toLowerCase()}.family@example.com`,
          city: "Palo Alto",
        },
        4,
        `Lovely evening number ${i}.`,
        ago(10 * DAY + i * HOUR),
      );
    // Happy, with words, but they didn't tick "you may show my comment": counted, never quoted.
    await rated(
      { name: "Rob Quiet", email: "rob.quiet@example.com", city: "Saratoga" },
      5,
      "Loved it, but this is just for you.",
      ago(30 * DAY),
      false,
    );
  });

  it("quotes happy customers by first name and city, newest first, with the average and count", async () => {
    const { html, text } = await reviewsPage();
    expect(text).toContain("4.0 out of 5");
    expect(text).toContain("from 16 ratings");
    expect(text).toContain("Best birthday ever, the kids loved the onion volcano!");
    expect(text).toContain("Dana, San Jose");
    expect(text).toContain("Maria, Campbell");
    // A phone number and an email typed into a comment are not shown.
    expect(text).toContain("Great food. Call me at [removed] or write to [removed] any time.");
    expect(html).toContain('aria-label="5 out of 5 stars"');
    // Newest first: Dana, Maria, then guests 1..8 on page 1.
    const quoted = [...text.matchAll(/(\w+), (San Jose|Campbell|Palo Alto) ·/g)].map((m) => m[1]);
    expect(quoted).toEqual(["Dana", "Maria", ...GUESTS.slice(0, 8)]);
    expect(text).toContain("Page 1 of 2");
    expect(html).toContain('href="/reviews?page=2"');
    // No review site set: the page says how to leave a rating instead.
    expect(text).not.toContain("Review us on");
    expect(text).toContain("Use the rating link in the email");
  });

  it("never shows a low rating's words, an email, a full name or another page's reviews", async () => {
    for (const page of [undefined, "2"]) {
      const { html, text } = await reviewsPage(page);
      expect(text).not.toContain("an hour late");
      expect(text).not.toContain("a bit salty");
      expect(text).not.toContain("just for you");
      expect(html).not.toContain("@");
      for (const hidden of ["Whitaker", "lopez", "Lopez", "Family", "Sam", "Ortiz", "Lee", "Kim"])
        expect(text).not.toContain(hidden);
      expect(text).not.toContain("408-555");
      expect(html).not.toContain("<script");
    }
    const two = await reviewsPage("2");
    expect(two.text).toContain("Indy, Palo Alto");
    expect(two.text).toContain("Lovely evening number 9.");
    expect(two.text).toContain("Lovely evening number 10.");
    expect(two.text).not.toContain("Best birthday ever");
    expect(two.text).toContain("Page 2 of 2");
    expect(two.html).toContain('href="/reviews?page=1"');
    // Junk or too far: the first page, or the last.
    expect((await reviewsPage("abc")).text).toContain("Page 1 of 2");
    expect((await reviewsPage("-3")).text).toContain("Page 1 of 2");
    expect((await reviewsPage("99")).text).toContain("Page 2 of 2");
    // The operation itself refuses a page below 1 with words (REST and tRPC read it the same).
    await expect(customerCaller(env, null).catalog.reviews({ page: 0 })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("Pages start at 1"),
    });
  });

  it("the owner's review pages: https only, refused with words and nothing written; then linked", async () => {
    const before = await env.t.db.businessSettings.findUniqueOrThrow({ where: { id: 1 } });
    const audits = await env.t.db.auditLog.count();
    for (const [patch, words] of [
      [{ googleReviewUrl: "http://g.page/r/kenjis-hibachi/review" }, "starting with https://"],
      [{ googleReviewUrl: "javascript:alert(1)" }, "starting with https://"],
      [{ yelpReviewUrl: "yelp.com/biz/kenjis" }, "starting with https://"],
      [{ yelpReviewUrl: "https://localhost/x" }, "starting with https://"],
      [{ yelpReviewUrl: `https://www.yelp.com/${"x".repeat(600)}` }, "too long"],
    ] as const) {
      await expect(updateSettings(patch)).rejects.toMatchObject({
        code: "BAD_REQUEST",
        message: expect.stringContaining(words),
      });
    }
    const after = await env.t.db.businessSettings.findUniqueOrThrow({ where: { id: 1 } });
    expect(after).toEqual(before);
    expect(await env.t.db.auditLog.count()).toBe(audits);

    await updateSettings({ googleReviewUrl: ` ${GOOGLE} `, yelpReviewUrl: YELP });
    const saved = await env.t.db.businessSettings.findUniqueOrThrow({ where: { id: 1 } });
    expect([saved.googleReviewUrl, saved.yelpReviewUrl]).toEqual([GOOGLE, YELP]);
    const { html, text } = await reviewsPage();
    expect(text).toContain("Review us on Google");
    expect(text).toContain("Review us on Yelp");
    expect(html).toContain(`href="${GOOGLE}"`);
    expect(html).toContain(`href="${YELP}"`);
    // Empty clears one.
    await updateSettings({ yelpReviewUrl: "" });
    expect(
      (await env.t.db.businessSettings.findUniqueOrThrow({ where: { id: 1 } })).yelpReviewUrl,
    ).toBeNull();
    expect((await reviewsPage()).text).not.toContain("Review us on Yelp");
  });

  it("round 2, G2: the owner sees the published comments and hides one (audited), then shows it again", async () => {
    const db = env.t.db;
    const campaigns = () => callers.caller("OWNER").owner.campaigns;
    const list = await campaigns().publishedReviews({});
    // Dana, Maria and the ten guests: the low ratings, the one without words and Rob's (no
    // consent) are not "published".
    expect(list).toMatchObject({ total: 12, hidden: 0, page: 1, pages: 1 });
    const dana = list.reviews[0]!;
    expect(dana).toMatchObject({
      rating: 5,
      comment: "Best birthday ever, the kids loved the onion volcano!",
      firstName: "Dana",
      city: "San Jose",
      hiddenAt: null,
    });
    expect(dana.bookingCode).toMatch(/^REV\d{5}$/);
    // Only the owner.
    await expect(
      callers.caller("STAFF").owner.campaigns.setReviewHidden({ id: dana.id, hidden: true }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      callers.caller("STAFF").owner.campaigns.publishedReviews({}),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    // A low rating is never on the page, so there is nothing to hide.
    const low = await db.eventFeedback.findFirstOrThrow({ where: { rating: 2 } });
    await expect(campaigns().setReviewHidden({ id: low.id, hidden: true })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });

    const audits = await db.auditLog.count();
    expect(await campaigns().setReviewHidden({ id: dana.id, hidden: true })).toEqual({
      changed: true,
      hidden: true,
    });
    expect(await campaigns().setReviewHidden({ id: dana.id, hidden: true })).toEqual({
      changed: false,
      hidden: true,
    });
    expect(await db.auditLog.count()).toBe(audits + 1);
    const row = await db.eventFeedback.findUniqueOrThrow({ where: { id: dana.id } });
    expect(row.hiddenAt).toEqual(NOW);
    expect(row.hiddenBy).toEqual(expect.any(String));
    const log = await callers.caller("OWNER").owner.audit({ entity: "eventFeedback" });
    expect(log.items[0]!.sentence).toMatch(
      /took a 5-star comment \(booking REV\d{5}\) off the public reviews page\.$/,
    );
    const page = await reviewsPage();
    expect(page.text).not.toContain("Best birthday ever");
    expect(page.text).not.toContain("Dana, San Jose");
    expect(page.text).toContain("Maria, Campbell");
    expect(page.text).toContain("from 16 ratings"); // the rating still counts, without its words
    expect((await customerCaller(env, null).catalog.reviews({})).reviewCount).toBe(11);
    expect(await campaigns().publishedReviews({})).toMatchObject({ total: 12, hidden: 1 });

    await campaigns().setReviewHidden({ id: dana.id, hidden: false });
    expect((await db.eventFeedback.findUniqueOrThrow({ where: { id: dana.id } })).hiddenAt).toBe(
      null,
    );
    expect((await reviewsPage()).text).toContain("Best birthday ever");
    const shown = await callers.caller("OWNER").owner.audit({ entity: "eventFeedback" });
    expect(shown.items[0]!.sentence).toMatch(
      /put a 5-star comment .* back on the public reviews page\.$/,
    );
  });

  it("round 2, G2: a comment stored with a right-to-left override before it was refused reads as stored", async () => {
    // The attacker's comment, as stored by the old form: "evil" must not show as "live".
    const b = await rated(
      { name: "Harper Thomas", email: "harper.thomas61@example.com", city: "San Jose" },
      5,
      "Loved it \u202Eevil\u202C and \u200B\u200Bzero width",
      NOW,
    );
    const { html } = await reviewsPage();
    expect(html).toContain("Loved it evil and \u200B\u200Bzero width");
    expect(html).not.toMatch(/[\u202A-\u202E\u2066-\u2069\u200E\u200F]/);
    await env.t.db.eventFeedback.delete({ where: { bookingId: b.id } });
  });
});

describe("tracked links", () => {
  let reviewLink: string;
  let sendId: string;

  it("the review request's link leads to the owner's Google page, through /r", async () => {
    // A happy customer (5 of 5) whose party ended a week ago: the review request is due now.
    const email = `happy-${randomBytes(3).toString("hex")}@example.com`;
    const b = await pastParty({ name: "Ray Happy", email, city: "San Jose", endsAt: ago(7 * DAY) });
    await env.t.db.eventFeedback.create({
      data: { bookingId: b.id, rating: 5, comment: "Loved it", createdAt: ago(6 * DAY) },
    });
    await runAt(NOW);
    const mails = await inbox.to(email);
    expect(mails.map((m) => m.subject)).toEqual(["Would you tell others about your party?"]);
    const links = trackedLinksIn(mails[0]!.text);
    expect(links.length).toBeGreaterThan(0);
    // The plain review URL is not in the email: only the tracked link.
    expect(mails[0]!.text).not.toContain(GOOGLE);
    reviewLink = links[0]!;
    expect(
      await whereLinkLeads(reviewLink, { db: env.t.db, cookieSecret: SECRET, now: () => NOW }),
    ).toBe(GOOGLE);
    // A HEAD (a link checker) recorded nothing.
    const s = await env.t.db.campaignSend.findFirstOrThrow({
      where: { recipient: email, stepId: "step_post_2" },
    });
    sendId = s.id;
    expect(s.clickedAt).toBeNull();
  });

  it("a click records the first click once and answers 303 to the target", async () => {
    const first = await click(reviewLink, at(HOUR));
    expect(first.status).toBe(303);
    expect(first.headers.get("location")).toBe(GOOGLE);
    const again = await click(reviewLink, at(2 * HOUR));
    expect(again.status).toBe(303);
    const s = await env.t.db.campaignSend.findUniqueOrThrow({ where: { id: sendId } });
    expect(s.clickedAt).toEqual(at(HOUR));
    // A link to one of our pages leads there (a path on our own site).
    const token = signClickToken(SECRET, {
      sendId,
      target: "/book?package=premium",
      expiresAt: at(DAY).getTime(),
    });
    const book = await click(`${SITE}/r?token=${token}`, at(3 * HOUR));
    expect(book.status).toBe(303);
    expect(book.headers.get("location")).toBe("/book?package=premium");
  });

  it("refuses foreign targets, tampered, expired and junk links with a page home, recording nothing", async () => {
    const email = `quiet-${randomBytes(3).toString("hex")}@example.com`;
    const b = await pastParty({
      name: "Quinn Quiet",
      email,
      city: "San Jose",
      endsAt: ago(2 * DAY),
    });
    const enrolment = await env.t.db.campaignEnrolment.create({
      data: {
        sequenceId: "seq_post_event",
        subjectKey: `booking:${b.id}`,
        bookingId: b.id,
        email,
        timeZone: "America/Los_Angeles",
        anchorAt: b.endsAt,
        state: "COMPLETED",
        createdAt: b.endsAt,
      },
    });
    const send = await env.t.db.campaignSend.create({
      data: {
        enrolmentId: enrolment.id,
        stepId: "step_post_1",
        channel: "EMAIL",
        recipient: email,
        status: "SENT",
        claimedAt: ago(DAY),
      },
    });
    const link = (target: string, expiresAt = at(DAY).getTime()) =>
      `${SITE}/r?token=${signClickToken(SECRET, { sendId: send.id, target, expiresAt })}`;
    const good = link("/menu");
    const [payload, sig] = good.split("token=")[1]!.split(".");
    const tampered = `${SITE}/r?token=${payload!.slice(0, -2)}${payload!.slice(-2) === "AA" ? "AB" : "AA"}.${sig}`;
    // The same body signed with another secret (someone else's server, or a guess).
    const otherSecret = `${SITE}/r?token=${signClickToken("another-secret-0123456789abcdefghij", {
      sendId: send.id,
      target: "/menu",
      expiresAt: at(DAY).getTime(),
    })}`;
    const cases: [string, string][] = [
      [link("https://evil.example/phish"), "doesn't lead anywhere we send people"],
      [link("//evil.example/phish"), "doesn't lead anywhere we send people"],
      [link("/\\evil.example"), "doesn't lead anywhere we send people"],
      [link(`${SITE}/book`), "doesn't lead anywhere we send people"],
      [link("javascript:alert(1)"), "doesn't lead anywhere we send people"],
      // A review page the owner no longer has (Yelp was cleared above).
      [link(YELP), "doesn't lead anywhere we send people"],
      [tampered, "broken or too old"],
      [otherSecret, "broken or too old"],
      [link("/menu", ago(HOUR).getTime()), "broken or too old"],
      [`${SITE}/r?token=junk`, "broken or too old"],
      [`${SITE}/r`, "broken or too old"],
      [`${SITE}/r?token=${"a".repeat(5000)}`, "broken or too old"],
    ];
    for (const [url, words] of cases) {
      const r = await click(url, NOW);
      expect(r.status, url).toBe(400);
      expect(r.headers.get("location")).toBeNull();
      const body = (await r.text()).replace(/&#39;/g, "'");
      expect(body).toContain(words);
      expect(body).toContain('<a href="/"');
      expect(body).toContain("MyHibachi home");
    }
    const post = await click(good, NOW, { method: "POST" });
    expect(post.status).toBe(405);
    expect(
      (await env.t.db.campaignSend.findUniqueOrThrow({ where: { id: send.id } })).clickedAt,
    ).toBeNull();
    // The good one still works.
    expect((await click(good, NOW)).headers.get("location")).toBe("/menu");
  });
});

describe("texts", () => {
  it("start with the business's name from the settings, not a name written in code", async () => {
    await updateSettings({ businessName: "Kenji's Hibachi" });
    await callers
      .caller("OWNER")
      .owner.campaigns.updateStep({ stepId: "step_abandoned_1", step: { channel: "SMS" } });
    const email = `texted-${randomBytes(3).toString("hex")}@example.com`;
    const made = await book(env, { date: dayIn(9, NOW), email, name: "Tess Text", now: () => NOW });
    const b = await env.t.db.booking.findUniqueOrThrow({ where: { id: made.id } });
    await env.t.db.booking.update({ where: { id: b.id }, data: { createdAt: ago(2 * HOUR) } });
    await env.t.db.contactConsent.create({
      data: {
        channel: "SMS",
        address: b.contactPhone!,
        status: "GRANTED",
        source: "booking-form",
        at: ago(2 * HOUR),
      },
    });
    await runAt(NOW);
    const texts = await env.t.db.smsMessage.findMany({ where: { to: b.contactPhone! } });
    expect(texts).toHaveLength(1);
    expect(texts[0]!.body).toMatch(
      /^Kenji's Hibachi: Hi Tess, Still thinking about .+ Reply STOP to opt out\.$/,
    );
    expect(texts[0]!.body).not.toContain("MyHibachi");
    // Texts keep plain links (no click token: one segment matters more).
    expect(texts[0]!.body).not.toContain("/r?token=");
  });
});
