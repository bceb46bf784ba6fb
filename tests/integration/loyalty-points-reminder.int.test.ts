// "Your N points expire on <date>" (issue 14): the worker's nightly `loyalty.recompute` job with an
// injected clock, on a real database, delivering through the real outbox sender and nodemailer to
// a real SMTP server on 127.0.0.1. A customer whose 600 points expire in 20 days (24 months after
// their last completed party) gets one reminder; the next night's run sends nothing more; a
// customer who unsubscribed gets none; one whose points expire in 40 days gets none yet. Every
// count is read at the SMTP server's mailbox.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handleUnsubscribe } from "@myhibachi/api";
import { signCampaignToken } from "@myhibachi/core";
import { DAY, HOUR } from "@myhibachi/shared";
import type { Mailer } from "../../apps/worker/src/mailer";
import { emailSweep } from "../../apps/worker/src/processors/email-sweep";
import { loyaltyRecompute } from "../../apps/worker/src/processors/loyalty-recompute";
import { pastBookingData, SITE } from "./after-booking-support";
import {
  inboxMailer,
  listHeaders,
  startSmtpInbox,
  workerCtxAt,
  type Inbox,
} from "./campaign-support";
import { setupEnv, type Env } from "./helpers";

let env: Env;
let inbox: Inbox;
let mailer: Mailer;
const SECRET = "loyalty-reminder-secret-0123456789abcdef";
/** 10:00 in Los Angeles (the fixture business's zone). */
const NOW = new Date("2026-12-01T18:00:00Z");

beforeAll(async () => {
  env = await setupEnv({ chefs: 3 });
  inbox = await startSmtpInbox();
  mailer = inboxMailer(inbox);
});
afterAll(async () => {
  mailer?.close();
  await inbox?.close();
  await env?.close();
});

/** The worker's context for the nightly `loyalty.recompute` job at `clock`. */
const ctxAt = (clock: Date) =>
  workerCtxAt(env, clock, mailer, { secret: SECRET, job: "loyalty.recompute" });
/** The nightly run at `clock`. */
const nightlyAt = (clock: Date) => loyaltyRecompute({}, ctxAt(clock));

let seq = 0;
/** A customer whose one completed $600 party (600 points) ended at `endsAt`. */
async function customerWithParty(who: string, endsAt: Date) {
  seq++;
  const email = `${who}-${randomBytes(4).toString("hex")}@example.com`;
  const c = await env.t.db.customer.create({ data: { name: `${who} Lee`, email } });
  const packageId = (await env.t.db.package.findFirstOrThrow({ where: { slug: "classic" } })).id;
  await env.t.db.booking.create({
    data: pastBookingData({
      code: `RMD${String(seq).padStart(5, "0")}`,
      customerId: c.id,
      packageId,
      startsAt: new Date(endsAt.getTime() - 2 * HOUR),
      endsAt,
      status: "COMPLETED",
      totalCents: 60_000,
      contactName: `${who} Lee`,
      contactEmail: email,
      idempotencyKey: `reminder-${seq}-${randomBytes(4).toString("hex")}`,
    }),
  });
  return { ...c, email };
}

