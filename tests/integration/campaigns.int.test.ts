// Follow-up campaigns (issue 14, points 5-7) end to end with an injected clock: the worker's
// `campaigns.run` job (what its scheduler starts every minute) on a real database, delivering
// through the real outbox sender and nodemailer to a real SMTP server on 127.0.0.1. Every
// assertion about what was sent reads that SMTP server's mailbox (parsed with mailparser), not
// our own tables: the emails a customer received, how many, their words and headers.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  claimEmail,
  dueEmailKeys,
  enrolCampaigns,
  ensureReferralCode,
  quoteFor,
  referralCounts,
  runDueCampaignSteps,
} from "@myhibachi/core";
import { classicSelection } from "@myhibachi/seed/fixtures";
import { handleFeedback, handleUnsubscribe } from "@myhibachi/api";
import { DAY, HOUR, MINUTE } from "@myhibachi/shared";
import type { Mailer } from "../../apps/worker/src/mailer";
import { campaignsRun } from "../../apps/worker/src/processors/campaigns-run";
import { deliverEmail } from "../../apps/worker/src/processors/email-send";
import { emailSweep } from "../../apps/worker/src/processors/email-sweep";
import { book, dayIn, pastBookingData, SITE, withoutBookingLimits } from "./after-booking-support";
import {
  inboxMailer,
  listHeaders,
  startSmtpInbox,
  trackedLinksIn,
  whereLinkLeads,
  workerCtxAt,
  type Inbox,
} from "./campaign-support";
import { setupEnv, type Env } from "./helpers";

let env: Env;
let inbox: Inbox;
let mailer: Mailer;
const SECRET = "campaign-test-secret-0123456789abcdef";
const OWNER_EMAIL = "hello@myhibachi.local";

/** 10:00 in Los Angeles (the fixture business's zone). */
const NOW = new Date("2026-12-01T18:00:00Z");

beforeAll(async () => {
  env = await setupEnv({ chefs: 3 });
  await withoutBookingLimits(env);
  inbox = await startSmtpInbox();
  mailer = inboxMailer(inbox);
});
afterAll(async () => {
  mailer?.close();
  await inbox?.close();
  await env?.close();
});

const ctxAt = (clock: Date) => workerCtxAt(env, clock, mailer, { secret: SECRET });
/** One run of the scheduled job at `clock`. */
const runAt = (clock: Date) => campaignsRun({}, ctxAt(clock));
const at = (ms: number) => new Date(NOW.getTime() + ms);

const newEmail = (who: string) => `${who}-${randomBytes(4).toString("hex")}@example.com`;

let day = 8;
/** A visitor's online booking left unconfirmed (HELD), started at `createdAt`; each on its own day. */
async function abandonedBooking(email: string, createdAt = NOW) {
  const b = await book(env, { date: dayIn(day++, NOW), email, name: "Ann Lee", now: () => NOW });
  await env.t.db.booking.update({ where: { id: b.id }, data: { createdAt } });
  return env.t.db.booking.findUniqueOrThrow({ where: { id: b.id } });
}

let seq = 0;
/** A party that took place and ended at `endsAt` (COMPLETED). */
async function completedEvent(email: string, endsAt: Date, name = "Pat Kim") {
  seq++;
  const packageId = (await env.t.db.package.findFirstOrThrow({ where: { slug: "classic" } })).id;
  const customer = await env.t.db.customer.upsert({
    where: { email },
    update: {},
    create: { name, email },
  });
  const startsAt = new Date(endsAt.getTime() - 2 * HOUR);
  return env.t.db.booking.create({
    data: pastBookingData({
      code: `CMP${String(seq).padStart(5, "0")}`,
      customerId: customer.id,
      packageId,
      startsAt,
      endsAt,
      status: "COMPLETED",
      totalCents: 60_000,
      contactName: name,
      contactEmail: email,
      idempotencyKey: `campaign-test-${seq}-${randomBytes(4).toString("hex")}`,
    }),
  });
}

/** The customer books (again) at `when`, confirmed by staff. */
async function bookAgain(email: string, when: Date) {
  const b = await book(env, {
    date: dayIn(day++, NOW),
    email,
    name: "Ann Lee",
    now: () => NOW,
    confirm: true,
  });
  await env.t.db.booking.update({ where: { id: b.id }, data: { createdAt: when } });
  return b;
}

