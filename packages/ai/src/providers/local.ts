// The built-in local tier: no network, no model. It answers the common intents from the
// business's own data (the same tools a model would call) and says so plainly when it doesn't
// know, instead of inventing anything.
import { postalCodeForCity } from "@myhibachi/core";
import {
  addDays,
  dietaryMatch,
  dietOnRequest,
  formatCents,
  formatMinutes,
  zonedParts,
  zonedTimeToUtc,
} from "@myhibachi/shared";
import type { Intent } from "../intents";
import { ZERO_USAGE } from "../prices";
import { dayLabel, runTool, type ToolExtras, type ToolResult } from "../tools";
import { differsFromHold, holdRequest } from "../frame";
import type {
  ChatProvider,
  HeldFrame,
  Memory,
  ToolCallRecord,
  TurnRequest,
  TurnResult,
} from "./types";

export const LOCAL_MODEL = "local-rules";

interface Composer {
  req: TurnRequest;
  toolCalls: ToolCallRecord[];
  extras: ToolExtras;
  wrote: boolean;
  personal: boolean;
  unknown: boolean;
  memory: Memory;
  tool(name: string, args: Record<string, unknown>): Promise<ToolResult>;
}

const pct = (bps: number) => `${(bps / 100).toFixed(bps % 100 ? 2 : 0)}%`;
const list = (xs: string[]) =>
  xs.length <= 1 ? (xs[0] ?? "") : `${xs.slice(0, -1).join(", ")} and ${xs[xs.length - 1]}`;

function contactLine(c: Composer): string {
  const s = c.req.tools.catalog.settings;
  return `call us at ${s.phone} or email ${s.email}`;
}

function pricingGeneral(c: Composer): string {
  const { catalog } = c.req.tools;
  const s = catalog.settings;
  const pkgs = catalog.packages
    .filter((p) => p.active)
    .map(
      (p) =>
        `${p.name} is ${formatCents(p.adultPriceCents)} per adult and ${formatCents(p.childPriceCents)} per child (12 and under)`,
    );
  const zones = [...catalog.zones]
    .sort((a, b) => a.maxMiles - b.maxMiles)
    .map((z) => `${z.feeCents ? formatCents(z.feeCents) : "free"} up to ${z.maxMiles} mi`);
  if (/\bminimum\b/.test(c.req.recognition.normalized))
    return (
      `Every party is at least ${formatCents(s.partyMinimumCents)} in food before travel and tax: if your guests' meals add up to less, ` +
      `the difference shows as a "party minimum" line on the quote. ${list(pkgs)}. Tell me how many guests and your ZIP and I'll work out the exact total.`
    );
  return (
    `${list(pkgs)}. There's a food minimum of ${formatCents(s.partyMinimumCents)} per party. ` +
    `Travel from ${s.baseAddress}: ${list(zones)}. Tax is ${pct(s.taxRateBps)}, a ${formatCents(s.depositCents)} deposit holds your date, ` +
    `and gratuity (${pct(s.suggestedGratuityBps)} suggested) is up to you. Tell me how many guests and your ZIP and I'll work out the exact total.`
  );
}

