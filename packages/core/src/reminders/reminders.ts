// Reminders before a party and the day-of "your chef is on the way" message.
//
// - A week before (7 days) and the day before (24 hours) the event, the customer gets a reminder
//   with what to prepare (space for the grill, tables, plates and drinks: built from the booking
//   and the menu, see `prepChecklist`). The worker's scheduler (`bookings.reminders`, every 5
//   minutes) calls `storeDueReminders` with its clock (injectable: tests pass their own).
// - Each is sent once per booking and per event time: its email's idempotency key
//   (`reminder-7d:<booking>:<start instant>`) is unique in EmailMessage, written in one
//   transaction with the link token it carries. Two runs, a retried job or two workers store it
//   once. A reschedule gives the new time keys of its own (so the reminders are armed again for
//   it); a cancelled (or expired, or still held) booking gets none.
// - A reminder is skipped for a booking that got its time too late for it: booked (or moved)
//   less than 7 days ahead gets no week reminder (the confirmation just went out), less than 24
//   hours ahead no day-before one. Past its last useful moment (the day before is due, or the
//   party starts within the hour) it is not sent either, e.g. after the worker was down.
// - "On the way" is sent when staff say the chef has left (`notifyChefOnTheWay`): a caterer's
//   chef leaves when the last event, traffic and loading allow, so a fixed time would promise an
//   arrival nobody knows. Staff give the minutes to arrival; once per booking and event time.
import type { Db, DbTx } from "@myhibachi/db";
import { PG_UNIQUE_VIOLATION, pgErrorCode } from "@myhibachi/db";
import {
  addDays,
  DAY,
  formatCents,
  formatInstant,
  formatLocalDate,
  HOUR,
  MINUTE,
  zonedParts,
  pluralCount,
} from "@myhibachi/shared";
import { AppError } from "../errors";
import { issueAccessToken } from "../booking/links";
import { reminderSuggestion } from "../recommendations/store";
import type { StoredEmail } from "../operations/define";

export type ReminderKind = "week" | "day";

export const REMINDERS: Record<
  ReminderKind,
  { keyPrefix: string; before: number; lastCall: number }
> = {
  /** 7 days before; not once the day-before reminder is due. */
  week: { keyPrefix: "reminder-7d", before: 7 * DAY, lastCall: 24 * HOUR },
  /** 24 hours before; not in the last hour (the chef is about to leave). */
  day: { keyPrefix: "reminder-24h", before: 24 * HOUR, lastCall: 1 * HOUR },
};

/** One reminder per booking and event time. */
export const reminderKey = (kind: ReminderKind, bookingId: string, startsAt: Date) =>
  `${REMINDERS[kind].keyPrefix}:${bookingId}:${startsAt.toISOString()}`;

export const onTheWayKey = (bookingId: string, startsAt: Date) =>
  `on-the-way:${bookingId}:${startsAt.toISOString()}`;

/**
 * Why a stored reminder or "on the way" email must not go out any more, or null when it still
 * should: its booking was cancelled (or expired) or moved to another time after it was stored
 * (e.g. while the mail server was down and the sweep is catching up). The sender checks this
 * right before sending; a moved booking gets its own reminders for the new time.
 */
export async function bookingEmailObsolete(db: Db, idempotencyKey: string): Promise<string | null> {
  const m = /^(reminder-7d|reminder-24h|on-the-way):([^:]+):(.+)$/.exec(idempotencyKey);
  if (!m) return null;
  const b = await db.booking.findUnique({
    where: { id: m[2]! },
    select: { code: true, status: true, startsAt: true },
  });
  if (!b) return "Not sent: the booking no longer exists.";
  if (b.status !== "PENDING" && b.status !== "CONFIRMED")
    return `Not sent: booking ${b.code} was ${b.status === "CANCELLED" ? "cancelled" : b.status.toLowerCase()} before it went out.`;
  if (b.startsAt.toISOString() !== m[3])
    return `Not sent: booking ${b.code} moved to another time before it went out (the new time has reminders of its own).`;
  return null;
}