const subjects = async (email: string) => (await inbox.to(email)).map((m) => m.subject);

describe("abandoned booking", () => {
  it("walks +2 h, +1 day (postponed by the 24 h cap), +2 days with a single-use 5 % code, each once", async () => {
    const email = newEmail("ann");
    const b = await abandonedBooking(email);
    expect(b.status).toBe("HELD");
    const date = new Intl.DateTimeFormat("en-US", {
      timeZone: "America/Los_Angeles",
      weekday: "long",
      month: "long",
      day: "numeric",
      year: "numeric",
    }).format(b.startsAt);

    await runAt(NOW);
    await runAt(at(2 * HOUR - MINUTE));
    expect(await subjects(email)).toEqual([]);

    await runAt(at(2 * HOUR));
    await runAt(at(2 * HOUR)); // a second run (a retried job) sends nothing more
    let got = await inbox.to(email);
    expect(got.map((m) => m.subject)).toEqual([`Still thinking about ${date}?`]);
    const first = got[0]!;
    expect(first.text).toContain("Hi Ann,");
    expect(first.text).toContain("Your spot is held for you");
    // The booking link goes through the click-tracking redirect, and leads to the booking page.
    const [bookLink] = trackedLinksIn(first.text);
    expect(bookLink).toMatch(new RegExp(`^${SITE}/r\\?token=`));
    expect(await whereLinkLeads(bookLink!, { db: env.t.db, cookieSecret: SECRET })).toBe("/book");
    expect(first.html).toContain(bookLink!);
    expect(first.html).toContain("Your spot is held for you");
    // RFC 8058 one-click unsubscribe, in the headers and in both parts.
    const list = listHeaders(first);
    expect(list.unsubscribeUrl).toMatch(
      new RegExp(`^${SITE}/unsubscribe\\?token=[\\w-]+\\.[\\w-]+$`),
    );
    expect(list.post).toBe("List-Unsubscribe=One-Click");
    expect(first.text).toContain(list.unsubscribeUrl);
    expect(first.html).toContain(list.unsubscribeUrl!.replace(/&/g, "&amp;"));
    expect(first.messageId).toMatch(/@myhibachi\.mail>?$/);

    // +1 day is due at 10:00 the next day, but the last campaign email went at 12:00: the
    // 24 h frequency cap postpones it to 12:00 (not lost).
    await runAt(at(DAY));
    expect(await subjects(email)).toHaveLength(1);
    await runAt(at(DAY + 2 * HOUR));
    got = await inbox.to(email);
    expect(got.map((m) => m.subject)).toEqual([
      `Still thinking about ${date}?`,
      `Your time on ${date} is filling up`,
    ]);

    await runAt(at(2 * DAY + 2 * HOUR));
    got = await inbox.to(email);
    expect(got).toHaveLength(3);
    const offer = got[2]!;
    expect(offer.subject).toBe("5 % off if you book today");
    const code = /\b(SAVE-[A-Z0-9]{8})\b/.exec(offer.text ?? "")?.[1];
    expect(code, offer.text).toBeDefined();
    expect(offer.text).toContain("one use, until");
    expect(offer.html).toContain(code);

    // The sequence is over: nothing more, however late the clock.
    await runAt(at(40 * DAY));
    expect(await subjects(email)).toHaveLength(3);

    // The code in that email is honoured by the quote engine, as an explained line ...
    const offerAt = at(2 * DAY + 3 * HOUR);
    const selection = classicSelection(10);
    const plain = await quoteFor(
      env.t.db,
      { selection, postalCode: "95125" },
      { cache: env.cache },
    );
    const quote = await quoteFor(
      env.t.db,
      { selection, postalCode: "95125", offerCode: code!.toLowerCase() },
      { cache: env.cache, now: offerAt },
    );
    const line = quote.lines.find((l) => l.code === "OFFER");
    expect(line?.label).toBe(`Code ${code}: 5 % off food`);
    expect(line!.totalCents).toBe(-Math.round(plain.subtotalCents * 0.05));
    expect(quote.totalCents).toBeLessThan(plain.totalCents);
    // ... redeemed by exactly one of two bookings racing for it ...
    const race = await Promise.allSettled(
      [0, 1].map(() =>
        book(env, {
          date: dayIn(day++, NOW),
          email,
          name: "Ann Lee",
          now: () => offerAt,
          offerCode: code!,
        }),
      ),
    );
    const won = race.filter((r) => r.status === "fulfilled");
    const lost = race.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(String(lost[0]!.reason.message)).toMatch(
      new RegExp(`The code ${code} (was already used|was just used)`),
    );
    const booked = await env.t.db.booking.findUniqueOrThrow({
      where: { id: (won[0] as PromiseFulfilledResult<{ id: string }>).value.id },
      include: { lines: true },
    });
    expect(booked.totalCents).toBe(quote.totalCents);
    expect(booked.lines.find((l) => l.code === "OFFER")?.label).toBe(`Code ${code}: 5 % off food`);
    // ... and refused with words a person can act on when used, unknown or expired.
    await expect(
      quoteFor(
        env.t.db,
        { selection, postalCode: "95125", offerCode: code! },
        { cache: env.cache, now: offerAt },
      ),
    ).rejects.toThrow(`The code ${code} was already used: each code works for one booking.`);
    await expect(
      quoteFor(
        env.t.db,
        { selection, postalCode: "95125", offerCode: "SAVE-NOPE1234" },
        { cache: env.cache, now: offerAt },
      ),
    ).rejects.toThrow(`We don't know the code "SAVE-NOPE1234".`);
  });

  it("an offer code past its day is refused and books nothing", async () => {
    const email = newEmail("expired");
    await abandonedBooking(email);
    await runAt(NOW);
    for (const t of [2 * HOUR, DAY + 2 * HOUR, 2 * DAY + 2 * HOUR]) await runAt(at(t));
    const offer = (await inbox.to(email))[2]!;
    const code = /\b(SAVE-[A-Z0-9]{8})\b/.exec(offer.text ?? "")![1]!;
    const late = at(4 * DAY);
    const before = await env.t.db.booking.count();
    await expect(
      book(env, {
        date: dayIn(day++, NOW),
        email,
        name: "Ann Lee",
        now: () => late,
        offerCode: code,
      }),
    ).rejects.toThrow(new RegExp(`The code ${code} expired on `));
    expect(await env.t.db.booking.count()).toBe(before);
  });

  it("quiet hours: a step due at 9:30 pm goes at 8:00 the next morning, not before, not skipped", async () => {
    const email = newEmail("late");
    // Started at 7:30 pm in Los Angeles: +2 h is 9:30 pm.
    await abandonedBooking(email, new Date("2026-12-01T03:30:00Z"));
    await runAt(new Date("2026-12-01T03:30:00Z"));
    await runAt(new Date("2026-12-01T05:30:00Z")); // 9:30 pm
    await runAt(new Date("2026-12-01T11:00:00Z")); // 3:00 am
    await runAt(new Date("2026-12-01T15:59:00Z")); // 7:59 am
    expect(await subjects(email)).toEqual([]);
    await runAt(new Date("2026-12-01T16:00:00Z")); // 8:00 am
    expect(await subjects(email)).toHaveLength(1);
    expect((await subjects(email))[0]).toMatch(/^Still thinking about /);
  });

  describe("quiet hours on retries (the outbox sweep)", () => {
    /** The worker's `email.sweep` (every 20 s, QUEUED for 20 s or more) at `clock`. */
    const sweepAt = (clock: Date) => emailSweep({ olderThanMs: 20_000 }, ctxAt(clock));
    // Tuesday December 1, 2026 in Los Angeles (UTC-8).
    const la = (hhmm: string, dayOfMonth = 1) => {
      const [h, m] = hhmm.split(":").map(Number) as [number, number];
      return new Date(Date.UTC(2026, 11, dayOfMonth, h + 8, m));
    };

    it("a campaign email whose first attempt fails at 20:59 is not sent by the sweep at 21:05, but at 08:00 next morning, once", async () => {
      const email = newEmail("retry");
      // Started at 6:59 pm: the +2 h email is due at 8:59 pm, inside the window.
      await abandonedBooking(email, la("18:59"));
      await runAt(la("18:59"));
      // The run at 20:59 writes the step; its SMTP attempt fails (a 451 from the provider).
      const failing = {
        ...mailer,
        send: () => Promise.reject(new Error("451 4.3.0 try again later")),
      };
      const r = await campaignsRun({}, workerCtxAt(env, la("20:59"), failing, { secret: SECRET }));
      expect(r).toMatchObject({ queued: 1, sent: 0, failed: 1 });
      const row = await env.t.db.emailMessage.findFirstOrThrow({
        where: { to: email, idempotencyKey: { startsWith: "campaign:" } },
      });
      expect(row).toMatchObject({ status: "QUEUED", attempts: 1, notBefore: null });

      // 21:05: the sweep would retry it; quiet hours hold it until 8:00 there, not an attempt.
      await sweepAt(la("21:05"));
      expect(await subjects(email)).toEqual([]);
      const held = await env.t.db.emailMessage.findUniqueOrThrow({ where: { id: row.id } });
      expect(held).toMatchObject({ status: "QUEUED", attempts: 1 });
      expect(held.notBefore).toEqual(la("08:00", 2));
      // Held rows don't take the sweep's slots: not among the due keys until 8:00.
      for (const t of [la("21:06"), la("03:00", 2), la("07:59", 2)]) {
        expect(await dueEmailKeys(env.t.db, { now: t, olderThanMs: 20_000 })).not.toContain(
          row.idempotencyKey,
        );
        await sweepAt(t);
        await runAt(t);
      }
      expect(await subjects(email)).toEqual([]);

      await sweepAt(la("08:00", 2));
      await sweepAt(la("08:01", 2));
      const got = await inbox.to(email);
      expect(got.map((m) => m.subject)).toHaveLength(1);
      expect(got[0]!.subject).toMatch(/^Still thinking about /);
      expect(
        await env.t.db.emailMessage.findUniqueOrThrow({ where: { id: row.id } }),
      ).toMatchObject({ status: "SENT", attempts: 2 });
    });

    it("a campaign email whose sender died holding it at 20:59 waits for 08:00 too; booking emails are not held", async () => {
      const email = newEmail("dead");
      await abandonedBooking(email, la("18:59"));
      await runAt(la("18:59"));
      // Enrolled once its first step is due (+2 h), then that step is written.
      await enrolCampaigns(env.t.db, la("20:59"));
      const run = await runDueCampaignSteps(env.t.db, la("20:59"), {
        siteUrl: SITE,
        secret: SECRET,
      });
      const key = run.emailKeys.find((k) => k.startsWith("campaign:"))!;
      expect(key).toBeDefined();
      // A sender claims it and dies before the SMTP call.
      expect(await claimEmail(env.t.db, key, la("20:59"))).not.toBeNull();
      // A transactional email stored late in the evening (not marketing) is sent by the sweep.
      const receiptKey = `test-receipt:${randomBytes(4).toString("hex")}`;
      await env.t.db.emailMessage.create({
        data: {
          idempotencyKey: receiptKey,
          to: email,
          subject: "Your receipt",
          text: "Thanks",
          createdAt: la("21:30"),
        },
      });

      await sweepAt(la("21:10")); // the dead claim's lease (10 minutes) has run out
      await sweepAt(la("21:40"));
      expect(await subjects(email)).toEqual(["Your receipt"]);
      expect(
        (await env.t.db.emailMessage.findUniqueOrThrow({ where: { idempotencyKey: key } }))
          .notBefore,
      ).toEqual(la("08:00", 2));

      await sweepAt(la("07:59", 2));
      expect(await subjects(email)).toEqual(["Your receipt"]);
      await sweepAt(la("08:00", 2));
      await sweepAt(la("08:05", 2));
      const subs = await subjects(email);
      expect(subs).toHaveLength(2);
      expect(subs[1]).toMatch(/^Still thinking about /);
    });
  });

  it("a booking made mid-sequence stops it at once", async () => {
    const email = newEmail("booker");
    await abandonedBooking(email);
    await runAt(NOW);
    await runAt(at(2 * HOUR));
    expect(await subjects(email)).toHaveLength(1);
    // The hold lapsed long ago; the customer comes back and books (staff confirm it).
    await bookAgain(email, at(3 * HOUR));
    for (const t of [DAY + 2 * HOUR, 2 * DAY + 2 * HOUR, 5 * DAY]) await runAt(at(t));
    expect(await subjects(email)).toHaveLength(1);
  });

  it("a booking confirmed within minutes of being started is never an 'abandoned booking'", async () => {
    const email = newEmail("quick");
    const b = await abandonedBooking(email);
    // Held while the customer opens the confirmation email: the every-minute run enrols nothing.
    await runAt(at(MINUTE));
    await runAt(at(5 * MINUTE));
    expect(await env.t.db.campaignEnrolment.count({ where: { bookingId: b.id } })).toBe(0);
    // They confirm from the emailed link: PENDING, a finished booking.
    await env.t.db.booking.update({ where: { id: b.id }, data: { status: "PENDING" } });
    for (const t of [2 * HOUR, DAY + 2 * HOUR]) await runAt(at(t));
    expect(await env.t.db.campaignEnrolment.count({ where: { bookingId: b.id } })).toBe(0);
    expect(await subjects(email)).toEqual([]);
  });

  it("a booking confirmed after the first reminder ends the sequence at the next run, not when the next step is due", async () => {
    const email = newEmail("later");
    const b = await abandonedBooking(email);
    await runAt(at(2 * HOUR));
    expect(await subjects(email)).toHaveLength(1);
    const before = await env.t.db.campaignEnrolment.findFirstOrThrow({
      where: { bookingId: b.id },
    });
    expect(before).toMatchObject({ state: "ACTIVE" });
    expect(before.nextDueAt!.getTime()).toBeGreaterThanOrEqual(at(DAY).getTime());
    await env.t.db.booking.update({ where: { id: b.id }, data: { status: "PENDING" } });
    await runAt(at(3 * HOUR));
    expect(
      await env.t.db.campaignEnrolment.findFirstOrThrow({ where: { bookingId: b.id } }),
    ).toMatchObject({
      state: "EXITED",
      exitReason: "booked",
      exitedAt: at(3 * HOUR),
      nextDueAt: null,
    });
    await runAt(at(3 * DAY));
    expect(await subjects(email)).toHaveLength(1);
  });

  it("a booking made between the step's claim and its send: the email is not sent", async () => {
    const email = newEmail("racer");
    await abandonedBooking(email);
    await enrolCampaigns(env.t.db, at(2 * HOUR));
    // The engine writes the step (send record + outbox email) ...
    const run = await runDueCampaignSteps(env.t.db, at(2 * HOUR), {
      siteUrl: SITE,
      secret: SECRET,
    });
    const key = run.emailKeys.find((k) => k.startsWith("campaign:"));
    expect(key).toBeDefined();
    // ... the customer books before the sender gets to it ...
    await bookAgain(email, at(2 * HOUR));
    // ... and the sender's last check before the SMTP call stops it.
    for (const k of run.emailKeys) {
      const r = await deliverEmail(k, ctxAt(at(2 * HOUR)));
      if (k === key) expect(r.status).toBe("obsolete");
    }
    expect(await subjects(email)).toEqual([]);
  });
});