async function pricing(c: Composer): Promise<string> {
  const k = c.req.known;
  const { catalog } = c.req.tools;
  const items = k.items ?? {};
  const itemLines = Object.entries(items)
    .map(([slug, n]) => {
      const item = catalog.items.find((i) => i.slug === slug);
      if (!item) return "";
      const unit =
        item.kind === "UPGRADE" ? "portion" : item.pricing === "PER_PERSON" ? "serving" : "order";
      return `${item.name}${item.kind === "UPGRADE" ? " upgrade" : ""}: ${n} ${unit}${n === 1 ? "" : "s"} × ${formatCents(item.priceCents)} = ${formatCents(n * item.priceCents)}`;
    })
    .filter(Boolean);
  if (!k.guests) {
    if (itemLines.length)
      return `${itemLines.join("; ")} (before tax). Tell me how many guests and your ZIP and I'll work out the full total.`;
    return pricingGeneral(c);
  }
  const r = await c.tool("get_quote", {
    adults: k.adults ?? k.guests,
    children: k.children ?? 0,
    ...(k.postalCode ? { postalCode: k.postalCode } : {}),
    ...(Object.keys(items).length ? { items } : {}),
  });
  if (!r.ok) return `${(r.data as { error: string }).error}`;
  const q = r.data as {
    package: string;
    guests: number;
    subtotal: string;
    travelFee: string;
    tax: string;
    total: string;
    deposit: string;
    suggestedGratuity: string;
    zone: string;
  };
  return (
    `For ${q.guests} guests with our ${q.package}` +
    (itemLines.length ? `, including ${itemLines.join("; ")}` : "") +
    `: food ${q.subtotal}, travel ${q.travelFee} (${q.zone}), tax ${q.tax}, ` +
    `total ${q.total}. A ${q.deposit} deposit holds the date; a tip of about ${q.suggestedGratuity} is customary but up to you.` +
    (itemLines.length
      ? ` You'll confirm the upgrades and extras when you finish the booking.`
      : ` Upgrades like filet mignon or lobster cost extra.`)
  );
}

function menu(c: Composer): string {
  const { catalog } = c.req.tools;
  const active = catalog.items.filter((i) => i.active);
  const names = (kind: string) => active.filter((i) => i.kind === kind);
  const pkgs = catalog.packages
    .filter((p) => p.active)
    .map(
      (p) =>
        `${p.name} (${formatCents(p.adultPriceCents)}/adult, ${p.proteinsPerGuest} proteins per guest: ${p.includes.join(", ").toLowerCase()})`,
    );
  const upgrades = names("UPGRADE").map((i) => `${i.name} +${formatCents(i.priceCents)}`);
  const apps = [...names("APPETIZER"), ...names("SIDE")].map((i) => i.name.toLowerCase());
  return (
    `Packages: ${list(pkgs)}. Proteins to choose from: ${list(names("PROTEIN").map((i) => i.name.toLowerCase()))}. ` +
    (upgrades.length ? `Upgrades: ${list(upgrades)} per portion. ` : "") +
    (apps.length ? `Also available: ${list(apps)}. ` : "") +
    `The full menu with allergens is on our Menu page.`
  );
}

const DIET_LABEL: Record<string, string> = { gluten: "gluten-free", milk: "dairy", nuts: "nuts" };

/** "Is the gyoza gluten free?": what the named dishes contain, against the diet or allergy. */
function dishAnswer(c: Composer, slugs: string[], diets: string[]): string {
  const { catalog } = c.req.tools;
  const parts = slugs
    .map((slug) => catalog.items.find((i) => i.slug === slug && i.active))
    .filter((i) => i !== undefined)
    .map((item) => {
      const contains = item.allergens.length
        ? `contains ${list(item.allergens)}`
        : "lists no allergens";
      const verdicts = diets.map((d) => {
        const ok = dietaryMatch(item, d);
        if (["vegetarian", "vegan", "pescatarian", "halal", "gluten"].includes(d)) {
          const label = DIET_LABEL[d] ?? d;
          const onRequest = dietOnRequest(item, d);
          return ok
            ? `it is ${label}${onRequest ? " on request (tell us when you book)" : ""}`
            : `it is not ${label}`;
        }
        const label = DIET_LABEL[d] ?? d;
        return ok ? `no ${label} in its ingredients` : `it is not safe with a ${label} allergy`;
      });
      return `${item.name} ${contains}${verdicts.length ? `: ${list(verdicts)}` : ""}.`;
    });
  return `${parts.join(" ")} For a serious allergy, tell us when you book so the chef can plan; with questions, ${contactLine(c)}.`;
}

