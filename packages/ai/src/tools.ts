// Tools the assistant (any tier) can call. Every tool runs on the server with the identity the
// server established; arguments from the model are parsed with zod and never widen access: there
// is no tool argument that names a customer, and a booking code only filters the caller's own.
import { z } from "zod";
import {
  bookingAccessForUserId,
  computeQuote,
  createHold,
  distanceMiles,
  getAvailability,
  isAppError,
  resolveLocation,
  type Catalog,
  type QueryCache,
} from "@myhibachi/core";
import {
  addDays,
  defaultProteinSplit,
  dietaryMatch,
  formatCents,
  formatLocalDate,
  formatMinutes,
  zonedParts,
} from "@myhibachi/shared";
import type { Db } from "@myhibachi/db";
import type { ChatIdentity } from "./identity";

export interface ToolContext {
  db: Db;
  cache: QueryCache;
  catalog: Catalog;
  now: Date;
  identity: ChatIdentity;
  /** Idempotency key base for writes made by this turn (the user message id). */
  turnKey: string;
  /** Public URL of the customer site, for links. */
  siteUrl: string;
}

export interface SlotView {
  date: string;
  startMinute: number;
  label: string;
  dayLabel: string;
}

export interface ToolExtras {
  slots?: SlotView[];
  links?: { label: string; href: string }[];
  guests?: number;
  postalCode?: string;
}

export interface ToolResult {
  ok: boolean;
  data: unknown;
  extras?: ToolExtras;
  /** The tool changed something (a hold): the turn is never cached. */
  wrote?: boolean;
  /** The result is about the caller (their bookings): the turn is never cached. */
  personal?: boolean;
}

/** "Saturday, November 28" for a YYYY-MM-DD date. */
export const dayLabel = (date: string): string => formatLocalDate(date, "weekdayDate");

const dateArg = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "date must be YYYY-MM-DD");
const zipArg = z.string().regex(/^\d{5}$/, "postalCode must be a 5-digit ZIP");

export const toolSchemas = {
  get_menu: z.object({ dietary: z.string().max(40).optional() }),
  get_quote: z.object({
    adults: z.number().int().min(1).max(500),
    children: z.number().int().min(0).max(500).optional(),
    postalCode: zipArg.optional(),
    packageSlug: z.string().max(60).optional(),
    /** Upgrades (portions replacing included proteins) and extras by menu slug. */
    items: z.record(z.string().max(60), z.number().int().min(0).max(500)).optional(),
  }),
  check_availability: z.object({
    date: dateArg.optional(),
    from: dateArg.optional(),
    to: dateArg.optional(),
    guests: z.number().int().min(1).max(500),
    postalCode: zipArg.optional(),
  }),
  create_booking_hold: z.object({
    date: dateArg,
    startMinute: z.number().int().min(0).max(1439),
    guests: z.number().int().min(1).max(500),
    postalCode: zipArg,
  }),
  get_my_bookings: z.object({ code: z.string().max(20).optional() }),
} as const;

export type ToolName = keyof typeof toolSchemas;
export const TOOL_NAMES = Object.keys(toolSchemas) as ToolName[];
/** Bumped whenever a tool's behaviour or schema changes: part of every cache key. */
export const TOOLS_VERSION = "tools-1";