describe("points expiry reminder", () => {
  it("sent once 20 days before the expiry, not again the next night, not without consent, not 40 days ahead", async () => {
    // The owner's own brand, from the settings (not a name written in code).
    await env.t.db.businessSettings.update({
      where: { id: 1 },
      data: { businessName: "Kenji's Hibachi" },
    });
    // 24 months after December 21, 2024 is December 21, 2026: 20 days after NOW.
    const soon = await customerWithParty("Maya", new Date("2024-12-22T03:00:00Z")); // 7 pm Dec 21 LA
    const gone = await customerWithParty("Omar", new Date("2024-12-22T03:00:00Z"));
    const later = await customerWithParty("Lena", new Date("2025-01-10T03:00:00Z")); // 40 days
    // Omar unsubscribed from our emails (the one-click link's POST).
    const token = signCampaignToken(SECRET, {
      purpose: "unsubscribe",
      subject: gone.email.toLowerCase(),
      expiresAt: NOW.getTime() + DAY,
    });
    const res = await handleUnsubscribe(
      new Request(`${SITE}/unsubscribe?token=${token}`, { method: "POST" }),
      { db: env.t.db, cookieSecret: SECRET, now: () => NOW },
    );
    expect(res.status).toBeLessThan(400);

    const r = await nightlyAt(NOW);
    expect(r).toMatchObject({ expiryReminders: 1, expiryRemindersNoConsent: 1 });
    let got = await inbox.to(soon.email);
    expect(got).toHaveLength(1);
    expect(got[0]!.subject).toBe("Your 600 points expire on Monday, December 21, 2026");
    expect(got[0]!.text).toContain("Hi Maya,");
    expect(got[0]!.text).toContain(
      "Your 600 Kenji's Hibachi points ($6.00 off the food of a booking) expire on Monday, December 21, 2026",
    );
    expect(got[0]!.text).toContain(`${SITE}/book\n\nKenji's Hibachi\n`);
    expect(got[0]!.text).not.toContain("MyHibachi");
    const list = listHeaders(got[0]!);
    expect(list.unsubscribeUrl).toMatch(new RegExp(`^${SITE}/unsubscribe\\?token=`));
    expect(list.post).toBe("List-Unsubscribe=One-Click");

    // The next nights: nothing more (once per quiet spell), and still nothing for the others.
    await nightlyAt(new Date(NOW.getTime() + DAY));
    await nightlyAt(new Date(NOW.getTime() + 2 * DAY));
    got = await inbox.to(soon.email);
    expect(got).toHaveLength(1);
    expect(await inbox.to(gone.email)).toHaveLength(0);
    expect(await inbox.to(later.email)).toHaveLength(0);
    expect(
      await env.t.db.emailMessage.count({ where: { to: { in: [gone.email, later.email] } } }),
    ).toBe(0);

    // Lena's points expire on January 9, 2027 at 7 pm (LA): not yet on December 10, but the
    // night of December 11 (within 30 days).
    await nightlyAt(new Date("2026-12-10T18:00:00Z"));
    expect(await inbox.to(later.email)).toHaveLength(0);
    await nightlyAt(new Date("2026-12-11T18:00:00Z"));
    expect(await inbox.to(later.email)).toHaveLength(1);
    expect(await inbox.to(soon.email)).toHaveLength(1);
  });

  it("a run at night holds the reminder until 8:00 (sent then, once); one unsubscribed from while held is not sent", async () => {
    const night = new Date("2026-12-02T11:00:00Z"); // 3:00 am in Los Angeles
    const kept = await customerWithParty("Ines", new Date("2024-12-23T03:00:00Z"));
    const changed = await customerWithParty("Theo", new Date("2024-12-23T03:00:00Z"));
    const r = await nightlyAt(night);
    expect(r).toMatchObject({ expiryReminders: 2, sent: 0 });
    const sweepAt = (clock: Date) => emailSweep({ olderThanMs: 20_000 }, ctxAt(clock));
    await sweepAt(new Date("2026-12-02T15:59:00Z")); // 7:59 am
    expect(await inbox.to(kept.email)).toHaveLength(0);
    // Theo unsubscribes before the morning.
    const token = signCampaignToken(SECRET, {
      purpose: "unsubscribe",
      subject: changed.email.toLowerCase(),
      expiresAt: night.getTime() + DAY,
    });
    await handleUnsubscribe(new Request(`${SITE}/unsubscribe?token=${token}`, { method: "POST" }), {
      db: env.t.db,
      cookieSecret: SECRET,
      now: () => night,
    });
    await sweepAt(new Date("2026-12-02T16:00:00Z")); // 8:00 am
    await sweepAt(new Date("2026-12-02T16:05:00Z"));
    expect(await inbox.to(kept.email)).toHaveLength(1);
    expect(await inbox.to(changed.email)).toHaveLength(0);
  });
});