describe("unsubscribe", () => {
  it("the one-click POST from the List-Unsubscribe header stops every campaign email, idempotently", async () => {
    const email = newEmail("unsub");
    await abandonedBooking(email);
    await runAt(NOW);
    await runAt(at(2 * HOUR));
    const [first] = await inbox.to(email);
    const url = listHeaders(first!).unsubscribeUrl!;
    const pageDeps = { db: env.t.db, cookieSecret: SECRET, now: () => at(3 * HOUR) };

    // Opening the link (a person, or a link scanner) changes nothing: a page with a button.
    const get = await handleUnsubscribe(new Request(url), pageDeps);
    expect(get.status).toBe(200);
    const html = await get.text();
    expect(html).toContain(email);
    expect(html).toContain(">Unsubscribe</button>");

    const oneClick = () =>
      handleUnsubscribe(
        new Request(url, {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: "List-Unsubscribe=One-Click",
        }),
        pageDeps,
      );
    const post = await oneClick();
    expect(post.status).toBe(200);
    expect(await post.text()).toContain("gets no more follow-up emails");
    const again = await oneClick();
    expect(again.status).toBe(200);
    expect(await again.text()).toContain("already off the list");

    for (const t of [DAY + 2 * HOUR, 2 * DAY + 2 * HOUR]) await runAt(at(t));
    expect(await subjects(email)).toHaveLength(1);
    // Another sequence for the same address later: nothing either.
    await completedEvent(email, at(3 * DAY));
    for (const t of [4 * DAY + 2 * HOUR, 40 * DAY]) await runAt(at(t));
    expect(await subjects(email)).toHaveLength(1);
  });

  it("a junk, altered or expired token is a readable 400 page that writes nothing", async () => {
    const before = await env.t.db.suppression.count();
    for (const token of ["", "junk", "a.b", "eyJ4IjoxfQ.xxxxxxxx", "%E0%A4%A"]) {
      for (const method of ["GET", "POST"]) {
        const r = await handleUnsubscribe(
          new Request(`${SITE}/unsubscribe?token=${token}`, {
            method,
            ...(method === "POST"
              ? {
                  headers: { "content-type": "application/x-www-form-urlencoded" },
                  body: "List-Unsubscribe=One-Click",
                }
              : {}),
          }),
          { db: env.t.db, cookieSecret: SECRET },
        );
        expect(r.status).toBe(400);
        const text = await r.text();
        expect(text).toContain("This unsubscribe link is broken or too old");
      }
    }
    expect(await env.t.db.suppression.count()).toBe(before);
  });
});