/** OpenAI function definitions (JSON Schema) for the tools. */
export const toolDefinitions = [
  {
    type: "function" as const,
    function: {
      name: "get_menu",
      description:
        "The current menu: packages with prices per adult/child, proteins, upgrades, appetizers, sides and add-ons with allergens and dietary tags. Optionally filter by a dietary need (vegetarian, vegan, gluten, shellfish, nuts, milk...).",
      parameters: {
        type: "object",
        properties: { dietary: { type: "string" } },
        additionalProperties: false,
      },
    },
  },
  {
    type: "function" as const,
    function: {
      name: "get_quote",
      description:
        "Exact price for a party: food (standard proteins unless upgrades are given), upgrades and extras, party minimum, travel fee (needs ZIP), tax, deposit. Use for any price question with a guest count.",
      parameters: {
        type: "object",
        properties: {
          adults: { type: "integer", minimum: 1 },
          children: { type: "integer", minimum: 0 },
          postalCode: { type: "string", description: "5-digit ZIP of the party" },
          packageSlug: { type: "string", description: "classic or premium" },
          items: {
            type: "object",
            description:
              "Upgrades (portions, e.g. lobster-tail: 4) and appetizers/sides/add-ons by menu slug, with counts",
            additionalProperties: { type: "integer", minimum: 0 },
          },
        },
        required: ["adults"],
        additionalProperties: false,
      },
    },
  },
  {
    type: "function" as const,
    function: {
      name: "check_availability",
      description:
        "Bookable start times for a party size on a date (YYYY-MM-DD) or date range, optionally for a ZIP code. Never guess availability: always call this.",
      parameters: {
        type: "object",
        properties: {
          date: { type: "string" },
          from: { type: "string" },
          to: { type: "string" },
          guests: { type: "integer", minimum: 1 },
          postalCode: { type: "string" },
        },
        required: ["guests"],
        additionalProperties: false,
      },
    },
  },
  {
    type: "function" as const,
    function: {
      name: "create_booking_hold",
      description:
        "Holds a free start time for the customer for a few minutes and returns a link where they finish the booking (menu, address, contact). Only call after the customer chose date, time, party size and ZIP.",
      parameters: {
        type: "object",
        properties: {
          date: { type: "string" },
          startMinute: { type: "integer", description: "minutes after local midnight" },
          guests: { type: "integer", minimum: 1 },
          postalCode: { type: "string" },
        },
        required: ["date", "startMinute", "guests", "postalCode"],
        additionalProperties: false,
      },
    },
  },
  {
    type: "function" as const,
    function: {
      name: "get_my_bookings",
      description:
        "The signed-in customer's own bookings (never anyone else's). Optional booking code to pick one of them.",
      parameters: {
        type: "object",
        properties: { code: { type: "string" } },
        additionalProperties: false,
      },
    },
  },
];

const nearestZipMemo = new WeakMap<Catalog, string>();

/** When the customer gave no ZIP: the served ZIP closest to the business base. */
export async function defaultPostalCode(db: Db, catalog: Catalog): Promise<string | undefined> {
  const hit = nearestZipMemo.get(catalog);
  if (hit) return hit;
  const rows = await db.servicePostalCode.findMany();
  const base = { lat: catalog.settings.baseLat, lng: catalog.settings.baseLng };
  const best = rows.sort((a, b) => distanceMiles(base, a) - distanceMiles(base, b))[0];
  if (best) nearestZipMemo.set(catalog, best.postalCode);
  return best?.postalCode;
}

export function defaultSelection(
  catalog: Catalog,
  adults: number,
  children: number,
  packageSlug?: string,
  items: Record<string, number> = {},
) {
  const pkg =
    catalog.packages.find((p) => p.active && p.slug === packageSlug) ??
    catalog.packages.find((p) => p.active);
  if (!pkg) return undefined;
  const all = (adults + children) * pkg.proteinsPerGuest;
  // Upgrades replace included portions; appetizers, sides and add-ons come on top.
  const upgrades: Record<string, number> = {};
  const extras: Record<string, number> = {};
  for (const [slug, n] of Object.entries(items)) {
    const item = catalog.items.find((i) => i.active && i.slug === slug);
    if (!item || n <= 0) continue;
    if (item.kind === "UPGRADE" || item.kind === "PROTEIN") upgrades[slug] = n;
    else extras[slug] = n;
  }
  const portions = Math.max(0, all - Object.values(upgrades).reduce((x, y) => x + y, 0));
  const standard = defaultProteinSplit(catalog.items, portions);
  if (!standard) return undefined;
  const proteins: Record<string, number> = { ...upgrades };
  for (const [slug, n] of Object.entries(standard)) proteins[slug] = (proteins[slug] ?? 0) + n;
  return { pkg, selection: { packageSlug: pkg.slug, adults, children, proteins, extras } };
}

async function getMenu(
  ctx: ToolContext,
  args: z.infer<typeof toolSchemas.get_menu>,
): Promise<ToolResult> {
  const { catalog } = ctx;
  const items = catalog.items
    .filter((i) => i.active && (!args.dietary || dietaryMatch(i, args.dietary)))
    .map((i) => ({
      name: i.name,
      kind: i.kind,
      price: i.priceCents
        ? `${formatCents(i.priceCents)}${i.pricing === "PER_PERSON" ? " per person" : ""}`
        : "included",
      description: i.description,
      allergens: i.allergens,
      dietaryTags: i.dietaryTags,
    }));
  return {
    ok: true,
    data: {
      packages: catalog.packages
        .filter((p) => p.active)
        .map((p) => ({
          slug: p.slug,
          name: p.name,
          adult: formatCents(p.adultPriceCents),
          child: formatCents(p.childPriceCents),
          proteinsPerGuest: p.proteinsPerGuest,
          includes: p.includes,
        })),
      items,
      filter: args.dietary ?? null,
    },
  };
}

