// Reminders before a party (issue 13, point 7): the worker's `bookings.reminders` job run with an
// injected clock, on a real database, through the real email pipeline (only the SMTP server is
// replaced, at the network boundary). A week and a day before, once per booking and event time,
// whatever the runs, retries and races; armed again for a new time; none for a cancelled
// booking; none for a booking that got its time too late for it.
import { once } from "node:events";
import type { AddressInfo } from "node:net";
import ICAL from "ical.js";
import { SMTPServer } from "smtp-server";
import type { Job } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cancelBooking, composeBookingEmail, rescheduleBooking } from "@myhibachi/core";
import { DAY, HOUR, MINUTE } from "@myhibachi/shared";
import type { WorkerDeps } from "../../apps/worker/src/context";
import { createMailer, type OutgoingEmail } from "../../apps/worker/src/mailer";
import { bookingsReminders } from "../../apps/worker/src/processors/bookings-reminders";
import { emailSend } from "../../apps/worker/src/processors/email-send";
import { emailSweep } from "../../apps/worker/src/processors/email-sweep";
import { adminCallers } from "./admin-helpers";
import { book, dayIn, SITE, withoutBookingLimits } from "./after-booking-support";
import { setupEnv, type Env } from "./helpers";

let env: Env;
const delivered: OutgoingEmail[] = [];
/** The SMTP server's side: what it was handed (a failing send hands nothing). */
let failNext = 0;
const silent = { info: () => {}, error: () => {} };
const staff = { kind: "staff" as const, userId: "staff-test", role: "OWNER" as const };

beforeAll(async () => {
  env = await setupEnv({ chefs: 3 });
  await withoutBookingLimits(env);
});
afterAll(() => env?.close());

function deps(clock: Date): WorkerDeps {
  return {
    db: env.t.db,
    log: silent,
    now: () => clock,
    customerUrl: SITE,
    mailer: {
      mode: "smtp",
      async send(m) {
        if (failNext > 0) {
          failNext--;
          throw new Error("421 try again later");
        }
        delivered.push(m);
      },
      close() {},
    },
  };
}

const job = (name: string) =>
  ({
    id: "j",
    name,
    queueName: "bookings",
    attemptsMade: 0,
    opts: { attempts: 3 },
  }) as unknown as Job;

/** One run of the scheduled job at `clock` (what BullMQ's job scheduler starts every 5 minutes). */
const runAt = (clock: Date) =>
  bookingsReminders(
    {},
    { job: job("bookings.reminders"), signal: new AbortController().signal, deps: deps(clock) },
  ) as Promise<{
    stored: number;
    sent: number;
    failed: number;
  }>;

/** The reminder emails stored for a booking, oldest first. */
const remindersOf = (bookingId: string) =>
  env.t.db.emailMessage.findMany({
    where: {
      idempotencyKey: { contains: `:${bookingId}:` },
      NOT: { idempotencyKey: { startsWith: "booking." } },
    },
    orderBy: { createdAt: "asc" },
  });
const kindsOf = async (bookingId: string) =>
  (await remindersOf(bookingId)).map((m) => m.idempotencyKey.split(":")[0]);
const deliveredTo = (email: string) => delivered.filter((m) => m.to === email);

const startOf = async (id: string) =>
  (await env.t.db.booking.findUniqueOrThrow({ where: { id } })).startsAt;
const at = (t: Date, offset: number) => new Date(t.getTime() + offset);