/** Booking events that gave a booking a new time (its reminders are armed from then). */
const TIME_SET = ["rescheduled", "hold-moved"];

/**
 * Live bookings (waiting for us or confirmed) whose `kind` reminder is due at `now` and not yet
 * stored, soonest first: the event is within `before` and still beyond `lastCall`, and the
 * booking had its current time before the reminder fell due.
 */
export async function bookingsDueForReminder(
  db: Db,
  kind: ReminderKind,
  now: Date,
  limit = 500,
): Promise<{ id: string; startsAt: Date }[]> {
  const r = REMINDERS[kind];
  const from = new Date(now.getTime() + r.lastCall);
  const until = new Date(now.getTime() + r.before);
  const rows = await db.$queryRaw<{ id: string; startsAt: Date; timeSetAt: Date }[]>`
    SELECT b.id, b."startsAt",
           GREATEST(b."createdAt",
                    COALESCE((SELECT max(e."createdAt") FROM "BookingEvent" e
                               WHERE e."bookingId" = b.id AND e.type = ANY(${TIME_SET})),
                             b."createdAt")) AS "timeSetAt"
      FROM "Booking" b
     WHERE b.status IN ('PENDING', 'CONFIRMED')
       AND b."contactEmail" IS NOT NULL
       AND b."startsAt" > ${from} AND b."startsAt" <= ${until}
     ORDER BY b."startsAt", b.id
     LIMIT ${limit}`;
  const timely = rows.filter((b) => b.timeSetAt.getTime() <= b.startsAt.getTime() - r.before);
  if (!timely.length) return [];
  const keys = timely.map((b) => reminderKey(kind, b.id, b.startsAt));
  const sent = new Set(
    (
      await db.emailMessage.findMany({
        where: { idempotencyKey: { in: keys } },
        select: { idempotencyKey: true },
      })
    ).map((m) => m.idempotencyKey),
  );
  return timely
    .filter((b) => !sent.has(reminderKey(kind, b.id, b.startsAt)))
    .map((b) => ({ id: b.id, startsAt: b.startsAt }));
}

const BOOKING_FOR_REMINDER = {
  id: true,
  code: true,
  status: true,
  startsAt: true,
  timeZone: true,
  adults: true,
  children: true,
  addressLine1: true,
  addressLine2: true,
  city: true,
  state: true,
  postalCode: true,
  contactName: true,
  contactEmail: true,
  notes: true,
  allergies: true,
  selection: true,
  package: { select: { name: true, includes: true } },
  chefs: { where: { live: true }, select: { chef: { select: { name: true } } } },
} as const;

type ReminderBooking = {
  adults: number;
  children: number;
  notes: string | null;
  selection: unknown;
  package: { name: string; includes: string[] };
};

/** The add-ons a booking's selection has (slug -> quantity). */
function extrasOf(selection: unknown): Record<string, number> {
  const extras = (selection as { extras?: unknown } | null)?.extras;
  if (!extras || typeof extras !== "object") return {};
  return Object.fromEntries(
    Object.entries(extras as Record<string, unknown>).filter(
      (e): e is [string, number] => typeof e[1] === "number" && e[1] > 0,
    ),
  );
}

/**
 * What the customer prepares for the party, from the booking and the menu where they say it:
 * the guests to seat and serve, the tables we bring when that add-on is booked, what the chef
 * brings (the package's own list), the booked add-ons' notes ("you provide the alcohol"), and
 * what they told us about allergies.
 */