async function getQuote(
  ctx: ToolContext,
  args: z.infer<typeof toolSchemas.get_quote>,
): Promise<ToolResult> {
  const { catalog, db } = ctx;
  const sel = defaultSelection(
    catalog,
    args.adults,
    args.children ?? 0,
    args.packageSlug,
    args.items,
  );
  if (!sel) return { ok: false, data: { error: "No package is on sale right now." } };
  const portions = (args.adults + (args.children ?? 0)) * sel.pkg.proteinsPerGuest;
  const upgraded = Object.entries(sel.selection.proteins)
    .filter(([slug]) => catalog.items.some((i) => i.slug === slug && i.priceCents > 0))
    .reduce((n, [, c]) => n + c, 0);
  if (upgraded > portions)
    return {
      ok: false,
      data: {
        error: `With ${args.adults + (args.children ?? 0)} guests there are ${portions} protein portions (${sel.pkg.proteinsPerGuest} each), so at most ${portions} can be upgrades.`,
      },
    };
  let zone = [...catalog.zones].sort((a, b) => a.feeCents - b.feeCents)[0]!;
  let zoneNote = "travel fee depends on the ZIP code; shown for our local zone";
  if (args.postalCode) {
    const loc = await resolveLocation(db, catalog, args.postalCode);
    zone = loc.zone;
    zoneNote = `${loc.city} (${loc.distanceMiles} mi): ${loc.zone.name}`;
  }
  const q = computeQuote(catalog, zone, sel.selection);
  return {
    ok: true,
    data: {
      package: sel.pkg.name,
      guests: q.guests,
      lines: q.lines.map((l) => `${l.label}: ${l.detail} = ${formatCents(l.totalCents)}`),
      subtotal: formatCents(q.subtotalCents),
      travelFee: formatCents(q.travelFeeCents),
      tax: formatCents(q.taxCents),
      total: formatCents(q.totalCents),
      deposit: formatCents(q.depositCents),
      suggestedGratuity: formatCents(q.suggestedGratuityCents),
      zone: zoneNote,
    },
    extras: { guests: q.guests },
  };
}

async function checkAvailability(
  ctx: ToolContext,
  args: z.infer<typeof toolSchemas.check_availability>,
): Promise<ToolResult> {
  const { catalog, db } = ctx;
  const tz = catalog.settings.timeZone;
  const today = zonedParts(ctx.now, tz).date;
  const postalCode = args.postalCode ?? (await defaultPostalCode(db, catalog));
  if (!postalCode) return { ok: false, data: { error: "No service area is set up." } };
  let from = args.date ?? args.from ?? today;
  let to = args.date ?? args.to ?? addDays(from, 13);
  if (to < from) [from, to] = [to, from];
  const run = (f: string, t: string) =>
    getAvailability(
      db,
      { from: f, to: t, guests: args.guests, postalCode },
      { cache: ctx.cache, now: ctx.now },
    );
  let res = await run(from, to);
  let widened = false;
  if (!res.slots.length && args.date) {
    // Nothing that day: offer the nearest free times over the following week.
    res = await run(addDays(args.date, 1), addDays(args.date, 7));
    widened = true;
  }
  const slots: SlotView[] = res.slots.slice(0, 12).map((s) => ({
    date: s.date,
    startMinute: s.startMinute,
    label: s.label,
    dayLabel: dayLabel(s.date),
  }));
  return {
    ok: true,
    data: {
      requested: args.date ?? { from, to },
      guests: args.guests,
      postalCode: args.postalCode ?? null,
      assumedArea: args.postalCode ? null : `${catalog.settings.baseAddress} (no ZIP given yet)`,
      zone: res.zone.name,
      travelFee: formatCents(res.zone.feeCents),
      nothingOnRequestedDate: widened,
      slots: slots.map(
        (s) => `${s.dayLabel} (${s.date}) ${s.label} [startMinute ${s.startMinute}]`,
      ),
    },
    extras: {
      slots,
      guests: args.guests,
      ...(args.postalCode ? { postalCode: args.postalCode } : {}),
    },
  };
}

