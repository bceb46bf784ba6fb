// Tools the assistant (any tier) can call: adapters over the operation registry, like the tRPC,
// REST and GraphQL surfaces. Each tool declares the arguments the model sees (a zod schema; the
// JSON Schema sent to the model is derived from it), maps them to an operation's input and calls
// `runOperation` as the chat's caller (surface "assistant"), so the operation's access rule is what
// protects the data. There is no tool argument that names a customer, and a booking code only
// filters the caller's own.
import { z } from "zod";
import {
  describeZodError,
  distanceMiles,
  isAppError,
  partySelection,
  operations,
  runOperation,
  admitAudience,
  type AnyOperation,
  type AppError,
  type AppErrorCode,
  type Catalog,
  type NoSlotReason,
  type OperationContext,
  type OperationName,
  type OperationOutput,
  type QueryCache,
} from "@myhibachi/core";
import {
  addDays,
  dietaryMatch,
  dietTag,
  formatCents,
  INGREDIENTS,
  isIngredient,
  formatLocalDate,
  formatMinutes,
  WEEKDAYS_PLURAL,
  zonedParts,
} from "@myhibachi/shared";
import type { Db } from "@myhibachi/db";
import { assistantCaller, type ChatIdentity } from "./identity";
import { hashOf } from "./text";

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
  /** The deposit is paid online (Stripe configured); otherwise everything is paid at the event. */
  payOnline?: boolean;
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
  /** The reply's language when not English: the chat's buttons speak it too. */
  language?: string;
  /**
   * The free times the reply offered, in the order it says them: "the second one" picks from
   * them. Kept with the answer, so a cached answer offers them to the next asker too.
   */
  offered?: { date: string; startMinute: number }[];
}

export interface ToolResult {
  ok: boolean;
  data: unknown;
  extras?: ToolExtras;
  /** The tool changed something (a hold): the turn is never cached. */
  wrote?: boolean;
  /** The result is about the caller (their bookings): the turn is never cached. */
  personal?: boolean;
  /** The operation refused (told to the model as a normal result, e.g. "please sign in"). */
  refusedWith?: AppErrorCode;
}

/** "Saturday, November 28" for a YYYY-MM-DD date. */
export const dayLabel = (date: string): string => formatLocalDate(date, "weekdayDate");

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

type OpOf<K extends OperationName> = (typeof operations)[K];
/** What an operation accepts before its schema parses it: what a tool hands it. */
export type OperationArgs<K extends OperationName> = OpOf<K>["input"] extends z.ZodType
  ? z.input<OpOf<K>["input"]>
  : undefined;

/** One call of a tool, as its `present` and `refused` steps see it. */
export interface ToolCall<K extends OperationName, A extends z.ZodObject> {
  args: z.output<A>;
  input: OperationArgs<K>;
  ctx: ToolContext;
  /** The context the operation ran with (its caller is the chat identity). */
  op: OperationContext;
  /** Runs the operation again with another input (e.g. a wider date range). */
  run(input: OperationArgs<K>): Promise<OperationOutput<OpOf<K>>>;
}

export interface ChatToolSpec<K extends OperationName, A extends z.ZodObject> {
  name: string;
  /** What the model reads to decide when to call the tool. */
  description: string;
  /** The registry operation the tool calls. */
  operation: K;
  /** The arguments the model gives, model-friendly (the JSON Schema is derived from this). */
  argsSchema: A;
  /** The operation's input for these arguments (defaults from the turn: clock, menu, ZIP). */
  toInput(args: z.output<A>, ctx: ToolContext): OperationArgs<K> | Promise<OperationArgs<K>>;
  /** The model-visible result of the operation's output. */
  present(out: OperationOutput<OpOf<K>>, call: ToolCall<K, A>): ToolResult | Promise<ToolResult>;
  /** An operation's refusal told as a normal result ("please sign in"), or null to report it. */
  refused?(err: AppError, call: ToolCall<K, A>): ToolResult | null;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ChatTool = ChatToolSpec<any, z.ZodObject>;

const defineTool = <K extends OperationName, A extends z.ZodObject>(
  spec: ChatToolSpec<K, A>,
): ChatToolSpec<K, A> => spec;

/** A tool's own refusal before any operation runs (told to the model as the error). */
class ToolRefusal extends Error {}

const dateArg = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "date must be YYYY-MM-DD");
const zipArg = z.string().regex(/^\d{5}$/, "postalCode must be a 5-digit ZIP");