function dietary(c: Composer): string {
  const { catalog } = c.req.tools;
  const named = c.req.recognition.slots.named;
  if (named?.length)
    return dishAnswer(c, named, c.req.recognition.slots.diet ?? c.req.known.diet ?? []);
  const diets = c.req.recognition.slots.diet ?? [];
  const active = catalog.items.filter((i) => i.active);
  const proteins = active.filter((i) => i.kind === "PROTEIN" || i.kind === "UPGRADE");
  // Items with no allergen or dietary data (tables, sake service, "any protein") are not food we
  // can vouch for either way: never list them as safe.
  const others = active.filter(
    (i) =>
      i.kind !== "PROTEIN" &&
      i.kind !== "UPGRADE" &&
      (i.allergens.length > 0 || i.dietaryTags.length > 0),
  );
  if (!diets.length) {
    const tags = [...new Set(active.flatMap((i) => i.dietaryTags))].sort();
    return `Each menu item lists its allergens and dietary tags (${list(tags)}). Tell me the dietary need or allergy and I'll tell you exactly what fits, or see the Menu page.`;
  }
  const parts: string[] = [];
  for (const d of diets) {
    if (d === "kosher") {
      parts.push(
        `I'm not sure we can do kosher: our menu doesn't list kosher options, so please ${contactLine(c)} before booking.`,
      );
      continue;
    }
    const okProteins = proteins.filter((i) => dietaryMatch(i, d)).map((i) => i.name.toLowerCase());
    const okOthers = others.filter((i) => dietaryMatch(i, d)).map((i) => i.name.toLowerCase());
    const isTag = ["vegetarian", "vegan", "pescatarian", "halal", "gluten"].includes(d);
    if (isTag) {
      const label = d === "gluten" ? "gluten-free" : d;
      if (!okProteins.length && !okOthers.length) {
        parts.push(
          `None of our menu items is marked ${label}; please ${contactLine(c)} and we'll see what the chef can do.`,
        );
        continue;
      }
      const onRequest =
        d === "gluten" || d === "halal"
          ? " (some on request: tell us when you book so the chef uses the right sauces)"
          : "";
      parts.push(
        `Yes, we cater for ${label} guests${onRequest}. ` +
          (okProteins.length ? `Proteins: ${list(okProteins)}. ` : "") +
          (okOthers.length ? `Also ${label}: ${list(okOthers)}. ` : "") +
          (d === "vegetarian" || d === "vegan"
            ? `${proteins.find((p) => p.slug === "tofu")?.description ?? ""}`
            : ""),
      );
    } else {
      const label = d === "nuts" ? "nuts" : d === "milk" ? "dairy" : d;
      const containing = active.filter((i) => !dietaryMatch(i, d)).map((i) => i.name.toLowerCase());
      parts.push(
        containing.length
          ? `These items contain ${label}: ${list(containing)}. Free of ${label}: ${list(okProteins)} among the proteins${okOthers.length ? `, and ${list(okOthers)}` : ""}.`
          : `None of our menu items lists ${label} among its allergens.`,
      );
      parts.push(
        `For a serious allergy, tell us when you book so the chef can plan; with questions, ${contactLine(c)}.`,
      );
    }
  }
  return parts.join(" ").replace(/\s+/g, " ").trim();
}

async function serviceArea(c: Composer): Promise<string> {
  const { catalog } = c.req.tools;
  const s = catalog.settings;
  const zip = c.req.recognition.slots.postalCode;
  const zones = [...catalog.zones].sort((a, b) => a.maxMiles - b.maxMiles);
  const far = zones[zones.length - 1]?.maxMiles ?? 0;
  if (zip) {
    const r = await c.tool("get_quote", { adults: 10, postalCode: zip });
    if (!r.ok) return (r.data as { error: string }).error;
    const zone = r.data as { zone: string; travelFee: string };
    c.memory.postalCode = zip;
    return `Yes, we come to ${zip}: ${zone.zone}, travel fee ${zone.travelFee}.`;
  }
  const named = c.req.recognition.slots.city;
  const cityZip = named ? postalCodeForCity(c.req.tools.catalog, named) : undefined;
  if (named && cityZip) {
    const r = await c.tool("get_quote", { adults: 10, postalCode: cityZip });
    if (r.ok) {
      const zone = r.data as { zone: string; travelFee: string };
      return `Yes, we serve ${named} (${zone.zone.split(": ")[1] ?? zone.zone}), travel fee ${zone.travelFee}. Tell me your ZIP to be exact.`;
    }
  }
  return (
    `We're based in ${s.baseAddress} and travel up to ${far} miles: ` +
    `${list(zones.map((z) => `${z.name} ${z.feeCents ? formatCents(z.feeCents) : "free"}`))}. ` +
    `Tell me your ZIP code and I'll check it.`
  );
}