export function prepChecklist(
  b: ReminderBooking,
  menu: { slug: string; name: string; description: string }[],
  business: { phone: string },
): { prepare: string[]; chefBrings: string; extras: string[] } {
  const guests = b.adults + b.children;
  const extras = extrasOf(b.selection);
  const item = (slug: string) => menu.find((m) => m.slug === slug);
  const tables = extras["tables-chairs"] ? item("tables-chairs") : undefined;
  const prepare = [
    "A flat outdoor spot about 10 x 10 ft (3 x 3 m) for the grill, with open sky or a high roof above it (the grill makes smoke and flames), within reach of a power outlet.",
    tables
      ? `Room for the tables and chairs we bring (${tables.name}: ${tables.description.replace(/\.$/, "")}) around the grill.`
      : `Two tables (6 ft is ideal) set in a U or an L around the grill, and seats for ${guests} ${guests === 1 ? "guest" : "guests"}.`,
    `Plates, bowls, chopsticks or forks, napkins and drinks for ${guests}: the chef serves straight from the grill onto your plates.`,
    "Parking close to the spot for the chef's car, and tell us about gate codes or stairs.",
    "A rain plan: a covered patio or an open garage works well. Call us if you're not sure about your space.",
  ];
  const includes = b.package.includes.length
    ? ` (${b.package.name}: ${b.package.includes.join(", ")})`
    : ` (${b.package.name})`;
  const chefBrings = `The hibachi grill, propane, cooking tools and all the food on your menu${includes}.`;
  const extraLines = Object.keys(extras)
    .map(item)
    .filter((m): m is NonNullable<typeof m> => !!m && m.slug !== "tables-chairs")
    .map((m) => `${m.name}: ${m.description}`);
  if (b.notes?.trim())
    prepare.push(
      `You told us: "${b.notes.trim()}". Anything to add about allergies? Call us at ${business.phone} before the day.`,
    );
  else
    prepare.push(
      `Allergies or special diets? Call us at ${business.phone} before the day, so the chef can cook those portions apart.`,
    );
  return { prepare, chefBrings, extras: extraLines };
}

/** "today", "tomorrow" or "on Saturday, November 28", on the event's calendar. */
function dayWord(startsAt: Date, tz: string, now: Date): string {
  const event = zonedParts(startsAt, tz).date;
  const today = zonedParts(now, tz).date;
  if (event === today) return "today";
  if (event === addDays(today, 1)) return "tomorrow";
  return `on ${formatLocalDate(event, "weekdayDate")}`;
}

async function businessOf(db: Db | DbTx) {
  return db.businessSettings.findUniqueOrThrow({
    where: { id: 1 },
    select: {
      businessName: true,
      phone: true,
      email: true,
      rescheduleCutoffHours: true,
      freeCancellationHours: true,
      partyChangeCutoffHours: true,
    },
  });
}