describe("post-event", () => {
  const endsAt = at(-2 * HOUR); // the party ended at 8 am (a brunch)

  async function ratingUrlFrom(email: string): Promise<string> {
    const [m] = await inbox.to(email);
    // The email's rating link is tracked: where it leads is the signed rating page.
    const [link] = trackedLinksIn(m?.text);
    expect(link, m?.text).toBeDefined();
    const path = await whereLinkLeads(link!, {
      db: env.t.db,
      cookieSecret: SECRET,
      now: () => at(DAY),
    });
    expect(path).toMatch(/^\/feedback\?token=[\w.-]+$/);
    return `${SITE}${path}`;
  }
  const rate = (url: string, rating: string, comment = "", publicOk = false) =>
    handleFeedback(
      new Request(url, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", origin: SITE },
        body: new URLSearchParams({
          rating,
          comment,
          ...(publicOk ? { publicOk: "yes" } : {}),
        }).toString(),
      }),
      { db: env.t.db, cookieSecret: SECRET, now: () => at(DAY + HOUR) },
    );

  it("happy: rating request, then the review link a week later, then 'ready for your next event?'", async () => {
    const email = newEmail("happy");
    await completedEvent(email, endsAt);
    await runAt(NOW);
    await runAt(at(DAY));
    expect(await subjects(email)).toEqual(["How was your hibachi party?"]);
    const url = await ratingUrlFrom(email);
    const page = await handleFeedback(new Request(url), {
      db: env.t.db,
      cookieSecret: SECRET,
      now: () => at(DAY),
    });
    expect(page.status).toBe(200);
    const form = await page.text();
    expect(form).toContain("Choose a rating from 1");
    // Stars are choices and "Send" sends: a star tapped first still leaves room for a comment.
    expect(form.match(/<input type="radio" name="rating" value="[1-5]" required>/g)).toHaveLength(
      5,
    );
    expect(form).toMatch(/<button type="submit"[^>]*>Send<\/button>/);
    // Asked, not assumed: the comment is shown on the site only if they tick the box (unticked).
    expect(form).toMatch(/<input type="checkbox" name="publicOk" value="yes"\s*style/);
    expect(form).toContain("You may show my comment on your site");
    const r = await rate(url, "5", "Amazing chef!");
    expect(r.status).toBe(200);
    expect(
      (await env.t.db.eventFeedback.findFirstOrThrow({ where: { comment: "Amazing chef!" } }))
        .publicOk,
    ).toBe(false);
    expect(await r.text()).toContain("glad you enjoyed it");
    // One rating per booking.
    const twice = await rate(url, "1");
    expect(twice.status).toBe(409);
    expect(await twice.text()).toContain("already have your rating");

    await runAt(at(7 * DAY));
    await runAt(at(30 * DAY));
    expect(await subjects(email)).toEqual([
      "How was your hibachi party?",
      "Would you tell others about your party?",
      "Ready for your next event?",
    ]);
    const review = (await inbox.to(email))[1]!;
    // The last one hands out their referral code.
    expect((await inbox.to(email))[2]!.text).toMatch(
      /Give them your code REF-[A-Z0-9]{6}: they get 10 % off their first party, and you get 10 % off your next one/,
    );
    // No review page set by the owner: the review link leads to our /reviews page.
    const [reviewLink] = trackedLinksIn(review.text);
    expect(
      await whereLinkLeads(reviewLink!, {
        db: env.t.db,
        cookieSecret: SECRET,
        now: () => at(7 * DAY),
      }),
    ).toBe("/reviews");
    // The owner heard nothing about a happy customer.
    expect((await inbox.to(OWNER_EMAIL)).filter((m) => m.text?.includes(email))).toEqual([]);
  });

  it("unhappy (2 of 5): the owner is alerted by email and the customer is never asked for a public review", async () => {
    const email = newEmail("unhappy");
    const b = await completedEvent(email, endsAt, "Sam Ortiz");
    await runAt(NOW);
    await runAt(at(DAY));
    const url = await ratingUrlFrom(email);
    const r = await rate(url, "2", "The chef was an hour late.");
    expect(r.status).toBe(200);
    // The alert is stored in the outbox; the worker's sender delivers it.
    await deliverEmail(`feedback-alert:${b.id}`, ctxAt(at(DAY + HOUR)));
    const alert = (await inbox.to(OWNER_EMAIL)).find((m) => m.subject?.includes(b.code));
    expect(alert?.subject).toBe(`Low rating: 2 of 5 for booking ${b.code}`);
    expect(alert?.text).toContain("Sam Ortiz rated their party");
    expect(alert?.text).toContain("The chef was an hour late.");

    await runAt(at(7 * DAY));
    await runAt(at(30 * DAY));
    expect(await subjects(email)).toEqual([
      "How was your hibachi party?",
      "Ready for your next event?",
    ]);
  });

  it("bad ratings and junk links are readable 4xx pages that store nothing", async () => {
    const before = await env.t.db.eventFeedback.count();
    for (const rating of ["0", "6", "abc", "", "3.5"]) {
      const r = await handleFeedback(
        new Request(`${SITE}/feedback?token=junk`, {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: `rating=${rating}`,
        }),
        { db: env.t.db, cookieSecret: SECRET },
      );
      expect(r.status).toBe(400);
      expect(await r.text()).toMatch(/Choose a rating from 1 to 5|broken or too old/);
    }
    const get = await handleFeedback(new Request(`${SITE}/feedback?token=nope`), {
      db: env.t.db,
      cookieSecret: SECRET,
    });
    expect(get.status).toBe(400);
    expect(await get.text()).toContain("This rating link is broken or too old");
    expect(await env.t.db.eventFeedback.count()).toBe(before);
  });
});