function whenText(k: Memory): string {
  if (k.date) return dayLabel(k.date);
  if (k.from && k.to) return `${dayLabel(k.from)} to ${dayLabel(k.to)}`;
  return "the next two weeks";
}

function slotsText(
  slots: { date: string; label: string; dayLabel: string }[],
  multiDay: boolean,
): string {
  if (!multiDay) return list(slots.map((s) => s.label));
  const byDay = new Map<string, string[]>();
  for (const s of slots) byDay.set(s.dayLabel, [...(byDay.get(s.dayLabel) ?? []), s.label]);
  return [...byDay].map(([d, t]) => `${d}: ${t.join(", ")}`).join("; ");
}

/** A date or party we can't take: say why instead of calling it "fully booked". */
function outsideWindow(c: Composer): string | null {
  const k = c.req.known;
  const s = c.req.tools.catalog.settings;
  const guests = k.guests ?? 0;
  if (guests > s.maxGuests)
    return `We can cook for up to ${s.maxGuests} guests in one booking, so ${guests} is more than we can book online. For a party that size we plan it with you (more chefs, a longer service): ${contactLine(c)}.`;
  const asked = k.date ?? k.from;
  if (!asked) return null;
  const today = zonedParts(c.req.tools.now, s.timeZone).date;
  const last = addDays(today, s.bookingWindowDays);
  if (asked > last)
    return `We take bookings up to ${s.bookingWindowDays} days ahead, so ${whenText(k)} isn't open yet: you can book it from ${dayLabel(addDays(asked, -s.bookingWindowDays))}. If you'd like us to note it now, ${contactLine(c)}.`;
  if (asked < today) return `${whenText(k)} has already passed. Which date did you have in mind?`;
  // Every start time that day is inside the notice window: too soon, not "fully booked".
  const lastStart = Math.max(...s.slotStartMinutes);
  const earliest = c.req.tools.now.getTime() + s.minNoticeHours * 3600_000;
  const lastDay = k.to && !k.date ? k.to : asked;
  if (
    Number.isFinite(lastStart) &&
    zonedTimeToUtc(lastDay, lastStart, s.timeZone).getTime() < earliest
  ) {
    const first = zonedParts(new Date(earliest), s.timeZone).date;
    return `We need at least ${s.minNoticeHours} hours' notice to plan a party, so ${whenText(k)} is too soon. The earliest we can come is ${dayLabel(first)}: shall I check that day? For something sooner, ${contactLine(c)}.`;
  }
  return null;
}

async function availability(c: Composer): Promise<string> {
  const k = c.req.known;
  const closed = outsideWindow(c);
  if (closed) return closed;
  if (!k.guests) {
    c.memory.lastIntent = "availability";
    return `Happy to check ${whenText(k)}! How many guests will there be (and your ZIP code, if you have it)?`;
  }
  // No ZIP yet but a city we serve ("...in palo alto"): check from a ZIP in that city.
  const city = k.postalCode ? undefined : (c.req.recognition.slots.city ?? k.city);
  const cityZip = city ? postalCodeForCity(c.req.tools.catalog, city) : undefined;
  const zip = k.postalCode ?? cityZip;
  const r = await c.tool("check_availability", {
    guests: k.guests,
    ...(k.date ? { date: k.date } : k.from && k.to ? { from: k.from, to: k.to } : {}),
    ...(zip ? { postalCode: zip } : {}),
  });
  if (!r.ok) return (r.data as { error: string }).error;
  const d = r.data as { nothingOnRequestedDate: boolean; zone: string; assumedArea: string | null };
  const slots = r.extras?.slots ?? [];
  const area = cityZip
    ? ` (checked for ${city}; tell me your ZIP to confirm)`
    : d.assumedArea
      ? ` (checked for the ${d.assumedArea.replace(" (no ZIP given yet)", "")} area; tell me your ZIP to confirm)`
      : "";
  if (!slots.length)
    return `Sorry, we're fully booked for ${k.guests} guests around ${whenText(k)}${area}. Try another date, or ${contactLine(c)}.`;
  const multiDay = new Set(slots.map((s) => s.date)).size > 1;
  const head = d.nothingOnRequestedDate
    ? `${whenText(k)} is fully booked for ${k.guests} guests, but these times are free soon after${area}: `
    : `Free for ${k.guests} guests on ${multiDay ? "these days" : whenText(k)}${area}: `;
  c.memory.lastIntent = "availability";
  return `${head}${slotsText(slots, multiDay || d.nothingOnRequestedDate)}. Pick a time and I'll hold it for you.`;
}