/** The reminder email for one booking, or null when it has no address or is no longer on. */
export async function reminderEmail(
  db: Db | DbTx,
  bookingId: string,
  kind: ReminderKind,
  opts: { now: Date; customerUrl: string; token: () => Promise<string> },
): Promise<StoredEmail | null> {
  const b = await db.booking.findUnique({ where: { id: bookingId }, select: BOOKING_FOR_REMINDER });
  if (!b?.contactEmail || !["PENDING", "CONFIRMED"].includes(b.status)) return null;
  const [settings, menu] = await Promise.all([
    businessOf(db),
    db.menuItem.findMany({ select: { slug: true, name: true, description: true } }),
  ]);
  const list = prepChecklist(b, menu, settings);
  const time = formatInstant(b.startsAt, b.timeZone, "time");
  const day = dayWord(b.startsAt, b.timeZone, opts.now);
  const where = [b.addressLine1, b.addressLine2, b.city].filter(Boolean).join(", ");
  const chefs = b.chefs.map((c) => c.chef.name);
  const token = await opts.token();
  const link = `${opts.customerUrl}/bookings/${b.id}?token=${token}`;
  // The week reminder, while the party can still change: at most one suggestion, safe for the
  // party's dietary profile, for a booking that came through a suggestion session not held out.
  const idea = kind === "week" ? await reminderSuggestion(db, b, opts.now) : null;
  const subject =
    kind === "week"
      ? `Your hibachi party is ${day} at ${time} (${b.code})`
      : `${day === "today" ? "Today" : day === "tomorrow" ? "Tomorrow" : `Coming up ${day}`}: your hibachi party at ${time} (${b.code})`;
  const text = [
    `Hi ${b.contactName ?? "there"},`,
    `Your hibachi party ${b.code} is ${day} at ${time}, at ${where}, for ${pluralCount(b.adults + b.children, "guest")}.${chefs.length ? ` Your chef: ${chefs.join(" and ")}.` : ""}`,
    `Before the party, please have ready:\n${list.prepare.map((p) => `  • ${p}`).join("\n")}`,
    `Your chef brings: ${list.chefBrings}`,
    ...(list.extras.length
      ? [`Also on your order:\n${list.extras.map((e) => `  • ${e}`).join("\n")}`]
      : []),
    ...(idea
      ? [
          `An idea for your party: ${idea.title} (${idea.revenueDeltaCents >= 0 ? "+" : "-"}${formatCents(Math.abs(idea.revenueDeltaCents))} on your total). ${idea.reason}\nTo add it, open your booking and choose "Change guests or menu" (until ${formatInstant(new Date(b.startsAt.getTime() - settings.partyChangeCutoffHours * HOUR), b.timeZone, "shortDayTime")}):\n${link}`,
        ]
      : []),
    kind === "week"
      ? `Plans changed? On your booking's page you can move the party up to ${settings.rescheduleCutoffHours} hours before it, or cancel it (please at least ${settings.freeCancellationHours} hours before):\n${link}`
      : `On the day we'll email you when your chef is on the way. Your booking:\n${link}`,
    `See you soon!\n${settings.businessName} · ${settings.phone} · ${settings.email}`,
  ].join("\n\n");
  return {
    to: b.contactEmail,
    subject,
    text,
    idempotencyKey: reminderKey(kind, b.id, b.startsAt),
  };
}

/**
 * Stores every reminder due at `now` (both kinds), each in its own transaction with its link
 * token, and returns them to send. A reminder another worker stored meanwhile is skipped.
 */
export async function storeDueReminders(
  db: Db,
  opts: { now: Date; customerUrl: string },
): Promise<StoredEmail[]> {
  const out: StoredEmail[] = [];
  for (const kind of ["day", "week"] as ReminderKind[]) {
    for (const due of await bookingsDueForReminder(db, kind, opts.now)) {
      const key = reminderKey(kind, due.id, due.startsAt);
      try {
        const email = await db.$transaction(async (tx) => {
          if (
            await tx.emailMessage.findUnique({
              where: { idempotencyKey: key },
              select: { id: true },
            })
          )
            return null;
          const e = await reminderEmail(tx, due.id, kind, {
            ...opts,
            token: () => issueAccessToken(tx, due.id, { sentByEmail: true }),
          });
          // The booking moved or ended between the query and here: its own run decides.
          if (!e || e.idempotencyKey !== key) return null;
          // The run's clock (the sweep measures "queued for 20 s" from it), not the server's.
          await tx.emailMessage.create({ data: { ...e, createdAt: opts.now } });
          return e;
        });
        if (email) out.push(email);
      } catch (err) {
        // Another worker stored it between our check and our insert: that one is sent.
        if (pgErrorCode(err) !== PG_UNIQUE_VIOLATION) throw err;
      }
    }
  }
  return out;
}

/** How early on the day staff may say the chef is on the way. */
export const ON_THE_WAY_FROM = 12 * HOUR;

/**
 * Staff say the chef has left for the party: the customer is emailed "your chef is on the way,
 * arriving in about N minutes", once per booking and event time. Returns the email to send
 * (null when it was sent before) and when it was first sent.
 */
