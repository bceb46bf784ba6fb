// In-app campaign messages (issue 14 leftovers) on a real database: an IN_APP step is delivered
// into the customer's inbox by the worker's `campaigns.run` (send record and message in the step's
// transaction, once however many runs), no email goes out for it (the SMTP mailbox), and My
// bookings' "Messages" (operations listMyMessages / markMyMessageRead over the customer site's
// tRPC caller) shows it to that customer's signed-in, confirmed account only: another account,
// an unconfirmed one and a visitor see nothing and can't mark it read.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DAY, HOUR } from "@myhibachi/shared";
import type { Mailer } from "../../apps/worker/src/mailer";
import { campaignsRun } from "../../apps/worker/src/processors/campaigns-run";
import { adminCallers, createUser, type AdminCallers } from "./admin-helpers";
import { customerCaller, pastBookingData } from "./after-booking-support";
import { inboxMailer, startSmtpInbox, workerCtxAt, type Inbox } from "./campaign-support";
import { setupEnv, type Env } from "./helpers";

let env: Env;
let inbox: Inbox;
let mailer: Mailer;
let callers: AdminCallers;
/** 10:00 in Los Angeles. */
const NOW = new Date("2026-12-01T18:00:00Z");
const ago = (ms: number) => new Date(NOW.getTime() - ms);

beforeAll(async () => {
  env = await setupEnv({ chefs: 1 });
  callers = await adminCallers(env, () => NOW);
  inbox = await startSmtpInbox();
  mailer = inboxMailer(inbox);
});
afterAll(async () => {
  mailer?.close();
  await inbox?.close();
  await env?.close();
});

const runAt = (clock: Date) =>
  campaignsRun(
    {},
    workerCtxAt(env, clock, mailer, { secret: "inbox-test-secret-0123456789abcdef" }),
  );

let seq = 0;
/** A customer (for `email`) whose party ended `endedAgo` ago (COMPLETED). */
async function pastParty(email: string, name: string, endedAgo: number) {
  seq++;
  const packageId = (await env.t.db.package.findFirstOrThrow({ where: { slug: "classic" } })).id;
  const customer = await env.t.db.customer.upsert({
    where: { email },
    update: {},
    create: { name, email },
  });
  const endsAt = ago(endedAgo);
  return env.t.db.booking.create({
    data: pastBookingData({
      code: `INB${String(seq).padStart(5, "0")}`,
      customerId: customer.id,
      packageId,
      startsAt: new Date(endsAt.getTime() - 2 * HOUR),
      endsAt,
      status: "COMPLETED",
      totalCents: 60_000,
      contactName: name,
      contactEmail: email,
      idempotencyKey: `inbox-${seq}-${randomBytes(4).toString("hex")}`,
    }),
  });
}