describe("a week and a day before the party, with an injected clock", () => {
  it("sends each reminder once, at its time, and never for a cancelled or too-late booking", async () => {
    // A: booked a month ahead (the usual case).
    const a = await book(env, {
      date: dayIn(30),
      email: "a@example.com",
      name: "Ana",
      confirm: true,
    });
    // B: moved from 20 to 40 days ahead after its week reminder went out.
    const b = await book(env, { date: dayIn(20), email: "b@example.com", confirm: true });
    // C: booked 25 days ahead, then moved to 5 days ahead (less than a week's notice for the new time).
    const c = await book(env, { date: dayIn(25), email: "c@example.com", confirm: true });
    // D: booked only 4 days ahead: no week reminder, a day-before one.
    const d = await book(env, { date: dayIn(4), email: "d@example.com", confirm: true });
    // E: cancelled: nothing, ever.
    const e = await book(env, { date: dayIn(22), email: "e@example.com", confirm: true });
    const tA = await startOf(a.id);
    const tB = await startOf(b.id);

    await rescheduleBooking(
      env.t.db,
      { bookingId: c.id, date: dayIn(5), startMinute: 17 * 60, actor: staff },
      { cache: env.cache },
    );
    await cancelBooking(
      env.t.db,
      { bookingId: e.id, reason: "Plans changed", actor: staff },
      { cache: env.cache },
    );
    const tC = await startOf(c.id);
    const tD = await startOf(d.id);
    const tE = (await env.t.db.booking.findUniqueOrThrow({ where: { id: e.id } })).startsAt;

    // Now (the real clock: the bookings were just made). C and D are within a week: too late.
    await runAt(new Date());
    expect(await kindsOf(c.id)).toEqual([]);
    expect(await kindsOf(d.id)).toEqual([]);

    // D, the day before: its day reminder (it was booked more than 24 hours ahead).
    await runAt(at(tD, -24 * HOUR + 2 * MINUTE));
    expect(await kindsOf(d.id)).toEqual(["reminder-24h"]);
    const dMail = deliveredTo("d@example.com");
    expect(dMail).toHaveLength(1);
    expect(dMail[0]!.subject).toMatch(/^Tomorrow: your hibachi party at 5:00 PM \(HB-/);

    // C, the day before its new time: only the day reminder.
    await runAt(at(tC, -24 * HOUR + 2 * MINUTE));
    expect(await kindsOf(c.id)).toEqual(["reminder-24h"]);

    // B a week before its first time: the week reminder for that time.
    await runAt(at(tB, -8 * DAY));
    expect(await kindsOf(b.id)).toEqual([]);
    await runAt(at(tB, -7 * DAY + 2 * MINUTE));
    expect(await kindsOf(b.id)).toEqual(["reminder-7d"]);
    // ...then it moves 20 days later: the reminders are armed again for the new time.
    await rescheduleBooking(
      env.t.db,
      { bookingId: b.id, date: dayIn(40), startMinute: 17 * 60, actor: staff },
      { cache: env.cache, now: () => at(tB, -7 * DAY + 3 * MINUTE) },
    );
    const tB2 = await startOf(b.id);
    expect(tB2.getTime() - tB.getTime()).toBe(20 * DAY);
    // The old time's day-before moment passes without a reminder: the party isn't then.
    await runAt(at(tB, -24 * HOUR + 2 * MINUTE));
    expect(await kindsOf(b.id)).toEqual(["reminder-7d"]);

    // E's moments pass without anything: it is cancelled.
    await runAt(at(tE, -7 * DAY + 2 * MINUTE));
    await runAt(at(tE, -24 * HOUR + 2 * MINUTE));
    expect(await kindsOf(e.id)).toEqual([]);

    // A: nothing 8 days before; the week reminder just after 7 days before, once.
    await runAt(at(tA, -8 * DAY));
    expect(await kindsOf(a.id)).toEqual([]);
    await runAt(at(tA, -7 * DAY - 2 * MINUTE));
    expect(await kindsOf(a.id)).toEqual([]); // not yet: 2 minutes early
    await runAt(at(tA, -7 * DAY + 2 * MINUTE));
    expect(await kindsOf(a.id)).toEqual(["reminder-7d"]);
    // The next run, and two runs at once (two workers), store and send nothing more.
    await runAt(at(tA, -7 * DAY + 7 * MINUTE));
    await Promise.all([
      runAt(at(tA, -7 * DAY + 12 * MINUTE)),
      runAt(at(tA, -7 * DAY + 12 * MINUTE)),
    ]);
    expect(await kindsOf(a.id)).toEqual(["reminder-7d"]);
    const week = deliveredTo("a@example.com");
    expect(week).toHaveLength(1);
    // What to prepare, from the booking: 10 guests, no tables booked, the package's own list.
    expect(week[0]!.text).toContain("Hi Ana,");
    expect(week[0]!.text).toMatch(/10 x 10 ft/);
    expect(week[0]!.text).toContain("power outlet");
    expect(week[0]!.text).toContain(
      "Two tables (6 ft is ideal) set in a U or an L around the grill, and seats for 10 guests.",
    );
    expect(week[0]!.text).toContain(
      "Plates, bowls, chopsticks or forks, napkins and drinks for 10",
    );
    expect(week[0]!.text).toContain("Garlic fried rice"); // Classic Hibachi's `includes`
    expect(week[0]!.text).toMatch(new RegExp(`${SITE}/bookings/${a.id}\\?token=[A-Za-z0-9_-]+`));
    // The B reminders of the new time, at their own moments.
    await runAt(at(tA, -24 * HOUR + 2 * MINUTE));
    expect(await kindsOf(a.id)).toEqual(["reminder-7d", "reminder-24h"]);
    await runAt(at(tA, -30 * MINUTE));
    expect(await kindsOf(a.id)).toEqual(["reminder-7d", "reminder-24h"]);
    expect(deliveredTo("a@example.com").map((m) => m.subject)).toEqual([
      expect.stringMatching(/^Your hibachi party is on \w+day, \w+ \d+ at 5:00 PM \(HB-/),
      expect.stringMatching(/^Tomorrow: your hibachi party at 5:00 PM/),
    ]);

    await runAt(at(tB2, -7 * DAY + 2 * MINUTE));
    await runAt(at(tB2, -24 * HOUR + 2 * MINUTE));
    const bKeys = (await remindersOf(b.id)).map((m) => m.idempotencyKey);
    expect(bKeys).toEqual([
      `reminder-7d:${b.id}:${tB.toISOString()}`,
      `reminder-7d:${b.id}:${tB2.toISOString()}`,
      `reminder-24h:${b.id}:${tB2.toISOString()}`,
    ]);
    expect(deliveredTo("b@example.com")).toHaveLength(3);
    expect(deliveredTo("e@example.com")).toHaveLength(0);
    expect(deliveredTo("c@example.com")).toHaveLength(1);
  });

  it("a failed send is retried by the sweep, and no run stores or sends it twice", async () => {
    const r = await book(env, { date: dayIn(60), email: "retry@example.com", confirm: true });
    const t = await startOf(r.id);
    failNext = 1; // the SMTP server is briefly unavailable
    const first = await runAt(at(t, -7 * DAY + MINUTE));
    expect(first).toMatchObject({ stored: 1, sent: 0, failed: 1 });
    const [row] = await remindersOf(r.id);
    expect(row).toMatchObject({ status: "QUEUED", attempts: 1 });
    // The job runs again (BullMQ retry or the next schedule): nothing new to store.
    expect(await runAt(at(t, -7 * DAY + 6 * MINUTE))).toMatchObject({ stored: 0 });
    // The email sweep sends what is still queued, once.
    await emailSweep(
      { olderThanMs: 0 },
      {
        job: job("email.sweep"),
        signal: new AbortController().signal,
        deps: deps(at(t, -7 * DAY + 7 * MINUTE)),
      },
    );
    await emailSweep(
      { olderThanMs: 0 },
      {
        job: job("email.sweep"),
        signal: new AbortController().signal,
        deps: deps(at(t, -7 * DAY + 8 * MINUTE)),
      },
    );
    expect(deliveredTo("retry@example.com")).toHaveLength(1);
    expect((await remindersOf(r.id))[0]).toMatchObject({ status: "SENT" });
  });

  it("a reminder stored before the booking was cancelled or moved is not sent when the sweep catches up", async () => {
    const sweepAt = (clock: Date) =>
      emailSweep(
        { olderThanMs: 0 },
        { job: job("email.sweep"), signal: new AbortController().signal, deps: deps(clock) },
      );
    const gone = await book(env, { date: dayIn(61), email: "gone@example.com", confirm: true });
    const moved = await book(env, { date: dayIn(62), email: "moved@example.com", confirm: true });
    const tGone = await startOf(gone.id);
    const tMoved = await startOf(moved.id);
    // The mail server is down when the week reminders are due: both are stored, neither sent.
    failNext = 2;
    await runAt(at(tGone, -7 * DAY + MINUTE));
    failNext = Math.max(failNext, 1);
    await runAt(at(tMoved, -7 * DAY + MINUTE));
    failNext = 0;
    expect((await remindersOf(gone.id)).map((m) => m.status)).toEqual(["QUEUED"]);
    expect((await remindersOf(moved.id)).map((m) => m.status)).toEqual(["QUEUED"]);
    // Meanwhile one party is cancelled and the other moved.
    await cancelBooking(
      env.t.db,
      { bookingId: gone.id, reason: "Plans changed", actor: staff },
      { cache: env.cache },
    );
    await rescheduleBooking(
      env.t.db,
      { bookingId: moved.id, date: dayIn(63), startMinute: 17 * 60, actor: staff },
      { cache: env.cache },
    );
    await sweepAt(at(tMoved, -7 * DAY + 10 * MINUTE));
    const reminderTo = (email: string) =>
      deliveredTo(email).filter((m) => m.subject.startsWith("Your hibachi party is on"));
    expect(reminderTo("gone@example.com")).toEqual([]);
    expect(reminderTo("moved@example.com")).toEqual([]);
    const [g] = await remindersOf(gone.id);
    expect(g).toMatchObject({ status: "FAILED" });
    expect(g!.error).toMatch(/cancelled/);
    const old = (await remindersOf(moved.id)).find((m) =>
      m.idempotencyKey.endsWith(tMoved.toISOString()),
    );
    expect(old).toMatchObject({ status: "FAILED" });
    expect(old!.error).toMatch(/moved to another time/);
  });

  it("tables booked with the party: the reminder says we bring them", async () => {
    const r = await book(env, {
      date: dayIn(70),
      email: "tables@example.com",
      adults: 12,
      extras: { "tables-chairs": 1, "sake-service": 1 },
      notes: "One guest is allergic to shellfish",
      confirm: true,
    });
    const t = await startOf(r.id);
    await runAt(at(t, -7 * DAY + MINUTE));
    const [mail] = deliveredTo("tables@example.com");
    expect(mail!.text).toContain(
      "Room for the tables and chairs we bring (Tables and chairs: Tables, chairs and linens for up to 20 guests)",
    );
    expect(mail!.text).not.toContain("Two tables (6 ft");
    expect(mail!.text).toContain(
      "Sake bar service: Chilled sake and sake bombs for adults 21+ (you provide the alcohol).",
    );
    expect(mail!.text).toContain('You told us: "One guest is allergic to shellfish".');
    expect(mail!.text).toContain("drinks for 12");
  });
});

describe("the calendar file through the real SMTP path", () => {
  it("a booking email reaches the SMTP server with its .ics attached, parseable and at the booked instant", async () => {
    const received: string[] = [];
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS", "AUTH"],
      logger: false,
      onData(stream, _session, callback) {
        let raw = "";
        stream.on("data", (d: Buffer) => (raw += d.toString()));
        stream.on("end", () => {
          received.push(raw);
          callback();
        });
      },
    });
    server.listen(0, "127.0.0.1");
    await once(server.server, "listening");
    const { port } = server.server.address() as AddressInfo;
    try {
      const mailer = createMailer({
        smtpUrl: `smtp://127.0.0.1:${port}`,
        from: "hello@myhibachi.test",
        log: silent,
      });
      const b = await book(env, { date: dayIn(45), email: "smtp@example.com", confirm: true });
      const mail = await composeBookingEmail(
        env.t.db,
        { type: "booking.created", bookingId: b.id },
        SITE,
      );
      await emailSend(
        { ...mail!, attachments: mail!.attachments },
        {
          job: job("email.send"),
          signal: new AbortController().signal,
          deps: { ...deps(new Date()), mailer },
        },
      );
      mailer.close();
      expect(received).toHaveLength(1);
      const raw = received[0]!;
      expect(raw).toMatch(/Content-Type: text\/calendar; charset=utf-8; method=PUBLISH/i);
      expect(raw).toContain(`filename=hibachi-party-${b.code}.ics`);
      // The attachment's body (base64 or quoted-printable) decodes to the event.
      const part = raw.split(/\r?\n--/).find((p) => /text\/calendar/i.test(p))!;
      const [head, ...body] = part.split(/\r?\n\r?\n/);
      const encoded = body.join("\n\n").trim();
      const ics = /base64/i.test(head!)
        ? Buffer.from(encoded.replace(/\s+/g, ""), "base64").toString("utf8")
        : encoded
            .replace(/=\r?\n/g, "")
            .replace(/=([0-9A-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
      const event = new ICAL.Event(
        new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent("vevent")!,
      );
      expect(event.startDate.toJSDate().getTime()).toBe((await startOf(b.id)).getTime());
      expect(event.uid).toBe(`booking-${b.id}@myhibachi`);
      // The stored row keeps the file (a retry or the sweep sends the same one).
      const row = await env.t.db.emailMessage.findUniqueOrThrow({
        where: { idempotencyKey: mail!.idempotencyKey },
      });
      expect(row.status).toBe("SENT");
      expect(JSON.stringify(row.attachments)).toContain("BEGIN:VCALENDAR");
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});

describe("the day-of 'your chef is on the way', sent when staff say the chef has left", () => {
  it("on the day only, once per booking and event time, with the arrival time on the event's clock", async () => {
    const b = await book(env, {
      date: dayIn(80),
      email: "way@example.com",
      name: "Wen",
      confirm: true,
    });
    const t = await startOf(b.id);
    const press = async (clock: Date, minutes = 40) => {
      const admin = await adminCallers(env, () => clock);
      return admin.caller("STAFF").bookings.chefOnTheWay({ id: b.id, minutes });
    };
    // The day before: too early, said in words.
    await expect(press(at(t, -20 * HOUR))).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
      message: expect.stringMatching(/you can tell the customer the chef is on the way from /),
    });
    // A customer can't.
    const customer = (await adminCallers(env)).caller("CUSTOMER");
    await expect(customer.bookings.chefOnTheWay({ id: b.id, minutes: 30 })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    // Two hours before the party the chef leaves: 40 minutes away.
    const leftAt = at(t, -2 * HOUR);
    const first = await press(leftAt);
    expect(first).toMatchObject({ sent: true, to: "way@example.com" });
    expect(first.arriveAt.getTime()).toBe(leftAt.getTime() + 40 * MINUTE);
    const rows = await env.t.db.emailMessage.findMany({
      where: { idempotencyKey: { startsWith: `on-the-way:${b.id}:` } },
    });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.subject).toBe(`Your chef is on the way (${b.code})`);
    // 2 hours before 5:00 PM is 3:00 PM; plus 40 minutes: 3:40 PM, on the party's own clock.
    expect(rows[0]!.text).toContain(
      "should arrive around 3:40 PM (in about 40 minutes) to set up for your party at 5:00 PM.",
    );
    expect(rows[0]!.text).toContain("Hi Wen,");
    // A second press (or a double tap) sends nothing more and says when it went.
    const again = await press(at(t, -2 * HOUR + 5 * MINUTE), 30);
    expect(again.sent).toBe(false);
    expect(again.sentAt.getTime()).toBe(rows[0]!.createdAt.getTime());
    expect(
      await env.t.db.emailMessage.count({
        where: { idempotencyKey: { startsWith: `on-the-way:${b.id}:` } },
      }),
    ).toBe(1);
    expect(
      await env.t.db.bookingEvent.count({ where: { bookingId: b.id, type: "chef-on-the-way" } }),
    ).toBe(1);
  });

  it("a cancelled party gets no 'on the way'", async () => {
    const b = await book(env, { date: dayIn(81), email: "gone@example.com", confirm: true });
    const t = await startOf(b.id);
    await cancelBooking(
      env.t.db,
      { bookingId: b.id, reason: "No", actor: staff },
      { cache: env.cache },
    );
    const admin = await adminCallers(env, () => at(t, -HOUR));
    await expect(
      admin.caller("STAFF").bookings.chefOnTheWay({ id: b.id, minutes: 30 }),
    ).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
      message: expect.stringMatching(/cancelled: there is no party to drive to/),
    });
    expect(
      await env.t.db.emailMessage.count({
        where: { idempotencyKey: { startsWith: `on-the-way:${b.id}:` } },
      }),
    ).toBe(0);
  });
});
