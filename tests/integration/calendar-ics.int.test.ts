// Add to calendar (issue 13, point 7): the .ics a customer downloads from the booking page and
// finds attached to the booking emails, read back with a maintained iCalendar parser (ical.js)
// and compared with the booking row in Postgres and with hand-written wall-clock times in the
// event's time zone (one date in Pacific Standard Time, one in Pacific Daylight Time).
import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  cancelBooking,
  composeBookingEmail,
  rescheduleBooking,
  type EmailAttachment,
} from "@myhibachi/core";
import { createCallerFactory, customerRouter, type Context } from "@myhibachi/api";
import { classicSelection } from "@myhibachi/seed/fixtures";
import { createUser } from "./admin-helpers";
import {
  book,
  customerCaller,
  dayIn,
  SITE,
  staffActor,
  TZ,
  withoutBookingLimits,
} from "./after-booking-support";
import { setupEnv, type Env } from "./helpers";

let env: Env;
beforeAll(async () => {
  env = await setupEnv({ chefs: 2 });
  await withoutBookingLimits(env);
});
afterAll(() => env?.close());

/** The one VEVENT of an .ics text, parsed by ical.js, and the calendar's METHOD. */
function parse(ics: string) {
  const cal = new ICAL.Component(ICAL.parse(ics));
  const vevent = cal.getFirstSubcomponent("vevent");
  if (!vevent) throw new Error("no VEVENT in the file");
  const event = new ICAL.Event(vevent);
  return {
    method: cal.getFirstPropertyValue("method"),
    event,
    uid: event.uid,
    sequence: event.sequence,
    status: vevent.getFirstPropertyValue("status"),
    start: event.startDate.toJSDate(),
    end: event.endDate.toJSDate(),
    startIsUtc: event.startDate.zone === ICAL.Timezone.utcTimezone,
    location: event.location,
    description: event.description,
  };
}

/** "2027-01-15 17:00": an instant on the wall clock of `tz`. */
const wall = (d: Date, tz = TZ) =>
  new Intl.DateTimeFormat("en-CA", {
    timeZone: tz,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  })
    .format(d)
    .replace(",", "");

const icsOfEmail = (a: EmailAttachment[] | undefined) => {
  expect(a, "the email has the calendar file attached").toHaveLength(1);
  expect(a![0]!.filename).toMatch(/^hibachi-party-HB-[A-Z0-9]+\.ics$/);
  expect(a![0]!.contentType).toMatch(/^text\/calendar; charset=utf-8; method=(PUBLISH|CANCEL)$/);
  return a![0]!.content;
};

