// The tools a model fills the dialogue frame with. With a model configured, the model reads the
// message and records what the customer said (date, time, adults and children, ZIP or city,
// package, upgrades, diet) through `update_booking_details`; each value is checked against the
// live catalog and the booking window first, and a value that fails comes back to the model as a
// readable error (the frame keeps what it had). `create_booking_hold` from a model holds exactly
// the frame: its arguments are recorded like details, and the hold to move is the frame's own
// (the code supplies it; a model never names a hold). `hand_off_to_person` hands the chat to our
// team. The JSON Schemas the model sees are derived from these zod schemas, as for every tool.
import { z } from "zod";
import { isAppError, postalCodeForCity, resolveLocation, servedCities } from "@myhibachi/core";
import { addDays, formatMinutes, zonedParts } from "@myhibachi/shared";
import { differsFromHold, holdFrame, holdRequest, updateFrame } from "./frame";
import type { Slots } from "./extract";
import type { Memory } from "./providers/types";
import {
  chatTools,
  createBookingHoldTool,
  dayLabel,
  toolParameters,
  type ToolContext,
  type ToolResult,
} from "./tools";

const dateArg = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "date must be YYYY-MM-DD");
const countsArg = z.number().int().min(0).max(500);

export const bookingDetailsArgs = z.object({
  date: dateArg.optional().describe("the event date, YYYY-MM-DD"),
  startMinute: z
    .number()
    .int()
    .min(0)
    .max(1439)
    .optional()
    .describe("the start time in minutes after local midnight (5 pm = 1020)"),
  guests: z
    .number()
    .int()
    .min(1)
    .max(500)
    .optional()
    .describe("everyone, when the customer gives only a total (children already recorded stay)"),
  adults: countsArg.optional().describe("how many adults in all (not a change)"),
  children: countsArg.optional().describe("how many children (12 and under) in all"),
  postalCode: z
    .string()
    .regex(/^\d{5}$/, "postalCode must be a 5-digit ZIP")
    .optional()
    .describe("5-digit ZIP of the party address"),
  city: z.string().max(60).optional().describe("the city of the party, when there is no ZIP yet"),
  packageSlug: z.string().max(60).optional().describe("a package slug from get_menu"),
  items: z
    .record(z.string().max(60), countsArg)
    .optional()
    .describe("upgrades and add-ons by menu slug with their counts in all (0 removes one)"),
  diet: z
    .array(z.string().max(40))
    .max(10)
    .optional()
    .describe("dietary needs and allergies mentioned (vegetarian, gluten, shellfish...)"),
  offerCode: z
    .string()
    .regex(/^[A-Za-z0-9-]{4,40}$/, "offerCode is a code like SAVE-7K2QXA9M")
    .optional()
    .describe("an offer code the customer gave (SAVE-...): their quotes and hold use it"),
});
export type BookingDetails = z.output<typeof bookingDetailsArgs>;

export const handOffArgs = z.object({
  reason: z.string().min(3).max(200).describe("why a person should take over, in a few words"),
});

/** What the model sees of create_booking_hold: the frame's hold is moved by the code. */
const modelHoldArgs = createBookingHoldTool.argsSchema.omit({ replacesHoldId: true });

export const FRAME_TOOLS = [
  {
    name: "update_booking_details",
    description:
      "Records what the customer said about their event: date, start time, adults and children, ZIP or city, package, upgrades and add-ons, dietary needs. Call it whenever the customer gives or changes any of these (only the fields they gave or changed), before answering. Each value is checked against the menu, the service area and the booking window; an error says what to ask instead.",
    argsSchema: bookingDetailsArgs,
  },
  {
    name: "hand_off_to_person",
    description:
      "Hands this conversation to a person of our team (they reply in this chat). Call it when the customer asks for a person, complains, or needs something the tools can't do.",
    argsSchema: handOffArgs,
  },
] as const;

/** Every tool as a model sees it: the operation tools (the hold bound to the frame) + the frame's. */
export const modelToolDefinitions = [
  ...chatTools.map((t) =>
    t === createBookingHoldTool
      ? {
          name: t.name,
          description:
            "Holds the recorded booking details (date, start time, adults and children, package, upgrades, ZIP) for a few minutes, priced by our quote engine, and returns a link where the customer finishes the booking. Arguments given are recorded first, like update_booking_details. A hold made earlier in this chat moves to the new details (never two holds).",
          argsSchema: modelHoldArgs,
        }
      : t,
  ),
  ...FRAME_TOOLS,
].map((t) => ({
  type: "function" as const,
  function: { name: t.name, description: t.description, parameters: toolParameters(t.argsSchema) },
}));