export const getMenuTool = defineTool({
  name: "get_menu",
  description:
    "The current menu: packages with prices per adult/child, proteins, upgrades, appetizers, sides and add-ons with allergens and dietary tags. Optionally filter by a dietary need (vegetarian, vegan, gluten, shellfish, nuts, milk...).",
  operation: "getMenu",
  argsSchema: z.object({ dietary: z.string().max(40).optional() }),
  toInput: () => undefined,
  present(menu, { args }) {
    const items = menu.items
      .filter((i) => !args.dietary || dietaryMatch(i, args.dietary))
      .map((i) => ({
        name: i.name,
        kind: i.kind,
        price: i.priceCents
          ? `${formatCents(i.priceCents)}${i.pricing === "PER_PERSON" ? " per person" : ""}`
          : "included",
        description: i.description,
        /** Every allergen it contains, those its ingredients imply included (getMenu). */
        allergens: i.allergens,
        /** What it is made with, each with the allergens it implies ("Soy sauce (soy, wheat)"). */
        contains: ingredientWords(i.contains),
        dietaryTags: i.dietaryTags,
      }));
    return {
      ok: true,
      data: {
        packages: menu.packages.map((p) => ({
          slug: p.slug,
          name: p.name,
          adult: formatCents(p.adultPriceCents),
          child: formatCents(p.childPriceCents),
          proteinsPerGuest: p.proteinsPerGuest,
          includes: p.includes,
          /** What its own included dishes (rice, sauces, noodles) contain (finding R1-2). */
          allergens: p.allergens ?? [],
          contains: ingredientWords(p.contains),
          // Asked about an allergen its own dishes contain: say so, and that the chef can leave
          // them out (the package stays bookable; the proteins are chosen apart).
          ...(args.dietary &&
          !dietTag(args.dietary) &&
          !dietaryMatch(
            { allergens: p.allergens ?? [], contains: p.contains ?? [], dietaryTags: [] },
            args.dietary,
          )
            ? {
                dietaryNote: `${p.name}'s included dishes (${p.includes.join(", ")}) contain ${args.dietary}: ask the chef to leave them out.`,
              }
            : {}),
        })),
        items,
        filter: args.dietary ?? null,
      },
    };
  },
});

/** Ingredient slugs in words, each with the allergens it implies ("Soy sauce (soy, wheat)"). */
function ingredientWords(contains: readonly string[] | undefined): string[] {
  return (contains ?? []).filter(isIngredient).map((c) => {
    const f = INGREDIENTS[c];
    return f.implies.length ? `${f.label} (${f.implies.join(", ")})` : f.label;
  });
}

/** An offer code the customer said ("I have a code SAVE-7K2QXA9M"). */
const offerCodeArg = z
  .string()
  .regex(/^[A-Za-z0-9-]{4,40}$/)
  .optional()
  .describe("an offer code the customer gave, e.g. SAVE-7K2QXA9M (priced as a discount line)");

export const getQuoteTool = defineTool({
  name: "get_quote",
  description:
    "Exact price for a party: food (standard proteins unless upgrades are given), upgrades and extras, party minimum, travel fee (needs ZIP), tax, deposit. Use for any price question with a guest count.",
  operation: "quoteEvent",
  argsSchema: z.object({
    adults: z.number().int().min(1).max(500),
    children: z.number().int().min(0).max(500).optional(),
    postalCode: zipArg.optional().describe("5-digit ZIP of the party"),
    packageSlug: z.string().max(60).optional().describe("classic or premium"),
    items: z
      .record(z.string().max(60), z.number().int().min(0).max(500))
      .optional()
      .describe(
        "Upgrades (portions, e.g. lobster-tail: 4) and appetizers/sides/add-ons by menu slug, with counts",
      ),
    offerCode: offerCodeArg,
  }),
  async toInput(args, { catalog, db }) {
    const { selection } = partySelection(catalog, {
      adults: args.adults,
      children: args.children ?? 0,
      ...(args.packageSlug ? { packageSlug: args.packageSlug } : {}),
      ...(args.items ? { items: args.items } : {}),
    });
    // No ZIP yet: priced for the served ZIP nearest the base (our local zone).
    const postalCode = args.postalCode ?? (await defaultPostalCode(db, catalog));
    if (!postalCode) throw new ToolRefusal("No service area is set up.");
    return { selection, postalCode, ...(args.offerCode ? { offerCode: args.offerCode } : {}) };
  },
  present(q, { args, input, ctx }) {
    const pkg = ctx.catalog.packages.find((p) => p.slug === input.selection.packageSlug);
    return {
      ok: true,
      data: {
        package: pkg?.name ?? input.selection.packageSlug,
        guests: q.guests,
        lines: q.lines.map((l) => `${l.label}: ${l.detail} = ${formatCents(l.totalCents)}`),
        subtotal: formatCents(q.subtotalCents),
        travelFee: formatCents(q.travelFeeCents),
        tax: formatCents(q.taxCents),
        total: formatCents(q.totalCents),
        // Paid at the event when no deposit is taken online (no deposit to speak of).
        deposit: ctx.payOnline ? formatCents(q.depositCents) : "none: paid at the event",
        suggestedGratuity: formatCents(q.suggestedGratuityCents),
        zone: args.postalCode
          ? `${q.zone.city} (${q.zone.distanceMiles} mi): ${q.zone.name}`
          : "travel fee depends on the ZIP code; shown for our local zone",
        // The customer's offer code, as priced (its line is among `lines` too).
        offer:
          q.lines
            .filter((l) => l.code === "OFFER")
            .map((l) => ({ label: l.label, amount: formatCents(-l.totalCents) }))[0] ?? null,
      },
      extras: { guests: q.guests },
    };
  },
});