/** "Saturday, December 12 at 5:00 PM for 12 guests (10 adults, 2 children), Premium, ZIP 95014". */
function heldText(c: Composer, h: HeldFrame, when: string): string {
  const pkg = c.req.tools.catalog.packages.find(
    (p) => p.slug === (h.packageSlug ?? c.req.tools.catalog.packages.find((x) => x.active)?.slug),
  );
  const party = h.children
    ? `${h.guests} guests (${h.guests - h.children} adults, ${h.children} children)`
    : `${h.guests} guests`;
  const items = Object.entries(h.items ?? {})
    .map(([slug, n]) => {
      const item = c.req.tools.catalog.items.find((i) => i.slug === slug);
      return item ? `${n} × ${item.name}` : "";
    })
    .filter(Boolean);
  return `${when} for ${party}, ${pkg?.name ?? "our"} package${items.length ? ` with ${list(items)}` : ""}, ZIP ${h.postalCode}`;
}

/** Holds exactly what the frame says, or moves the hold this chat already made (never two). */
async function bookingRequest(c: Composer): Promise<string> {
  const k = c.req.known;
  const closed = outsideWindow(c);
  if (closed) return closed;
  const missing: string[] = [];
  if (!k.date) missing.push("the date");
  if (!k.guests) missing.push("how many guests");
  if (k.date && k.guests && k.startMinute === undefined) {
    c.memory.pendingBooking = true;
    return availability(c);
  }
  if (!k.postalCode) missing.push("the ZIP code of the party address");
  if (missing.length) {
    c.memory.pendingBooking = true;
    return `Let's get you booked! I just need ${list(missing)}.`;
  }
  const want = holdRequest(k)!;
  if (k.hold && !differsFromHold(k))
    return `You already have ${heldText(c, k.hold, `${dayLabel(k.hold.date)} at ${formatMinutes(k.hold.startMinute)}`)} on hold, reference ${k.hold.code}. Use the link I sent to finish the booking.`;
  const r = await c.tool("create_booking_hold", {
    ...want,
    ...(k.hold ? { replacesHoldId: k.hold.id } : {}),
  });
  if (!r.ok) {
    const err = r.data as {
      error: string;
      details?: { alternatives?: { label: string }[]; field?: string } | null;
    };
    if (err.details?.field === "startMinute") {
      c.memory.startMinute = undefined;
      const avail = await availability(c);
      return `${formatMinutes(k.startMinute!)} isn't one of our start times. ${avail}`;
    }
    return k.hold
      ? `${err.error} Your hold ${k.hold.code} for ${dayLabel(k.hold.date)} at ${formatMinutes(k.hold.startMinute)} is unchanged.`
      : err.error;
  }
  const h = r.data as {
    id: string;
    code: string;
    moved: boolean;
    when: string;
    total: string;
    deposit: string;
    holdMinutes: number;
  };
  const held: HeldFrame = { id: h.id, code: h.code, ...want };
  c.memory.hold = held;
  c.memory.pendingBooking = false;
  const what = heldText(c, held, h.when);
  const total = `Total ${h.total} before gratuity (a ${h.deposit} deposit holds the date).`;
  return h.moved
    ? `Done, I've moved your hold ${h.code}: now ${what}. The earlier time is released. ${total} It's yours for ${h.holdMinutes} minutes: use the link below to finish the booking.`
    : `Done! I'm holding ${what} for ${h.holdMinutes} minutes, reference ${h.code}. ${total} Use the link below to choose your menu and add your address and contact details to finish the booking.`;
}