/** A readable refusal of one value (told to the model as the tool's error). */
class DetailError extends Error {}

/**
 * The frame after recording `args`: every value checked against the catalog and the booking
 * window first. Counts are totals ("adults: 12" means twelve adults in all).
 */
export async function recordDetails(
  frame: Memory,
  args: BookingDetails,
  ctx: Pick<ToolContext, "db" | "catalog" | "now">,
): Promise<Memory> {
  const { catalog } = ctx;
  const s = catalog.settings;
  const errors: string[] = [];
  const slots: Slots = {};
  const today = zonedParts(ctx.now, s.timeZone).date;
  if (args.date !== undefined) {
    const [y, m, d] = args.date.split("-").map(Number) as [number, number, number];
    const real = new Date(Date.UTC(y, m - 1, d));
    const last = addDays(today, s.bookingWindowDays);
    if (real.getUTCMonth() !== m - 1 || real.getUTCDate() !== d)
      errors.push(`${args.date} is not a real date.`);
    else if (args.date < today)
      errors.push(`${dayLabel(args.date)} has passed (today is ${dayLabel(today)}).`);
    else if (args.date > last)
      errors.push(
        `We take bookings up to ${s.bookingWindowDays} days ahead (until ${dayLabel(last)}), so ${dayLabel(args.date)} can't be booked yet.`,
      );
    else slots.date = args.date;
  }
  if (args.startMinute !== undefined) {
    if (!s.slotStartMinutes.includes(args.startMinute))
      errors.push(
        `${formatMinutes(args.startMinute)} is not one of our start times (${s.slotStartMinutes.map(formatMinutes).join(", ")}).`,
      );
    else slots.startMinute = args.startMinute;
  }
  if (args.guests !== undefined || args.adults !== undefined || args.children !== undefined) {
    const children =
      args.children ??
      (args.guests !== undefined && (frame.children ?? 0) >= args.guests
        ? 0
        : (frame.children ?? 0));
    const adults =
      args.adults ??
      (args.guests !== undefined
        ? args.guests - children
        : (frame.adults ?? (frame.guests !== undefined ? frame.guests - children : 0)));
    const guests = adults + children;
    if (args.guests !== undefined && guests !== args.guests)
      errors.push(
        `${adults} adults and ${children} children make ${guests}, not ${args.guests}: give the counts again.`,
      );
    else if (adults < 1) errors.push("A party needs at least one adult.");
    else if (guests < s.minGuests || guests > s.maxGuests)
      errors.push(
        `One booking is for ${s.minGuests} to ${s.maxGuests} guests; for ${guests}, the customer should call us at ${s.phone}.`,
      );
    else Object.assign(slots, { guests, adults, children });
  }
  if (args.postalCode !== undefined) {
    try {
      await resolveLocation(ctx.db, catalog, args.postalCode);
      slots.postalCode = args.postalCode;
    } catch (err) {
      if (!isAppError(err)) throw err;
      errors.push(err.message);
    }
  }
  if (args.city !== undefined && args.postalCode === undefined) {
    const zip = postalCodeForCity(catalog, args.city);
    if (!zip)
      errors.push(
        `We don't list ${args.city} among the cities we serve (${servedCities(catalog).join(", ")}); ask for the ZIP code.`,
      );
    else slots.city = catalog.postalCodes[zip]!.city;
  }
  if (args.packageSlug !== undefined) {
    const active = catalog.packages.filter((p) => p.active);
    if (!active.some((p) => p.slug === args.packageSlug))
      errors.push(
        `"${args.packageSlug}" is not one of our packages (${active.map((p) => `${p.slug}: ${p.name}`).join(", ")}).`,
      );
    else slots.packageSlug = args.packageSlug;
  }
  if (args.items !== undefined) {
    const unknown = Object.keys(args.items).filter(
      (slug) => !catalog.items.some((i) => i.active && i.slug === slug),
    );
    if (unknown.length)
      errors.push(
        `Not on our menu: ${unknown.join(", ")} (call get_menu for the slugs of upgrades and add-ons).`,
      );
    else slots.items = args.items;
  }
  if (args.offerCode !== undefined) slots.offerCode = args.offerCode.trim().toUpperCase();
  if (args.diet?.length) slots.diet = args.diet.map((d) => d.trim().toLowerCase()).filter(Boolean);
  if (errors.length) throw new DetailError(errors.join(" "));
  const next = updateFrame(frame, { slots }, ctx.now, s.timeZone);
  if (next.items) {
    for (const [slug, n] of Object.entries(next.items)) if (!n) delete next.items[slug];
    if (!Object.keys(next.items).length) delete next.items;
  }
  return next;
}