describe("the .ics of a booking", () => {
  it("starts at the booked instant, in standard and in daylight time, wherever it is read", async () => {
    const u = await createUser(env.t.db, "CUSTOMER");
    // January: Pacific Standard Time (UTC-8). March 20: Pacific Daylight Time (UTC-7).
    for (const [date, utc] of [
      ["2027-01-15", "2027-01-16T01:00:00.000Z"],
      ["2027-03-20", "2027-03-21T00:00:00.000Z"],
    ] as const) {
      const b = await book(env, { date, startMinute: 17 * 60, email: u.email, user: u });
      const row = await env.t.db.booking.findUniqueOrThrow({ where: { id: b.id } });
      const r = await customerCaller(env, null).booking.calendar({
        id: b.id,
        token: b.accessToken,
      });
      const ics = parse(r.ics);
      // The instant, exactly: the database row's, and the hand-written one.
      expect(ics.start.getTime()).toBe(row.startsAt.getTime());
      expect(ics.start.toISOString()).toBe(utc);
      expect(ics.end.getTime()).toBe(row.endsAt.getTime());
      expect(ics.startIsUtc).toBe(true);
      // Read on the event's wall clock, it is the time the customer picked.
      expect(wall(ics.start, row.timeZone)).toBe(`${date} 17:00`);
      // Stable identity, the address as the location, no secret in it.
      expect(ics.uid).toBe(`booking-${b.id}@myhibachi`);
      expect(ics.sequence).toBe(0);
      expect(ics.status).toBe("TENTATIVE"); // waiting for our confirmation
      expect(ics.method).toBe("PUBLISH");
      expect(ics.location).toBe("123 Maple Ave, San Jose, CA 95125");
      expect(ics.description).toContain(b.code);
      expect(ics.description).toContain(`${SITE}/bookings/${b.id}`);
      expect(r.ics).not.toContain(b.accessToken);
      expect(r.ics).not.toMatch(/token=/);
      expect(r.filename).toBe(`hibachi-party-${b.code}.ics`);
      // The web calendars get the same instant.
      const g = new URL(r.googleUrl);
      expect(g.origin).toBe("https://calendar.google.com");
      expect(g.searchParams.get("dates")).toBe(
        `${utc.replace(/[-:]/g, "").replace(".000", "")}/${row.endsAt.toISOString().replace(/[-:]/g, "").replace(".000", "")}`,
      );
      expect(g.searchParams.get("ctz")).toBe(TZ);
      expect(g.searchParams.get("details")).not.toMatch(/token/);
      const o = new URL(r.outlookUrl);
      expect(o.searchParams.get("startdt")).toBe(utc.replace(".000", ""));
      expect(o.searchParams.get("location")).toBe("123 Maple Ave, San Jose, CA 95125");
    }
  });

  it("the signed-in customer gets it without a link; someone else's booking is not found", async () => {
    const owner = await createUser(env.t.db, "CUSTOMER");
    const other = await createUser(env.t.db, "CUSTOMER");
    const b = await book(env, { date: "2027-01-20", email: owner.email, user: owner });
    const mine = await customerCaller(env, owner).booking.calendar({ id: b.id });
    expect(parse(mine.ics).uid).toBe(`booking-${b.id}@myhibachi`);
    await expect(customerCaller(env, other).booking.calendar({ id: b.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("an update keeps the UID: confirmed, then moved (SEQUENCE + 1, new instant), then cancelled (METHOD:CANCEL)", async () => {
    const u = await createUser(env.t.db, "CUSTOMER");
    const b = await book(env, {
      date: "2027-02-05",
      startMinute: 18 * 60,
      email: u.email,
      user: u,
    });
    const staff = await staffActor(env);

    const made = await composeBookingEmail(
      env.t.db,
      { type: "booking.created", bookingId: b.id },
      SITE,
    );
    const first = parse(icsOfEmail(made!.attachments));
    expect(first.sequence).toBe(0);
    expect(wall(first.start)).toBe("2027-02-05 18:00");
    // The email offers the same event to Google and Outlook, and names the attached file.
    expect(made!.text).toContain("https://calendar.google.com/calendar/render?");
    expect(made!.text).toContain("https://outlook.live.com/calendar/0/deeplink/compose?");
    expect(made!.text).toContain(`hibachi-party-${b.code}.ics`);

    await rescheduleBooking(
      env.t.db,
      { bookingId: b.id, date: "2027-02-12", startMinute: 15 * 60, actor: staff },
      { cache: env.cache },
    );
    const row = await env.t.db.booking.findUniqueOrThrow({ where: { id: b.id } });
    const moved = await composeBookingEmail(
      env.t.db,
      { type: "booking.rescheduled", bookingId: b.id },
      SITE,
    );
    const second = parse(icsOfEmail(moved!.attachments));
    expect(second.uid).toBe(first.uid);
    expect(second.sequence).toBe(1);
    expect(second.start.getTime()).toBe(row.startsAt.getTime());
    expect(wall(second.start)).toBe("2027-02-12 15:00");
    expect(second.method).toBe("PUBLISH");

    await cancelBooking(
      env.t.db,
      { bookingId: b.id, reason: "Plans changed", actor: staff },
      { cache: env.cache },
    );
    const off = await composeBookingEmail(
      env.t.db,
      { type: "booking.cancelled", bookingId: b.id },
      SITE,
    );
    const third = parse(icsOfEmail(off!.attachments));
    expect(third.uid).toBe(first.uid);
    expect(third.method).toBe("CANCEL");
    expect(third.status).toBe("CANCELLED");
    expect(third.sequence).toBeGreaterThan(second.sequence);
    expect(off!.text).toContain("takes the party off your calendar");
    // And on the page, through the customer's link: the same cancellation.
    const page = await customerCaller(env, null).booking.calendar({
      id: b.id,
      token: b.accessToken,
    });
    expect(page.cancelled).toBe(true);
    expect(parse(page.ics).status).toBe("CANCELLED");
  });

  it("a held booking's email (not confirmed yet) carries no calendar event", async () => {
    const b = await book(env, { date: "2027-02-19" }); // a visitor: held until confirmed
    const held = await composeBookingEmail(
      env.t.db,
      { type: "booking.held", bookingId: b.id },
      SITE,
    );
    expect(held!.attachments).toBeUndefined();
    expect(held!.text).not.toContain("calendar.google.com");
  });

  it("the emails of a change carry the updated event: a bigger party that runs longer, a move, then the cancellation, each with the same UID and a higher SEQUENCE", async () => {
    // The customer site as the customer uses it through their link, with the emails it sends.
    const sent: { subject: string; text: string; attachments?: EmailAttachment[] }[] = [];
    const site = createCallerFactory(customerRouter)({
      db: env.t.db,
      redis: env.redis,
      cache: env.cache,
      auth: {} as Context["auth"],
      sendEmail: async (m: (typeof sent)[number]) => void sent.push(m),
      customerUrl: SITE,
      cookieSecret: "c".repeat(40),
      payments: null,
      user: null,
      headers: new Headers(),
    } as unknown as Context);
    const date = dayIn(30);
    const later = dayIn(37);
    const b = await book(env, { date, startMinute: 18 * 60, adults: 10, confirm: true });
    const link = { id: b.id, token: b.accessToken };
    const first = parse((await site.booking.calendar(link)).ics);
    expect(first.sequence).toBe(0);
    expect(wall(first.start)).toBe(`${date} 18:00`);
    expect(wall(first.end)).toBe(`${date} 20:00`); // 10 guests: two hours

    // 24 guests run 15 minutes longer: the party now ends at 8:15 pm.
    // The customer confirms the total the preview showed them (booking.change requires it).
    const preview = await site.booking.previewChange({ ...link, selection: classicSelection(24) });
    await site.booking.change({
      ...link,
      selection: classicSelection(24),
      expectedTotalCents: preview.plan!.quote.totalCents,
    });
    const changedMail = sent.at(-1)!;
    expect(changedMail.subject).toMatch(/is updated/);
    expect(changedMail.text).toMatch(/Ends at: 8:00\sPM → 8:15\sPM/);
    const changed = parse(icsOfEmail(changedMail.attachments));
    expect(changed.uid).toBe(first.uid);
    expect(changed.sequence).toBe(1);
    expect(changed.method).toBe("PUBLISH");
    expect(wall(changed.start)).toBe(`${date} 18:00`);
    expect(wall(changed.end)).toBe(`${date} 20:15`);
    expect(changed.description).toContain("24 guests");
    expect(changedMail.text).toContain(`open the attached hibachi-party-`);
    expect(changedMail.text).toContain("it updates the event you already added");

    // Moved a week later: the next file, at the new time on the event's wall clock.
    await site.booking.reschedule({ ...link, date: later, startMinute: 17 * 60 });
    const movedMail = sent.at(-1)!;
    expect(movedMail.subject).toMatch(/has a new time/);
    const moved = parse(icsOfEmail(movedMail.attachments));
    expect(moved.uid).toBe(first.uid);
    expect(moved.sequence).toBe(2);
    expect(wall(moved.start)).toBe(`${later} 17:00`);
    expect(wall(moved.end)).toBe(`${later} 19:15`);
    // The booking page's file says the same as the last email.
    const page = parse((await site.booking.calendar(link)).ics);
    expect(page.sequence).toBe(2);
    expect(page.start.getTime()).toBe(moved.start.getTime());

    // Cancelled: the event is taken off the calendar, by a file newer than every one before.
    await site.booking.cancel({ ...link, reason: "Plans changed" });
    const offMail = sent.at(-1)!;
    expect(offMail.subject).toMatch(/is cancelled/);
    const off = parse(icsOfEmail(offMail.attachments));
    expect(off.uid).toBe(first.uid);
    expect(off.method).toBe("CANCEL");
    expect(off.status).toBe("CANCELLED");
    expect(off.sequence).toBe(3);
  });
});
