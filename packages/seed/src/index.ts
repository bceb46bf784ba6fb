// Fills an empty database with a realistic demo business: menu, packages, settings, zones,
// 4 chefs with schedules, ~200 regular customers and ~250 who booked once, with 18 months of booking history, upcoming bookings,
// and owner / staff / customer logins. Does nothing when the business already exists.
import { randomBytes } from "node:crypto";
import { hashPassword } from "better-auth/crypto";
import type { Db, Prisma } from "@myhibachi/db";
import {
  chefIsFree,
  computeQuote,
  quoteColumns,
  quoteLineRows,
  recomputeAllLoyalty,
  refitCustomerIntelligence,
  distanceMiles,
  eventTiming,
  zoneForDistance,
  type ChefSchedule,
  type QuoteSelection,
} from "@myhibachi/core";
import { addDays, zonedParts, zonedTimeToUtc } from "@myhibachi/shared";
import {
  CHEFS,
  DEMO_USERS,
  FIRST,
  LAST,
  LOYALTY_TIERS,
  OCCASIONS,
  POSTAL_CODES,
  SETTINGS,
  STREETS,
} from "./data";

import { seedAiLedger } from "./ai-ledger";
import { createCatalogBasics } from "./fixtures";
import { rng } from "./random";
import { DEMO_RECOMMENDATIONS, visitsForBooking } from "./recommendation-history";

export { DEMO_USERS } from "./data";

const id = (p: string) => `${p}_${randomBytes(9).toString("base64url")}`;

export interface SeedResult {
  seeded: boolean;
  customers: number;
  bookings: number;
  logins: typeof DEMO_USERS;
  /**
   * The generator's truth, for tests that judge the analytics against it: the repeat customers
   * it stopped (their last booking day, before today). They never book again.
   */
  stopped?: { customerId: string; lastDay: string }[];
}