/** The frame as the model reads it back: readable, with what a hold still needs. */
function frameView(k: Memory, ctx: ToolContext) {
  const pkg = ctx.catalog.packages.find((p) => p.slug === k.packageSlug);
  const missing = [
    !k.date && "date",
    k.startMinute === undefined && "start time",
    !k.guests && "number of guests",
    !k.postalCode && "ZIP code",
  ].filter(Boolean);
  return {
    date: k.date ? `${dayLabel(k.date)} (${k.date})` : null,
    startTime: k.startMinute !== undefined ? formatMinutes(k.startMinute) : null,
    adults: k.adults ?? null,
    children: k.children ?? null,
    postalCode: k.postalCode ?? null,
    city: k.city ?? null,
    package: pkg ? `${pkg.name} (${pkg.slug})` : null,
    items: k.items ?? {},
    diet: k.diet ?? [],
    missingToHold: missing,
    hold: k.hold ? { code: k.hold.code, matchesDetails: !differsFromHold(k) } : null,
  };
}

const parseError = (e: z.ZodError): ToolResult => ({
  ok: false,
  data: { error: e.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") },
});

/**
 * A model's turn over the frame: runs the tools that read or write it and keeps the frame and the
 * hand-off they produce. Other tools run as usual (`tool`).
 */
export class ModelFrame {
  handoff: string | null = null;

  constructor(
    public frame: Memory,
    private readonly ctx: ToolContext,
    private readonly tool: (name: string, args: Record<string, unknown>) => Promise<ToolResult>,
  ) {}

  /** Runs a tool the frame owns; null when `name` is none of them. */
  async run(name: string, rawArgs: unknown): Promise<ToolResult | null> {
    if (name === "update_booking_details") {
      const args = bookingDetailsArgs.safeParse(rawArgs ?? {});
      if (!args.success) return parseError(args.error);
      return this.record(args.data, (k) => ({
        ok: true,
        data: { recorded: frameView(k, this.ctx) },
      }));
    }
    if (name === "hand_off_to_person") {
      const args = handOffArgs.safeParse(rawArgs ?? {});
      if (!args.success) return parseError(args.error);
      this.handoff = `model: ${args.data.reason}`;
      return {
        ok: true,
        data: {
          handedOff: true,
          note: "A person of our team will reply in this chat; tell the customer so.",
        },
      };
    }
    if (name === "create_booking_hold") {
      const args = modelHoldArgs.partial().safeParse(rawArgs ?? {});
      if (!args.success) return parseError(args.error);
      return this.record(this.holdDetails(args.data), () => this.hold());
    }
    return null;
  }

  /** The hold's arguments as details: counts only when they say something new. */
  private holdDetails(a: Partial<z.output<typeof modelHoldArgs>>): BookingDetails {
    const k = this.frame;
    const counts =
      a.guests === undefined
        ? {}
        : a.children !== undefined
          ? { adults: a.guests - a.children, children: a.children }
          : a.guests !== k.guests
            ? { guests: a.guests }
            : {};
    return {
      ...(a.date !== undefined ? { date: a.date } : {}),
      ...(a.startMinute !== undefined ? { startMinute: a.startMinute } : {}),
      ...counts,
      ...(a.postalCode !== undefined ? { postalCode: a.postalCode } : {}),
      ...(a.packageSlug !== undefined ? { packageSlug: a.packageSlug } : {}),
      ...(a.items !== undefined ? { items: a.items } : {}),
    };
  }

  private async record(
    args: BookingDetails,
    then: (k: Memory) => ToolResult | Promise<ToolResult>,
  ): Promise<ToolResult> {
    try {
      this.frame = await recordDetails(this.frame, args, this.ctx);
    } catch (err) {
      if (!(err instanceof DetailError)) throw err;
      return {
        ok: false,
        data: {
          error: err.message,
          nothingRecorded: true,
          details: frameView(this.frame, this.ctx),
        },
      };
    }
    return then(this.frame);
  }

  /** Holds exactly the frame, or moves this chat's hold to it. */
  private async hold(): Promise<ToolResult> {
    const k = this.frame;
    if (!holdRequest(k))
      return {
        ok: false,
        data: {
          error: "Not enough details to hold yet: ask the customer for what is missing.",
          details: frameView(k, this.ctx),
        },
      };
    if (k.hold && !differsFromHold(k))
      return {
        ok: true,
        data: {
          alreadyHeld: true,
          code: k.hold.code,
          note: "These details are already on hold; the link to finish was sent with the hold.",
          details: frameView(k, this.ctx),
        },
      };
    const { result, held } = await holdFrame(k, this.tool);
    if (held) this.frame = { ...k, hold: held, pendingBooking: false };
    return result;
  }
}