describe("in-app messages", () => {
  let ana: Awaited<ReturnType<typeof createUser>>;
  let ben: Awaited<ReturnType<typeof createUser>>;
  let messageId: string;

  beforeAll(async () => {
    // The owner makes "Ready for your next event?" (+30 days after the party) an in-app message.
    await callers
      .caller("OWNER")
      .owner.campaigns.updateStep({ stepId: "step_post_3", step: { channel: "IN_APP" } });
    ana = await createUser(env.t.db, "CUSTOMER");
    ben = await createUser(env.t.db, "CUSTOMER");
    // Ana's party ended 30 days ago: the in-app step is due now. Ben has had no party with us.
    await pastParty(ana.email, "Ana Reyes", 30 * DAY);
  });

  it("goes into the customer's inbox once, with no email", async () => {
    await runAt(NOW);
    await runAt(NOW); // a second run (a retried job) writes nothing more
    await runAt(new Date(NOW.getTime() + HOUR));
    const customer = await env.t.db.customer.findUniqueOrThrow({ where: { email: ana.email } });
    const messages = await env.t.db.inAppMessage.findMany({ where: { customerId: customer.id } });
    expect(messages).toHaveLength(1);
    messageId = messages[0]!.id;
    const sends = await env.t.db.campaignSend.findMany({
      where: { recipient: ana.email, stepId: "step_post_3" },
    });
    expect(sends.map((s) => [s.channel, s.status, s.id])).toEqual([
      ["IN_APP", "SENT", messages[0]!.sendId],
    ]);
    // Nothing in the mailbox for it.
    expect((await inbox.to(ana.email)).map((m) => m.subject)).not.toContain(
      "Ready for your next event?",
    );
    // The owner's funnel counts it sent and delivered.
    const f = await callers.caller("OWNER").owner.campaigns.funnel({ days: 30 });
    const step = f.sequences
      .find((s) => s.key === "post-event")!
      .steps.find((s) => s.stepId === "step_post_3")!;
    expect(step).toMatchObject({ sent: 1, delivered: 1, clicked: null });
  });

  it("shows on My bookings to that customer's account only", async () => {
    const mine = await customerCaller(env, ana, () => NOW).account.inbox();
    expect(mine.unread).toBe(1);
    expect(mine.messages).toHaveLength(1);
    expect(mine.messages[0]).toMatchObject({
      id: messageId,
      subject: "Ready for your next event?",
      readAt: null,
    });
    expect(mine.messages[0]!.body).toContain("Hi Ana");
    expect(mine.messages[0]!.body).toMatch(/REF-[A-Z0-9]{6}/);
    expect(mine.messages[0]!.body).not.toContain("{{");

    // Another customer's account sees nothing, and can't mark it read (404, nothing written).
    const other = await customerCaller(env, ben, () => NOW).account.inbox();
    expect(other).toEqual({ unread: 0, messages: [] });
    await expect(
      customerCaller(env, ben, () => NOW).account.readMessage({ id: messageId }),
    ).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: expect.stringContaining("We can't find that message"),
    });
    // The same email, not confirmed: nothing (anyone can sign up with someone else's address).
    const unconfirmed = customerCaller(env, { ...ana, emailVerified: false }, () => NOW);
    expect(await unconfirmed.account.inbox()).toEqual({ unread: 0, messages: [] });
    await expect(unconfirmed.account.readMessage({ id: messageId })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    // A visitor: sign in first.
    await expect(customerCaller(env, null).account.inbox()).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
    await expect(
      customerCaller(env, null).account.readMessage({ id: messageId }),
    ).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    // Junk input: a readable 400.
    await expect(
      customerCaller(env, ana, () => NOW).account.readMessage({ id: "" } as never),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(
      (await env.t.db.inAppMessage.findUniqueOrThrow({ where: { id: messageId } })).readAt,
    ).toBeNull();
  });

  it("marks read once", async () => {
    const caller = customerCaller(env, ana, () => NOW);
    const r = await caller.account.readMessage({ id: messageId });
    expect(r.readAt).toEqual(NOW);
    const later = customerCaller(env, ana, () => new Date(NOW.getTime() + DAY));
    expect((await later.account.readMessage({ id: messageId })).readAt).toEqual(NOW);
    const after = await caller.account.inbox();
    expect(after.unread).toBe(0);
    expect(after.messages[0]!.readAt).toEqual(NOW);
  });

  it("is in the customer's copy of their data, and goes with their account", async () => {
    const copy = await customerCaller(env, ana, () => NOW).account.exportData();
    expect(copy.inAppMessages).toEqual([
      expect.objectContaining({ subject: "Ready for your next event?", readAt: NOW }),
    ]);
    expect((await customerCaller(env, ben, () => NOW).account.exportData()).inAppMessages).toEqual(
      [],
    );
    await customerCaller(env, ana, () => NOW).account.delete({ confirmEmail: ana.email });
    expect(await env.t.db.inAppMessage.count({ where: { id: messageId } })).toBe(0);
  });

  it("a visitor's abandoned booking has no inbox: the in-app step is skipped with the reason", async () => {
    await callers
      .caller("OWNER")
      .owner.campaigns.updateStep({ stepId: "step_abandoned_1", step: { channel: "IN_APP" } });
    const packageId = (await env.t.db.package.findFirstOrThrow({ where: { slug: "classic" } })).id;
    const email = `visitor-${randomBytes(3).toString("hex")}@example.com`;
    const b = await env.t.db.booking.create({
      data: {
        ...pastBookingData({
          code: "INBV0001",
          customerId: "unused",
          packageId,
          startsAt: new Date(NOW.getTime() + 20 * DAY),
          endsAt: new Date(NOW.getTime() + 20 * DAY + 2 * HOUR),
          status: "COMPLETED",
          totalCents: 60_000,
          contactName: "Vic Visitor",
          contactEmail: email,
          idempotencyKey: `inbox-visitor-${randomBytes(4).toString("hex")}`,
        }),
        customerId: null,
        status: "HELD",
        completedAt: null,
        createdAt: ago(2 * HOUR),
      },
    });
    await runAt(NOW);
    const send = await env.t.db.campaignSend.findFirstOrThrow({
      where: { recipient: email, stepId: "step_abandoned_1" },
    });
    expect([send.status, send.skipReason]).toEqual([
      "SKIPPED",
      "no customer account for an in-app message",
    ]);
    expect(await env.t.db.inAppMessage.count({ where: { send: { recipient: email } } })).toBe(0);
    expect(b.id).toBeTruthy();
  });
});