async function bookingStatus(c: Composer): Promise<string> {
  const code = c.req.recognition.slots.bookingCode;
  const r = await c.tool("get_my_bookings", code ? { code } : {});
  const d = r.data as {
    signedIn: boolean;
    needsEmailConfirmation?: boolean;
    bookings: { code: string; status: string; when: string; guests: number; total: string }[];
  };
  if (!d.signedIn)
    return `I can only show bookings to their owner: please sign in (My bookings) with the email you booked with, or use the link in your confirmation email.`;
  if (d.needsEmailConfirmation)
    return `For your security I can show bookings only after you confirm your email address: open My bookings and ask for a confirmation link (or sign in with an emailed link).`;
  if (!d.bookings.length)
    return code
      ? `I couldn't find a booking ${code} on your account. If it was booked with another email, use the link in its confirmation email.`
      : `I don't see any bookings on your account yet. Want me to check a date for you?`;
  return `Your bookings: ${d.bookings
    .map(
      (b) =>
        `${b.code}: ${b.when}, ${b.guests} guests, ${b.status.toLowerCase()}, total ${b.total}`,
    )
    .join("; ")}.`;
}

function policy(c: Composer, intent: Intent): string {
  const { catalog } = c.req.tools;
  const s = catalog.settings;
  switch (intent) {
    case "policy_cancel":
      return `You can cancel online up to ${s.freeCancellationHours} hours before the event for a full refund of the deposit; later cancellations keep the deposit. Rescheduling online is possible up to ${s.rescheduleCutoffHours} hours before. Manage it from the link in your confirmation email or My bookings.`;
    case "policy_deposit":
      return `A ${formatCents(s.depositCents)} deposit confirms your booking; the balance is due on the day of the event. The deposit is refunded in full if you cancel at least ${s.freeCancellationHours} hours ahead.`;
    case "policy_gratuity":
      return `Gratuity isn't included or charged automatically: ${pct(s.suggestedGratuityBps)} is customary and entirely up to you.`;
    case "included": {
      return catalog.packages
        .filter((p) => p.active)
        .map((p) => `${p.name} includes ${list(p.includes.map((x) => x.toLowerCase()))}.`)
        .join(" ");
    }
    case "duration": {
      return `The chef's show and dinner take about ${Math.round(s.eventDurationMinutes / 6) / 10} hours; for parties over 20 we add ${s.extraMinutesPer10Guests} minutes per 10 extra guests.`;
    }
    case "kids":
      return catalog.packages
        .filter((p) => p.active)
        .map(
          (p) =>
            `${p.name}: ${formatCents(p.childPriceCents)} per child (12 and under), ${formatCents(p.adultPriceCents)} per adult.`,
        )
        .join(" ");
    case "notice":
      return `Book at least ${s.minNoticeHours} hours before your event so we can shop and prepare; you can book up to ${s.bookingWindowDays} days ahead. Popular Friday and Saturday evenings go first, so earlier is better. For something sooner, ${contactLine(c)}.`;
    case "capacity": {
      const asked = c.req.known.guests;
      const over = asked !== undefined && asked > s.maxGuests;
      return (
        `One chef cooks for up to ${s.maxGuestsPerChef} guests; for bigger parties we send more chefs, up to ${s.maxGuests} guests in one booking. ` +
        (over
          ? `For ${asked} guests, please ${contactLine(c)} and we'll plan it with you.`
          : `Tell me the date, how many guests and your ZIP and I'll check which times are free.`)
      );
    }
    case "setup": {
      if (/\b(arrive|arrival|get here|show up)\b/.test(c.req.recognition.normalized))
        return `We plan ${s.travelBufferMinutes} minutes before your start time for the chef's travel and setup, so expect your chef a little before the party starts, and ${s.cleanupBufferMinutes} minutes after for packing up and cleaning the grill area. The show and dinner take about ${Math.round(s.eventDurationMinutes / 6) / 10} hours.`;
      const tables = catalog.items.find((i) => i.active && i.slug === "tables-chairs");
      return (
        `The chef brings the hibachi grill and cooks on site.` +
        (tables
          ? ` We can also bring ${tables.name.toLowerCase()} (${tables.description.toLowerCase().replace(/\.$/, "")}) for ${formatCents(tables.priceCents)}.`
          : "") +
        ` For questions about your space (indoors, covered patio, apartment rules), please ${contactLine(c)}.`
      );
    }
    default:
      return "";
  }
}