describe("re-engagement", () => {
  it("3 months 10 % off, 6 months seasonal items, 12 months 15 % off; a booking since stops it", async () => {
    const email = newEmail("lapsed");
    const last = await completedEvent(email, at(-91 * DAY));
    // The post-event sequence of that old event is long past its pickup window.
    await runAt(NOW);
    let got = await subjects(email);
    expect(got).toEqual(["We miss you: 10 % off your next party"]);
    expect((await inbox.to(email))[0]!.text).toMatch(/code SAVE-[A-Z0-9]{8} \(one use, until/);
    await runAt(new Date(last.endsAt.getTime() + 182 * DAY + 4 * HOUR));
    await runAt(new Date(last.endsAt.getTime() + 365 * DAY + 4 * HOUR));
    got = await subjects(email);
    expect(got).toEqual([
      "We miss you: 10 % off your next party",
      "New on the grill this season",
      "A year already? 15 % off to celebrate",
    ]);

    // Another lapsed customer books after the first email: the rest never comes.
    const other = newEmail("returning");
    const old = await completedEvent(other, at(-91 * DAY), "Lee Park");
    await runAt(NOW);
    expect(await subjects(other)).toHaveLength(1);
    const again = await bookAgain(other, at(HOUR));
    await env.t.db.booking.update({
      where: { id: again.id },
      data: { customerId: old.customerId },
    });
    await runAt(new Date(old.endsAt.getTime() + 182 * DAY + 4 * HOUR));
    expect(await subjects(other)).toHaveLength(1);
  });
});

describe("robustness", () => {
  it("one broken enrolment (a time zone that doesn't exist) doesn't stop the others", async () => {
    const email = newEmail("robust");
    await env.t.db.campaignEnrolment.create({
      data: {
        sequenceId: "seq_abandoned",
        subjectKey: `test:${email}`,
        email: `broken-${email}`,
        timeZone: "Mars/Olympus_Mons",
        anchorAt: at(-3 * HOUR),
        nextPosition: 1,
        nextDueAt: at(-HOUR),
      },
    });
    await abandonedBooking(email, at(-2 * HOUR));
    const r = (await runAt(NOW)) as { stepsFailed: number };
    expect(r.stepsFailed).toBeGreaterThanOrEqual(1);
    expect(await subjects(email)).toHaveLength(1);
    expect(await subjects(`broken-${email}`)).toEqual([]);
  });
});

describe("frequency cap", () => {
  it("two sequences due the same hour for one address: one email now, the other the next day", async () => {
    const email = newEmail("busy");
    await completedEvent(email, at(-DAY - HOUR)); // post-event +1 day is due now
    await abandonedBooking(email, at(-2 * HOUR)); // abandoned +2 h is due now
    await runAt(NOW);
    expect(await subjects(email)).toHaveLength(1);
    await runAt(at(12 * HOUR));
    expect(await subjects(email)).toHaveLength(1);
    await runAt(at(DAY));
    expect(await subjects(email)).toHaveLength(2);
  });
});

describe("referrals", () => {
  it("a referred first booking: 10 % off it, then the referrer's own 10 % code once it took place", async () => {
    const friendEmail = newEmail("referrer");
    await completedEvent(friendEmail, at(-40 * DAY), "Kim Ray");
    const referrer = await env.t.db.customer.findUniqueOrThrow({ where: { email: friendEmail } });
    const code = await ensureReferralCode(env.t.db, referrer.id);
    expect(await ensureReferralCode(env.t.db, referrer.id)).toBe(code);
    expect(code).toMatch(/^REF-[A-Z0-9]{6}$/);

    // The friend's own code is refused, in words.
    await expect(
      book(env, {
        date: dayIn(day++, NOW),
        email: friendEmail,
        name: "Kim Ray",
        now: () => NOW,
        offerCode: code,
      }),
    ).rejects.toThrow("That is your own referral code");

    const newcomer = newEmail("newcomer");
    const selection = classicSelection(10);
    const quote = await quoteFor(
      env.t.db,
      { selection, postalCode: "95125", offerCode: code.toLowerCase() },
      { cache: env.cache, now: NOW },
    );
    expect(quote.lines.find((l) => l.code === "OFFER")?.label).toBe(`Code ${code}: 10 % off food`);
    const b = await book(env, {
      date: dayIn(day++, NOW),
      email: newcomer,
      name: "Jo Newcomer",
      now: () => NOW,
      offerCode: code,
      confirm: true,
    });
    expect(b.totalCents).toBe(quote.totalCents);
    // A second booking by the same person is not a first booking.
    await expect(
      book(env, {
        date: dayIn(day++, NOW),
        email: newcomer,
        name: "Jo Newcomer",
        now: () => NOW,
        offerCode: code,
      }),
    ).rejects.toThrow(`The referral code ${code} is for a first booking`);
    expect(await referralCounts(env.t.db, referrer.id)).toEqual({ referred: 1, rewarded: 0 });

    // No reward before the party took place.
    await runAt(at(HOUR));
    expect(await subjects(friendEmail)).not.toContain(
      "Thank you for the referral: 10 % off your next party",
    );
    await env.t.db.booking.update({
      where: { id: b.id },
      data: { status: "COMPLETED", completedAt: at(2 * DAY) },
    });
    await runAt(at(2 * DAY + HOUR));
    await runAt(at(2 * DAY + 2 * HOUR)); // again: still one reward
    const rewards = (await inbox.to(friendEmail)).filter((m) =>
      m.subject?.startsWith("Thank you for the referral"),
    );
    expect(rewards).toHaveLength(1);
    const reward = /code (SAVE-[A-Z0-9]{8})/.exec(rewards[0]!.text ?? "")?.[1];
    expect(reward, rewards[0]!.text).toBeDefined();
    expect(rewards[0]!.text).toContain("Take 10 % off the food of your next party");
    expect(await referralCounts(env.t.db, referrer.id)).toEqual({ referred: 1, rewarded: 1 });
    // The reward is a real single-use offer code.
    const q = await quoteFor(
      env.t.db,
      { selection, postalCode: "95125", offerCode: reward! },
      { cache: env.cache, now: at(3 * DAY) },
    );
    expect(q.lines.find((l) => l.code === "OFFER")?.label).toBe(`Code ${reward}: 10 % off food`);
  });
});