export async function storeChefOnTheWay(
  db: Db,
  input: { bookingId: string; minutes: number; actor: string; now: Date; customerUrl: string },
): Promise<{ email: StoredEmail | null; sentAt: Date; arriveAt: Date; to: string }> {
  const { now } = input;
  const b = await db.booking.findUnique({
    where: { id: input.bookingId },
    select: { ...BOOKING_FOR_REMINDER, endsAt: true },
  });
  if (!b)
    throw new AppError(
      "NOT_FOUND",
      "We couldn't find that booking. Reload the page and try again.",
    );
  if (!["PENDING", "CONFIRMED"].includes(b.status))
    throw new AppError(
      "PRECONDITION_FAILED",
      `This booking is ${b.status === "HELD" ? "still held, not confirmed" : b.status.toLowerCase()}: there is no party to drive to.`,
    );
  if (!b.contactEmail)
    throw new AppError(
      "PRECONDITION_FAILED",
      "This booking has no email address: call the customer to say the chef is on the way.",
    );
  if (now.getTime() < b.startsAt.getTime() - ON_THE_WAY_FROM)
    throw new AppError(
      "PRECONDITION_FAILED",
      `The party is ${formatInstant(b.startsAt, b.timeZone, "shortDayTime")}: you can tell the customer the chef is on the way from ${formatInstant(new Date(b.startsAt.getTime() - ON_THE_WAY_FROM), b.timeZone, "shortDayTime")}.`,
    );
  if (now.getTime() > b.endsAt.getTime())
    throw new AppError("PRECONDITION_FAILED", "This party is already over.");
  const key = onTheWayKey(b.id, b.startsAt);
  const arriveAt = new Date(now.getTime() + input.minutes * MINUTE);
  const earlier = async () => {
    const row = await db.emailMessage.findUnique({
      where: { idempotencyKey: key },
      select: { createdAt: true, text: true },
    });
    return row;
  };
  const before = await earlier();
  if (before) return { email: null, sentAt: before.createdAt, arriveAt, to: b.contactEmail };
  const settings = await businessOf(db);
  const chefs = b.chefs.map((c) => c.chef.name);
  const who = chefs.length
    ? `${chefs.join(" and ")} ${chefs.length > 1 ? "are" : "is"}`
    : "Your chef is";
  try {
    const email = await db.$transaction(async (tx) => {
      const token = await issueAccessToken(tx, b.id, { sentByEmail: true });
      const e: StoredEmail = {
        to: b.contactEmail!,
        subject: `Your chef is on the way (${b.code})`,
        text: [
          `Hi ${b.contactName ?? "there"},`,
          `${who} on the way to ${[b.addressLine1, b.city].filter(Boolean).join(", ")} and should arrive around ${formatInstant(arriveAt, b.timeZone, "time")} (in about ${input.minutes} minutes) to set up for your party at ${formatInstant(b.startsAt, b.timeZone, "time")}.`,
          "Please make sure the grill spot is clear, and that the chef can park close by and get in (gate codes, a dog to keep inside).",
          `Running late or need to tell the chef something? Call us at ${settings.phone}.`,
          `Your booking: ${input.customerUrl}/bookings/${b.id}?token=${token}`,
          `${settings.businessName} · ${settings.phone} · ${settings.email}`,
        ].join("\n\n"),
        idempotencyKey: key,
      };
      await tx.emailMessage.create({ data: e });
      await tx.bookingEvent.create({
        data: {
          bookingId: b.id,
          type: "chef-on-the-way",
          actor: input.actor,
          data: { minutes: input.minutes, arriveAt: arriveAt.toISOString() },
        },
      });
      return e;
    });
    return { email, sentAt: now, arriveAt, to: b.contactEmail };
  } catch (err) {
    if (pgErrorCode(err) !== PG_UNIQUE_VIOLATION) throw err;
    const row = await earlier();
    return { email: null, sentAt: row?.createdAt ?? now, arriveAt, to: b.contactEmail };
  }
}