async function answerIntent(c: Composer, intent: Intent): Promise<string> {
  const s = c.req.tools.catalog.settings;
  switch (intent) {
    case "greeting":
      return `Hi! I'm the ${s.businessName} assistant. I can answer questions about our menu and prices, check free dates, and hold a time for your party. What are you planning?`;
    case "thanks":
      return `You're welcome! Anything else I can help with?`;
    case "pricing":
      return pricing(c);
    case "menu":
      return menu(c);
    case "dietary":
      return dietary(c);
    case "service_area":
      return serviceArea(c);
    case "availability":
      return availability(c);
    case "booking_request":
      return bookingRequest(c);
    case "booking_status":
      return bookingStatus(c);
    case "human": {
      // "...never showed up, I want a manager": the complaint's answer says it all, once.
      const answered = [c.req.recognition.intent, ...c.req.recognition.also].slice(0, 2);
      if (answered.includes("complaint")) return "";
      return `I've asked our team to pick up this conversation: a person will reply right here in this chat. If it's urgent, ${contactLine(c)}.`;
    }
    case "complaint":
      return `I'm really sorry about this. I've flagged the conversation for our team so a person can make it right; they'll reply right here in this chat. If it's urgent, ${contactLine(c)}.`;
    case "unknown":
      c.unknown = true;
      return `I'm not sure about that, and I'd rather not guess. Our team can help: ${contactLine(c)}, or I can pass this conversation to a person. I can also answer questions about the menu, prices, our service area, and free dates.`;
    default:
      return policy(c, intent);
  }
}

export class LocalProvider implements ChatProvider {
  readonly name = "local";
  readonly model = LOCAL_MODEL;

  async answer(req: TurnRequest): Promise<TurnResult> {
    const started = Date.now();
    const c: Composer = {
      req,
      toolCalls: [],
      extras: {},
      wrote: false,
      personal: false,
      unknown: false,
      memory: { ...req.known },
      async tool(name, args) {
        const r = await runTool(req.tools, name, args);
        c.toolCalls.push({ name, args, ok: r.ok });
        if (r.extras) {
          if (r.extras.slots) c.extras.slots = r.extras.slots;
          if (r.extras.links) c.extras.links = [...(c.extras.links ?? []), ...r.extras.links];
          if (r.extras.guests) c.extras.guests = r.extras.guests;
          if (r.extras.postalCode) c.extras.postalCode = r.extras.postalCode;
        }
        if (r.wrote) c.wrote = true;
        if (r.personal) c.personal = true;
        return r;
      },
    };
    const intents = [req.recognition.intent, ...req.recognition.also].slice(0, 2);
    const parts: string[] = [];
    for (const i of intents) parts.push(await answerIntent(c, i));
    return {
      content: parts.filter(Boolean).join("\n\n"),
      toolCalls: c.toolCalls,
      extras: c.extras,
      calls: [
        {
          provider: this.name,
          model: this.model,
          usage: ZERO_USAGE,
          latencyMs: Date.now() - started,
        },
      ],
      wrote: c.wrote,
      personal: c.personal,
      unknown: c.unknown,
      memory: c.memory,
    };
  }
}