async function createBookingHold(
  ctx: ToolContext,
  args: z.infer<typeof toolSchemas.create_booking_hold>,
): Promise<ToolResult> {
  const hold = await createHold(
    ctx.db,
    {
      idempotencyKey: `chat:${ctx.turnKey}:${args.date}:${args.startMinute}:${args.guests}:${args.postalCode}`,
      date: args.date,
      startMinute: args.startMinute,
      guests: args.guests,
      postalCode: args.postalCode,
      userId: ctx.identity.userId,
      // The same limits as a booking on the site: per address (the one the message came from),
      // per chat identity, per contact email.
      client: {
        ip: ctx.identity.address ?? null,
        key: ctx.identity.userId
          ? `user:${ctx.identity.userId}`
          : ctx.identity.visitorId
            ? `visitor:${ctx.identity.visitorId}`
            : null,
      },
    },
    { cache: ctx.cache, now: () => ctx.now },
  );
  const href = `${ctx.siteUrl.replace(/\/$/, "")}/book/finish/${hold.id}?token=${encodeURIComponent(hold.accessToken)}`;
  const minutes = ctx.catalog.settings.holdMinutes;
  return {
    ok: true,
    wrote: true,
    data: {
      code: hold.code,
      when: `${dayLabel(args.date)} at ${formatMinutes(args.startMinute)}`,
      guests: args.guests,
      link: href,
      holdMinutes: minutes,
    },
    extras: { links: [{ label: `Finish booking ${hold.code}`, href }] },
  };
}

async function getMyBookings(
  ctx: ToolContext,
  args: z.infer<typeof toolSchemas.get_my_bookings>,
): Promise<ToolResult> {
  if (!ctx.identity.userId)
    return {
      ok: true,
      personal: true,
      data: {
        signedIn: false,
        bookings: [],
        note: "The customer must sign in to see their bookings.",
      },
    };
  const { customerIds: ids, emailVerified } = await bookingAccessForUserId(
    ctx.db,
    ctx.identity.userId,
  );
  if (!emailVerified)
    return {
      ok: true,
      personal: true,
      data: {
        signedIn: true,
        needsEmailConfirmation: true,
        bookings: [],
        note: "The customer must confirm their email address first (the My bookings page sends a confirmation link); until then no bookings are shown.",
      },
    };
  const rows = ids.length
    ? await ctx.db.booking.findMany({
        where: {
          customerId: { in: ids },
          ...(args.code ? { code: args.code.trim().toUpperCase() } : {}),
        },
        orderBy: { startsAt: "desc" },
        take: 10,
      })
    : [];
  return {
    ok: true,
    personal: true,
    data: {
      signedIn: true,
      bookings: rows.map((b) => {
        const p = zonedParts(b.startsAt, b.timeZone);
        return {
          code: b.code,
          status: b.status,
          when: `${dayLabel(p.date)} ${p.date} at ${formatMinutes(p.minutes)}`,
          guests: b.adults + b.children,
          total: formatCents(b.totalCents),
        };
      }),
    },
    extras: {
      links: rows
        .slice(0, 3)
        .map((b) => ({ label: `Booking ${b.code}`, href: `/bookings/${b.id}` })),
    },
  };
}

/** Runs a tool by name with raw (model-provided) arguments. Errors become readable results. */
export async function runTool(
  ctx: ToolContext,
  name: string,
  rawArgs: unknown,
): Promise<ToolResult> {
  if (!(name in toolSchemas)) return { ok: false, data: { error: `Unknown tool ${name}` } };
  const parsed = toolSchemas[name as ToolName].safeParse(rawArgs ?? {});
  if (!parsed.success)
    return { ok: false, data: { error: parsed.error.issues.map((i) => i.message).join("; ") } };
  try {
    switch (name as ToolName) {
      case "get_menu":
        return await getMenu(ctx, parsed.data as z.infer<typeof toolSchemas.get_menu>);
      case "get_quote":
        return await getQuote(ctx, parsed.data as z.infer<typeof toolSchemas.get_quote>);
      case "check_availability":
        return await checkAvailability(
          ctx,
          parsed.data as z.infer<typeof toolSchemas.check_availability>,
        );
      case "create_booking_hold":
        return await createBookingHold(
          ctx,
          parsed.data as z.infer<typeof toolSchemas.create_booking_hold>,
        );
      case "get_my_bookings":
        return await getMyBookings(ctx, parsed.data as z.infer<typeof toolSchemas.get_my_bookings>);
    }
  } catch (err) {
    if (isAppError(err))
      return { ok: false, data: { error: err.message, details: err.details ?? null } };
    throw err;
  }
  return { ok: false, data: { error: `Unknown tool ${name}` } };
}