export async function seedDemo(
  db: Db,
  opts: { now?: Date; log?: (s: string) => void } = {},
): Promise<SeedResult> {
  const log = opts.log ?? (() => {});
  const now = opts.now ?? new Date();
  if (await db.businessSettings.findUnique({ where: { id: 1 } })) {
    return {
      seeded: false,
      customers: await db.customer.count(),
      bookings: await db.booking.count(),
      logins: DEMO_USERS,
    };
  }
  const r = rng(20261124);
  const tz = SETTINGS.timeZone;

  const zones = await createCatalogBasics(db, SETTINGS);
  const items = await db.menuItem.findMany();
  const packages = await db.package.findMany();
  log(`menu: ${items.length} items, ${packages.length} packages`);

  // Chefs with weekly hours, service zones, and some time off.
  const chefs: (ChefSchedule & { blocksMut: { start: Date; end: Date }[] })[] = [];
  for (const c of CHEFS) {
    const chef = await db.chef.create({
      data: {
        name: c.name,
        email: c.email,
        color: c.color,
        bio: c.bio,
        phone: `(408) 555-01${String(10 + chefs.length)}`,
        workingHours: {
          create: c.days.map((weekday) => ({ weekday, startMinute: c.start, endMinute: c.end })),
        },
        serviceZones: { create: c.zones.map((zi) => ({ zoneId: zones[zi]!.id })) },
      },
    });
    const blocksMut: { start: Date; end: Date }[] = [];
    chefs.push({
      id: chef.id,
      name: chef.name,
      active: true,
      zoneIds: c.zones.map((zi) => zones[zi]!.id),
      hours: c.days.map((weekday) => ({ weekday, startMinute: c.start, endMinute: c.end })),
      timeOff: [],
      blocks: blocksMut,
      blocksMut,
      load: 0,
    });
  }
  const today = zonedParts(now, tz).date;
  const vacations = [
    { chef: 1, from: addDays(today, 20), days: 7, reason: "Family vacation" },
    { chef: 3, from: addDays(today, -120), days: 10, reason: "Trip to Japan" },
    { chef: 0, from: addDays(today, 45), days: 3, reason: "Cooking competition" },
  ];
  for (const v of vacations) {
    const startsAt = zonedTimeToUtc(v.from, 0, tz);
    const endsAt = zonedTimeToUtc(addDays(v.from, v.days), 0, tz);
    await db.chefTimeOff.create({
      data: { chefId: chefs[v.chef]!.id, startsAt, endsAt, reason: v.reason },
    });
    (chefs[v.chef]!.timeOff as { start: Date; end: Date }[]).push({ start: startsAt, end: endsAt });
  }

  // Users: owner, staff, and a demo customer.
  const users: Record<string, string> = {};
  for (const u of Object.values(DEMO_USERS)) {
    const userId = id("usr");
    users[u.email] = userId;
    await db.user.create({
      data: { id: userId, email: u.email, name: u.name, role: u.role, emailVerified: true },
    });
    await db.account.create({
      data: {
        id: id("acc"),
        accountId: userId,
        providerId: "credential",
        userId,
        password: await hashPassword(u.password),
      },
    });
  }

  // Customers, acquired over the 18 months; some are loyal regulars.
  const localZips = POSTAL_CODES.filter(
    ([, , lat, lng]) =>
      distanceMiles({ lat: SETTINGS.baseLat, lng: SETTINGS.baseLng }, { lat, lng }) <= 50,
  );
  const historyStart = addDays(today, -548);
  const customers: {
    id: string;
    zip: (typeof POSTAL_CODES)[number];
    name: string;
    email: string;
    phone: string;
    since: string;
    weight: number;
    /** Their usual number of adults: a family or a circle of friends is about the same size
     * from one party to the next, so what a booking is worth differs between customers. */
    usualAdults: number;
    /** The last day this customer books (a lapsed customer); none for one who stays. */
    until?: string;
  }[] = [];
  // Who books, drawn apart from the main generator `r` so the days, parties and menus of the demo
  // stay as they were. A hibachi party is mostly a one-off (a birthday, a graduation): close to
  // half the bookings come from people who book once, and some repeat customers stop booking.
  // That gives the churn and value pages a realistic spread (issue 15, attack R1-2).
  const who = rng(20261130);
  const ONE_TIME_SHARE = 0.45;
  const LAPSE_SHARE = 0.3;
  for (let i = 0; i < 200; i++) {
    const first = r.pick(FIRST);
    const last = r.pick(LAST);
    const demo = i === 0;
    const name = demo ? DEMO_USERS.customer.name : `${first} ${last}`;
    const email = demo
      ? DEMO_USERS.customer.email
      : `${first}.${last}${i}@example.com`.toLowerCase();
    const zip = r.chance(0.7) ? r.pick(localZips.slice(0, 45)) : r.pick(localZips);
    const since = demo
      ? addDays(today, -400)
      : addDays(historyStart, Math.floor(r.next() ** 1.3 * 520));
    const drawnWeight = r.chance(0.2) ? 6 : r.chance(0.4) ? 2 : 1;
    // The demo customer is a regular: their sign-in shows past parties, points and a tier.
    const weight = demo ? 15 : drawnWeight;
    const phone = `(408) 555-${String(2000 + i).padStart(4, "0")}`;
    const cust = await db.customer.create({
      data: {
        name,
        email,
        phone,
        userId: demo ? users[DEMO_USERS.customer.email]! : null,
        createdAt: zonedTimeToUtc(since, 10 * 60, tz),
        notes: r.chance(0.1)
          ? r.pick([
              "Prefers chef Kenji",
              "Shellfish allergy in family",
              "Gate code 4512",
              "Large backyard, bring extension cord",
            ])
          : null,
      },
    });
    const until = !demo && who.chance(LAPSE_SHARE) ? addDays(since, who.int(120, 450)) : undefined;
    const usualAdults = who.int(6, 22);
    customers.push({ id: cust.id, zip, name, email, phone, since, weight, until, usualAdults });
  }
  // Customers who book once, created as they book (their record dates from that booking).
  const oneTimers: Prisma.CustomerCreateManyInput[] = [];
  let drawn = 0;
  const oneTimeCustomer = () => {
    const k = drawn++;
    const first = who.pick(FIRST);
    const last = who.pick(LAST);
    const c = {
      id: id("cust"),
      zip: who.chance(0.7) ? who.pick(localZips.slice(0, 45)) : who.pick(localZips),
      name: `${first} ${last}`,
      email: `${first}.${last}.${k + 1}@example.net`.toLowerCase(),
      phone: `(669) 555-${String(1000 + k).padStart(4, "0")}`,
    };
    return { ...c, usualAdults: who.int(6, 22), oneTime: true as const };
  };

  // Bookings, day by day: weekends busier, summer and December peaks, steady growth.
  const catalog = {
    packages: packages.map((p) => ({ ...p })),
    items: items.map((i) => ({ ...i })),
    settings: SETTINGS,
  };
  const proteins = items.filter((i) => i.kind === "PROTEIN").map((i) => i.slug);
  const upgrades = items
    .filter((i) => i.kind === "UPGRADE" && !i.seasonalTags.includes("holiday"))
    .map((i) => i.slug);
  const extras = items
    .filter(
      (i) =>
        ["APPETIZER", "SIDE", "ADDON"].includes(i.kind) &&
        i.pricing === "PER_PERSON" &&
        i.slug !== "pumpkin-mochi",
    )
    .map((i) => i.slug);
  const bookings: Prisma.BookingCreateManyInput[] = [];
  const lines: Prisma.BookingLineCreateManyInput[] = [];
  const blocks: Prisma.BookingChefCreateManyInput[] = [];
  // The demo takes no payment online ("pay at the event"): each completed event was paid at the
  // event, recorded by staff (cash or the chef's card reader), often with a tip. Rows older than
  // the receipts job's look-back, so the worker emails no receipt for history.
  const payments: Prisma.PaymentCreateManyInput[] = [];
  const historyCreatedAt = new Date(now.getTime() - 4 * 86400_000);
  const weekdayRate = [1.3, 0.35, 0.3, 0.4, 0.6, 1.6, 2.4];
  const seasonRate = [0.7, 0.75, 0.9, 1, 1.1, 1.3, 1.35, 1.3, 1.05, 0.95, 1, 1.4];
  let n = 0;
  const recLaunch = new Date(now.getTime() - DEMO_RECOMMENDATIONS.launchDaysAgo * 86400_000);
  const recRand = rng(20261231);
  const recCatalog = { ...catalog, items: catalog.items.map((i) => ({ ...i })) };
  const recSessions: Prisma.RecommendationSessionCreateManyInput[] = [];
  const recEvents: Prisma.RecommendationEventCreateManyInput[] = [];
  for (let date = historyStart; date <= addDays(today, 75); date = addDays(date, 1)) {
    const [y, m] = date.split("-").map(Number) as [number, number];
    const dayIndex =
      (Date.UTC(y, m - 1, Number(date.slice(8))) - Date.parse(`${historyStart}T00:00:00Z`)) /
      86400000;
    const growth = 0.7 + 0.5 * (dayIndex / 548);
    const future = date > today;
    const lambda =
      weekdayRate[new Date(`${date}T12:00:00Z`).getUTCDay()]! *
      seasonRate[m - 1]! *
      growth *
      (future ? Math.max(0.25, 1 - (dayIndex - 548) / 80) : 1);
    const count = r.poisson(lambda);
    for (let k = 0; k < count; k++) {
      const eligible = customers.filter((c) => c.since <= date && !(c.until && date > c.until));
      if (!eligible.length) continue;
      const total = eligible.reduce((s, c) => s + c.weight, 0);
      let pickAt = r.next() * total;
      const regular = eligible.find((c) => (pickAt -= c.weight) < 0) ?? eligible[0]!;
      const cust = who.chance(ONE_TIME_SHARE) ? oneTimeCustomer() : regular;
      const [zip, city, lat, lng] = cust.zip;
      const miles = distanceMiles({ lat: SETTINGS.baseLat, lng: SETTINGS.baseLng }, { lat, lng });
      const zone = zoneForDistance(zones, miles);
      if (!zone) continue;
      // The main generator's draw (so the rest of the demo stays as it was), pulled most of the
      // way to the customer's usual size.
      const adults = Math.round((r.int(6, 22) + 3 * cust.usualAdults) / 4);
      const children = r.chance(0.5) ? r.int(1, 6) : 0;
      const guests = adults + children;
      const startMinute = r.pick(SETTINGS.slotStartMinutes);
      const timing = eventTiming(SETTINGS, date, startMinute, guests);
      const free = chefs
        .filter((c) => chefIsFree(c, SETTINGS, date, startMinute, timing, zone.id))
        .sort((a, b) => a.blocksMut.length - b.blocksMut.length);
      const needed = Math.ceil(guests / SETTINGS.maxGuestsPerChef);
      if (free.length < needed) continue;
      const pkg = r.chance(0.8) ? packages[0]! : packages[1]!;
      const portions = guests * pkg.proteinsPerGuest;
      const proteinCounts: Record<string, number> = {};
      let left = portions;
      if (r.chance(0.35)) {
        const up = r.pick(upgrades);
        const c = Math.min(left, r.int(2, guests));
        proteinCounts[up] = c;
        left -= c;
      }
      const chosen = [r.pick(proteins), r.pick(proteins), r.pick(proteins)];
      chosen.forEach((p, i) => {
        const c = i === chosen.length - 1 ? left : Math.floor(left / (chosen.length - i));
        proteinCounts[p] = (proteinCounts[p] ?? 0) + c;
        left -= c;
      });
      const extraCounts: Record<string, number> = {};
      if (r.chance(0.5)) extraCounts[r.pick(extras)] = guests;
      const selection: QuoteSelection = {
        packageSlug: pkg.slug,
        adults,
        children,
        proteins: proteinCounts,
        extras: extraCounts,
      };
      const createdAt = new Date(timing.startsAt.getTime() - r.int(5, 60) * 86400_000);
      // Since the recommendation rules "launched": the wizard visits behind this booking, with
      // the simulated answers (recommendation-history.ts: a stated ground truth, its own random
      // generator so the rest of the demo stays as it was). An accepted suggestion is the party.
      const bookingId = id("bk");
      let party = selection;
      if (createdAt >= recLaunch) {
        const visits = visitsForBooking(recRand, n + 1, recCatalog, selection, date);
        // The visits happened before the booking was made, and never after now: a booking of a
        // party months ahead is dated up to 60 days before its event, which can be after today
        // (attack 16b, R1-9: sessions dated 2027 on a demo seeded in 2026).
        const visitedBy = Math.min(createdAt.getTime(), now.getTime() - 3_600_000);
        for (const v of visits) {
          const sessionId = id("rs");
          const at = new Date(visitedBy - recRand.int(5, 600) * 60_000);
          recSessions.push({
            id: sessionId,
            key: v.key,
            arm: v.arm,
            createdAt: at,
            bookingId: v.books ? bookingId : null,
          });
          for (const sg of v.suggestions)
            recEvents.push({
              sessionId,
              ruleSlug: sg.rule,
              surface: "wizard-menu",
              outcome: v.arm === "control" ? "ELIGIBLE" : "SHOWN",
              revenueDeltaCents: sg.revenueDeltaCents,
              createdAt: at,
            });
          if (v.accepted)
            recEvents.push({
              sessionId,
              ruleSlug: v.accepted.rule,
              surface: "wizard-menu",
              outcome: "ACCEPTED",
              revenueDeltaCents: v.accepted.revenueDeltaCents,
              createdAt: at,
            });
          for (const rule of v.declined)
            recEvents.push({
              sessionId,
              ruleSlug: rule,
              surface: "wizard-menu",
              outcome: "DECLINED",
              revenueDeltaCents: 0,
              createdAt: at,
            });
          if (v.books && v.accepted) party = { ...selection, ...v.accepted.selection };
        }
      }
      const quote = computeQuote(catalog, zone, party);
      const cancelled = r.chance(future ? 0.06 : 0.09);
      // Completed only once the event is over (core's completionBlocker): an event later today,
      // one that hasn't ended by `now`, is still confirmed. No extra draw from the generator, so
      // the rest of the demo stays as it was.
      const ended = timing.endsAt.getTime() <= now.getTime();
      const status = cancelled
        ? "CANCELLED"
        : future
          ? r.chance(0.65)
            ? "CONFIRMED"
            : "PENDING"
          : ended
            ? "COMPLETED"
            : "CONFIRMED";
      n++;
      // Their record dates from their booking (only a party that was made makes a customer).
      if ("oneTime" in cust)
        oneTimers.push({
          id: cust.id,
          name: cust.name,
          email: cust.email,
          phone: cust.phone,
          createdAt,
        });
      bookings.push({
        id: bookingId,
        code: `HB-D${String(n).padStart(5, "0")}`,
        idempotencyKey: `seed-${n}`,
        customerId: cust.id,
        status,
        source: r.chance(0.15) ? "CHAT" : "WEB",
        startsAt: timing.startsAt,
        endsAt: timing.endsAt,
        chefBlockStart: timing.blockStart,
        chefBlockEnd: timing.blockEnd,
        timeZone: tz,
        adults,
        children,
        packageId: pkg.id,
        addressLine1: `${r.int(100, 9999)} ${r.pick(STREETS)}`,
        city,
        state: "CA",
        postalCode: zip,
        travelZoneName: zone.name,
        distanceMiles: Math.round(miles * 10) / 10,
        contactName: cust.name,
        contactEmail: cust.email,
        contactPhone: cust.phone,
        notes: r.pick(OCCASIONS),
        selection: party as unknown as Prisma.InputJsonValue,
        ...quoteColumns(quote),
        settingsVersion: 1,
        createdAt,
        confirmedAt:
          status === "CONFIRMED" || status === "COMPLETED"
            ? new Date(createdAt.getTime() + 86400_000)
            : null,
        completedAt: status === "COMPLETED" ? timing.endsAt : null,
        cancelledAt: cancelled ? new Date(createdAt.getTime() + r.int(1, 4) * 86400_000) : null,
        cancelReason: cancelled
          ? r.pick([
              "Change of plans",
              "Weather",
              "Moved the party indoors to a restaurant",
              "Guest of honor sick",
            ])
          : null,
        cancelledBy: cancelled ? "customer" : null,
        // Nothing is paid online in the demo, so a cancellation refunds nothing.
        refundCents: cancelled ? 0 : null,
      });
      if (status === "COMPLETED") {
        // From the booking's number, not the generator: the rest of the demo stays as it was.
        const tipBps = [0, 1500, 1800, 2000, 2000][(n * 7) % 5]!;
        const tipCents = Math.round((quote.subtotalCents * tipBps) / 10_000);
        payments.push({
          bookingId,
          kind: "BALANCE",
          method: n % 5 < 3 ? "CARD_IN_PERSON" : "CASH",
          status: "SUCCEEDED",
          amountCents: quote.totalCents,
          tipCents,
          idempotencyKey: `seed-payment-${n}`,
          paidAt: timing.endsAt,
          // What its receipt says (core's ReceiptSnapshot): paid in full at the event.
          receiptSnapshot: {
            bookingTotalCents: quote.totalCents,
            paidTowardTotalCents: quote.totalCents,
            tipCents,
            refundedCents: 0,
            balanceDueCents: 0,
            guests,
            packageName: pkg.name,
            startsAt: timing.startsAt.toISOString(),
          },
          createdAt: timing.endsAt < historyCreatedAt ? timing.endsAt : historyCreatedAt,
        });
      }
      for (const row of quoteLineRows(quote)) lines.push({ ...row, bookingId });
      for (const chef of free.slice(0, needed)) {
        if (!cancelled) chef.blocksMut.push({ start: timing.blockStart, end: timing.blockEnd });
        blocks.push({
          bookingId,
          chefId: chef.id,
          blockStart: timing.blockStart,
          blockEnd: timing.blockEnd,
          live: !cancelled,
        });
      }
    }
  }
  await db.customer.createMany({ data: oneTimers });
  await db.booking.createMany({ data: bookings });
  await db.bookingLine.createMany({ data: lines });
  await db.bookingChef.createMany({ data: blocks });
  await db.payment.createMany({ data: payments });
  await db.recommendationSession.createMany({ data: recSessions });
  await db.recommendationEvent.createMany({ data: recEvents, skipDuplicates: true });
  log(
    `recommendations: ${recSessions.length} simulated wizard visits since ${DEMO_RECOMMENDATIONS.launchDaysAgo} days ago, ${recEvents.length} events`,
  );
  log(
    `history: ${customers.length + oneTimers.length} customers (${oneTimers.length} booked once), ${bookings.length} bookings from ${historyStart} to ${addDays(today, 75)}, ${payments.length} paid at the event`,
  );
  log(`AI ledger: ${await seedAiLedger(db, { now, timeZone: tz })} calls`);
  // Loyalty: the default tiers (the migration inserts them too; the owner's edits are kept), then
  // every customer's tier and points derived from the history above (no tier-up emails: a first
  // recompute records where a customer is silently).
  await db.loyaltyTier.createMany({ data: LOYALTY_TIERS, skipDuplicates: true });
  const loyalty = await recomputeAllLoyalty(db, now);
  log(`loyalty: ${loyalty.customers} customers recomputed`);
  // Customer intelligence as the nightly job would leave it: scores, the forecast, and the
  // churn-risk notes waiting for the owner (the worker's first night refits it again).
  const intel = await refitCustomerIntelligence(db, { now });
  log(
    `customer intelligence: ${intel.customers} customers scored, ${intel.enrolled} churn-risk interventions (${intel.durationMs} ms)`,
  );
  return {
    seeded: true,
    customers: customers.length + oneTimers.length,
    bookings: bookings.length,
    logins: DEMO_USERS,
    stopped: customers
      .filter((c) => c.until !== undefined && c.until < today)
      .map((c) => ({ customerId: c.id, lastDay: c.until! })),
  };
}