export const checkAvailabilityTool = defineTool({
  name: "check_availability",
  description:
    "Bookable start times for a party size on a date (YYYY-MM-DD) or date range, optionally for a ZIP code. Never guess availability: always call this.",
  operation: "findAvailability",
  argsSchema: z.object({
    date: dateArg.optional(),
    from: dateArg.optional(),
    to: dateArg.optional(),
    guests: z.number().int().min(1).max(500),
    postalCode: zipArg.optional(),
    startMinute: z
      .number()
      .int()
      .min(0)
      .max(1439)
      .optional()
      .describe("a start time asked for on `date`, minutes after local midnight"),
  }),
  async toInput(args, { catalog, db, now }) {
    const today = zonedParts(now, catalog.settings.timeZone).date;
    const postalCode = args.postalCode ?? (await defaultPostalCode(db, catalog));
    if (!postalCode) throw new ToolRefusal("No service area is set up.");
    let from = args.date ?? args.from ?? today;
    let to = args.date ?? args.to ?? addDays(from, 13);
    if (to < from) [from, to] = [to, from];
    const startMinute = args.date ? args.startMinute : undefined;
    return {
      from,
      to,
      guests: args.guests,
      postalCode,
      ...(startMinute !== undefined ? { startMinute } : {}),
    };
  },
  async present(first, { args, input, ctx, run }) {
    let res = first;
    let widened = false;
    if (!res.slots.length && args.date) {
      // Nothing that day: offer the nearest free times over the following week (from the first
      // bookable day when the day asked is inside the notice).
      const { startMinute: _m, ...range } = input;
      const soon = first.unavailable?.kind === "too_soon" ? first.unavailable.firstDate : undefined;
      const from = soon && soon > args.date ? soon : addDays(args.date, 1);
      res = await run({ ...range, from, to: addDays(from, 6) });
      widened = true;
    }
    const why = first.unavailable;
    const slots: SlotView[] = res.slots.slice(0, 12).map((s) => ({
      date: s.date,
      startMinute: s.startMinute,
      label: s.label,
      dayLabel: dayLabel(s.date),
    }));
    return {
      ok: true,
      data: {
        requested: args.date ?? { from: input.from, to: input.to },
        guests: args.guests,
        postalCode: args.postalCode ?? null,
        assumedArea: args.postalCode
          ? null
          : `${ctx.catalog.settings.baseAddress} (no ZIP given yet)`,
        zone: res.zone.name,
        travelFee: formatCents(res.zone.feeCents),
        nothingOnRequestedDate: widened,
        // Why the date (or the time asked) has no free time: say this, never guess it.
        unavailable: why ?? null,
        whyNotFree: why ? reasonSaid(why, args.date, args.startMinute, ctx.catalog) : null,
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
  },
});

const WEEKDAYS = WEEKDAYS_PLURAL;

/** The core's reason (`whyNoSlot`) as the model should say it. */
export function reasonSaid(
  why: NoSlotReason,
  date: string | undefined,
  startMinute: number | undefined,
  catalog: Catalog,
): string {
  const s = catalog.settings;
  const at = startMinute !== undefined ? `at ${formatMinutes(startMinute)}` : "then";
  switch (why.kind) {
    case "past":
      return "That date has passed.";
    case "too_soon":
      return `Too soon: we need at least ${why.minNoticeHours} hours' notice; the earliest date that can be booked is ${dayLabel(why.firstDate)} (${why.firstDate}). Not fully booked.`;
    case "beyond_window":
      return `Beyond our booking window: we take bookings up to ${why.bookingWindowDays} days ahead (until ${dayLabel(why.lastDate)}).`;
    case "not_a_start_time":
      return `Not one of our start times (${s.slotStartMinutes.map(formatMinutes).join(", ")}).`;
    case "closed_day":
      return why.otherAreas
        ? `Closed in this area: no chef who comes to this ZIP works on ${WEEKDAYS[why.weekday]} (chefs of nearer areas do). Not fully booked.`
        : `Closed: we don't cook on ${WEEKDAYS[why.weekday]} (no chef works that day). Not fully booked.`;
    case "closed_hours":
      return `Closed ${at}: no chef works ${at}${date ? ` on ${dayLabel(date)}` : ""}. Not fully booked.`;
    case "time_off":
      return `Closed: our chefs are off ${date ? `on ${dayLabel(date)}` : "then"} (a holiday or vacation). Not fully booked.`;
    case "too_few_chefs":
      return `A party this size needs ${why.chefsNeeded} chefs and fewer work ${at}; for a big event, call us at ${s.phone}.`;
    case "fully_booked":
      return why.tooSoonBefore
        ? `The earlier times that day are inside our ${s.minNoticeHours}-hour notice, and the later ones are already booked.`
        : "Fully booked: every chef who works then is already booked.";
  }
}

export const createBookingHoldTool = defineTool({
  name: "create_booking_hold",
  description:
    "Holds a free start time for the customer for a few minutes, priced for their party (adults, children, package, upgrades), and returns a link where they finish the booking (menu, address, contact). Only call after the customer chose date, time, party size and ZIP. To change a hold already made in this chat, pass its id as replacesHoldId: the hold moves (never two).",
  operation: "createChatHold",
  argsSchema: z.object({
    date: dateArg,
    startMinute: z.number().int().min(0).max(1439).describe("minutes after local midnight"),
    guests: z.number().int().min(1).max(500).describe("everyone, adults and children"),
    children: z.number().int().min(0).max(500).optional().describe("of the guests, children"),
    packageSlug: z.string().max(60).optional().describe("classic or premium"),
    items: z
      .record(z.string().max(60), z.number().int().min(0).max(500))
      .optional()
      .describe("upgrades and add-ons by menu slug, with counts"),
    postalCode: zipArg,
    replacesHoldId: z.string().max(64).optional().describe("the hold to move, if any"),
    offerCode: offerCodeArg,
  }),
  toInput: (args, { turnKey }) => ({
    // One hold per turn and party asked for: a retried turn returns the same hold.
    idempotencyKey: `${turnKey}:${hashOf(
      {
        d: args.date,
        m: args.startMinute,
        g: args.guests,
        c: args.children ?? 0,
        p: args.packageSlug ?? null,
        i: args.items ?? {},
        z: args.postalCode,
        ...(args.offerCode ? { o: args.offerCode.toUpperCase() } : {}),
      },
      16,
    )}`,
    date: args.date,
    startMinute: args.startMinute,
    guests: args.guests,
    ...(args.children !== undefined ? { children: args.children } : {}),
    ...(args.packageSlug ? { packageSlug: args.packageSlug } : {}),
    ...(args.items ? { items: args.items } : {}),
    postalCode: args.postalCode,
    ...(args.replacesHoldId ? { replacesHoldId: args.replacesHoldId } : {}),
    ...(args.offerCode ? { offerCode: args.offerCode } : {}),
  }),
  present(hold, { args, ctx }) {
    const href = `${ctx.siteUrl.replace(/\/$/, "")}/book/finish/${hold.id}?token=${encodeURIComponent(hold.token)}`;
    const children = args.children ?? 0;
    const pkg =
      ctx.catalog.packages.find((p) => p.active && p.slug === args.packageSlug) ??
      ctx.catalog.packages.find((p) => p.active);
    return {
      ok: true,
      wrote: true,
      data: {
        id: hold.id,
        code: hold.code,
        moved: hold.moved,
        date: args.date,
        startMinute: args.startMinute,
        when: `${dayLabel(args.date)} at ${formatMinutes(args.startMinute)}`,
        guests: args.guests,
        adults: args.guests - children,
        children,
        package: pkg?.name ?? null,
        total: formatCents(hold.totalCents),
        deposit: ctx.payOnline ? formatCents(hold.depositCents) : "none: paid at the event",
        link: href,
        holdMinutes: ctx.catalog.settings.holdMinutes,
        offerCode: args.offerCode ? args.offerCode.trim().toUpperCase() : null,
      },
      extras: { links: [{ label: `Finish booking ${hold.code}`, href }] },
    };
  },
});

export const getMyBookingsTool = defineTool({
  name: "get_my_bookings",
  description:
    "The signed-in customer's own bookings (never anyone else's). Optional booking code to pick one of them.",
  operation: "listMyBookings",
  argsSchema: z.object({ code: z.string().max(20).optional() }),
  toInput: (args) => ({ first: 10, ...(args.code ? { code: args.code } : {}) }),
  refused(err) {
    if (err.code !== "UNAUTHORIZED") return null;
    return {
      ok: true,
      personal: true,
      data: {
        signedIn: false,
        bookings: [],
        note: "The customer must sign in to see their bookings.",
      },
    };
  },
  present(page, { op }) {
    // customerOwn shows nothing until the account's email is verified: say why.
    if (!op.caller.user?.emailVerified)
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
    return {
      ok: true,
      personal: true,
      data: {
        signedIn: true,
        bookings: page.bookings.map((b) => {
          const p = zonedParts(b.startsAt, b.timeZone);
          return {
            code: b.code,
            status: b.status,
            when: `${dayLabel(p.date)} ${p.date} at ${formatMinutes(p.minutes)}`,
            guests: b.guests,
            total: formatCents(b.totalCents),
          };
        }),
      },
      extras: {
        links: page.bookings
          .slice(0, 3)
          .map((b) => ({ label: `Booking ${b.code}`, href: `/bookings/${b.id}` })),
      },
    };
  },
});

/** The loyalty program anyone may read: tiers, where each starts, discount and perks. */
export const getLoyaltyProgramTool = defineTool({
  name: "get_loyalty_program",
  description:
    "The loyalty program: each tier's name, the completed bookings it starts at, its discount and perks. Nothing about any customer.",
  operation: "getLoyaltyProgram",
  argsSchema: z.object({}),
  toInput: () => undefined,
  present: (program) => ({ ok: true, data: program }),
});

/** A personal tool's answer to a visitor: sign in first (never cached, never anyone's data). */
const mustSignIn = (what: string) => ({
  ok: true as const,
  personal: true as const,
  data: { signedIn: false, note: `The customer must sign in to see ${what}.` },
});

export const getMyLoyaltyTool = defineTool({
  name: "get_my_loyalty",
  description:
    "The signed-in customer's own loyalty tier, completed bookings, points and how many bookings away the next tier is (never anyone else's).",
  operation: "getMyLoyalty",
  argsSchema: z.object({}),
  toInput: () => undefined,
  refused: (err) => (err.code === "UNAUTHORIZED" ? mustSignIn("their tier") : null),
  present(mine, { op }) {
    const user = op.caller.user;
    return {
      ok: true,
      personal: true,
      data: {
        signedIn: true,
        ...(user?.role === "CUSTOMER" && !user.emailVerified
          ? { needsEmailConfirmation: true }
          : {}),
        ...(user?.role !== "CUSTOMER" ? { notACustomer: true } : {}),
        tier: mine.tier,
        completedBookings: mine.completedBookings,
        points: mine.points,
        nextTier: mine.progress.nextTier,
        bookingsToNext: mine.progress.bookingsToNext,
      },
    };
  },
});

/** The signed-in customer's own referral code and its percent (a friend's first party and the reward). */
export const getMyReferralCodeTool = defineTool({
  name: "get_my_referral_code",
  description:
    "The signed-in customer's own referral code and its percent off: a friend's first booking with it gets that percent off the food, and the customer gets a code of the same percent once that party has taken place (never anyone else's code).",
  operation: "getMyReferralCode",
  argsSchema: z.object({}),
  toInput: () => undefined,
  refused(err) {
    // A visitor: sign in. A staff or owner account: the operation is for customer accounts.
    if (err.code === "UNAUTHORIZED") return mustSignIn("their referral code");
    if (err.code === "FORBIDDEN")
      return {
        ok: true,
        personal: true,
        data: {
          signedIn: true,
          notACustomer: true,
          note: "Referral codes are for customer accounts.",
        },
      };
    return null;
  },
  present(mine, { op }) {
    const user = op.caller.user;
    return {
      ok: true,
      personal: true,
      data: {
        signedIn: true,
        ...(user && !user.emailVerified ? { needsEmailConfirmation: true } : {}),
        code: mine.code,
        percentOff: mine.percentOff,
        ...(mine.reason ? { note: mine.reason } : {}),
      },
    };
  },
});

/** Every tool, with the operation it calls (walkers enumerate tools -> operations from here). */
export const chatTools: ChatTool[] = [
  getMenuTool,
  getQuoteTool,
  checkAvailabilityTool,
  createBookingHoldTool,
  getMyBookingsTool,
  getLoyaltyProgramTool,
  getMyLoyaltyTool,
  getMyReferralCodeTool,
];

export type ToolName =
  | "get_menu"
  | "get_quote"
  | "check_availability"
  | "create_booking_hold"
  | "get_my_bookings"
  | "get_loyalty_program"
  | "get_my_loyalty"
  | "get_my_referral_code";
export const TOOL_NAMES = chatTools.map((t) => t.name as ToolName);
/**
 * Bumped whenever a tool's behaviour or schema changes, or the answers built on them: part of
 * every cache key.
 */
export const TOOLS_VERSION = "tools-8";

/** The JSON Schema the model sees for a tool's arguments, derived from its zod schema. */
export function toolParameters(argsSchema: z.ZodObject): Record<string, unknown> {
  const { $schema: _dialect, ...parameters } = z.toJSONSchema(argsSchema);
  return parameters;
}

/** OpenAI function definitions for the tools. */
export const toolDefinitions = chatTools.map((t) => ({
  type: "function" as const,
  function: { name: t.name, description: t.description, parameters: toolParameters(t.argsSchema) },
}));

/** Runs a tool by name with raw (model-provided) arguments. Errors become readable results. */
export async function runTool(
  ctx: ToolContext,
  name: string,
  rawArgs: unknown,
): Promise<ToolResult> {
  const tool = chatTools.find((t) => t.name === name);
  if (!tool) return { ok: false, data: { error: `Unknown tool ${name}` } };
  const operation: AnyOperation = operations[tool.operation as OperationName];
  let said: { date?: string; startMinute?: number } = {};
  try {
    const op: OperationContext = {
      db: ctx.db,
      cache: ctx.cache,
      now: () => ctx.now,
      caller: await assistantCaller(ctx.db, ctx.identity),
      customerUrl: ctx.siteUrl,
    };
    const call = {
      args: {} as never,
      input: undefined as unknown,
      ctx,
      op,
      run: (i: unknown) => runOperation(operation, op, i),
    };
    // The operation's role gate first, as on every surface: a caller it refuses learns nothing
    // about the arguments.
    try {
      admitAudience(operation.access.audience, op);
    } catch (err) {
      const told = isAppError(err) ? tool.refused?.(err, call) : null;
      if (told) return { ...told, refusedWith: (err as AppError).code };
      throw err;
    }
    const parsed = tool.argsSchema.safeParse(rawArgs ?? {});
    if (!parsed.success)
      return {
        ok: false,
        data: {
          error: describeZodError(parsed.error),
          code: "BAD_REQUEST",
        },
      };
    call.args = parsed.data as never;
    said = parsed.data as typeof said;
    const input: unknown = await tool.toInput(parsed.data, ctx);
    call.input = input;
    let out: unknown;
    try {
      out = await call.run(input);
    } catch (err) {
      const told = isAppError(err) ? tool.refused?.(err, call) : null;
      if (told) return { ...told, refusedWith: (err as AppError).code };
      throw err;
    }
    return await tool.present(out, call);
  } catch (err) {
    if (err instanceof ToolRefusal) return { ok: false, data: { error: err.message } };
    if (isAppError(err)) {
      // A time refused with the core's reason (closed that day or hour, chefs off, booked): the
      // same plain words check_availability gives.
      const why = (err.details as { reason?: NoSlotReason } | undefined)?.reason;
      return {
        ok: false,
        data: {
          error: err.message,
          code: err.code,
          details: err.details ?? null,
          ...(why ? { whyNotFree: reasonSaid(why, said.date, said.startMinute, ctx.catalog) } : {}),
        },
      };
    }
    throw err;
  }
}
