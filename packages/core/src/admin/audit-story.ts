// The audit log told as sentences: who did what to which booking, chef, menu item or setting,
// with names instead of ids and values as people write them ($3.75, 9.38%, 5:30 pm). The rows
// stay as stored (JSON before/after); this only reads them, resolving every id of a page of
// rows with one query per kind of thing.
import type { Db } from "@myhibachi/db";
import {
  describePhoneHours,
  dietaryTagLabel,
  formatBps,
  formatCents,
  formatMinutes,
  formatStamp,
  readPhoneHours,
  WEEKDAY_NAMES,
} from "@myhibachi/shared";
import { paymentMethodWords } from "../payments/money";
import { CHANNEL_WORDS, delayWords } from "../campaigns/owner";

export interface AuditRow {
  id: string;
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  createdAt: Date;
  actor: { name: string; role: string } | null;
}

export interface AuditStory {
  /** "Olivia Park changed the menu item NY strip steak." */
  sentence: string;
  /** One line per changed value: "price from $0.00 to $3.75". */
  details: string[];
  /** The admin page of what was changed, when it has one. */
  href: string | null;
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json =>
  v && typeof v === "object" && !Array.isArray(v) ? (v as Json) : {};

/** Field names people would use (the rest are derived from the camelCase key). */
const LABELS: Record<string, string> = {
  baseLat: "base latitude",
  baseLng: "base longitude",
  slotStartMinutes: "start times offered",
  phoneHours: "phone hours",
  extraMinutesPer10Guests: "extra minutes per 10 guests",
  maxGuestsPerChef: "guests per chef",
  taxRateBps: "tax rate",
  suggestedGratuityBps: "suggested gratuity",
  lateCancellationRefundBps: "late-cancellation refund",
  tipChoicesBps: "tip choices",
  requireApprovalAfterDeposit: "approval after the deposit",
  confirmHoldMinutes: "time to confirm an online booking",
  holdMinutes: "chat hold",
  bookingRateLimit: "online bookings per client",
  priceCents: "price",
  servesGuests: "guests one order is for",
  adultPriceCents: "adult price",
  childPriceCents: "child price",
  dietaryTags: "dietary tags",
  seasonalTags: "seasonal tags",
  slug: "short name",
  active: "on the menu",
  sortOrder: "sort order",
  maxMiles: "distance",
  feeCents: "travel fee",
  warnAtPercent: "warning level",
  webhookUrl: "alert webhook",
  googleReviewUrl: "Google review page",
  yelpReviewUrl: "Yelp review page",
  delayMinutes: "delay",
  template: "text",
  minRating: "minimum rating",
  offerValidDays: "days the offer is valid",
  exitOnBooking: "stop when the person books",
  recommendationHoldoutPercent: "visits that see no suggestions",
};

const UNIT = /(Cents|Micros|Bps|Minutes|Hours|Days|Miles|Percent)$/;

function label(key: string): string {
  return (
    LABELS[key] ??
    key
      .replace(UNIT, "")
      .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
      .toLowerCase()
      .trim()
  );
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** A stored value as people write it, by what its key says it is. */
function value(key: string, v: unknown, timeZone: string): string {
  if (key === "servesGuests" && v === null) return "the whole party";
  if (v === null || v === undefined || v === "") return "nothing";
  if (key === "delayMinutes" && typeof v === "number") return delayWords(v);
  if (key === "channel" && typeof v === "string")
    return CHANNEL_WORDS[v as keyof typeof CHANNEL_WORDS] ?? v;
  if (key === "phoneHours" && Array.isArray(v)) return describePhoneHours(readPhoneHours(v));
  if (key === "slotStartMinutes" && Array.isArray(v))
    return v.map((m) => formatMinutes(Number(m))).join(", ");
  if (key === "dietaryTags" && Array.isArray(v))
    return v.length ? v.map((t) => dietaryTagLabel(String(t))).join(", ") : "none";
  if (Array.isArray(v)) {
    if (key.endsWith("Bps")) return v.map((x) => formatBps(Number(x))).join(", ") || "none";
    return v.length ? v.map(String).join(", ") : "none";
  }
  if (typeof v === "boolean") return v ? "yes" : "no";
  if (typeof v === "number") {
    if (key.endsWith("Cents")) return formatCents(v);
    if (key.endsWith("Micros")) return formatCents(Math.round(v / 10_000));
    if (key.endsWith("Bps")) return formatBps(v);
    if (key.endsWith("Percent")) return `${v}%`;
    if (key.endsWith("Minutes")) return `${v} minutes`;
    if (key.endsWith("Hours")) return `${v} hours`;
    if (key.endsWith("Days")) return `${v} days`;
    if (key.endsWith("Miles")) return `${v} miles`;
    return v.toLocaleString("en-US");
  }
  if (typeof v === "string") {
    if (ISO.test(v)) return formatStamp(v, timeZone);
    return `“${v.length > 80 ? `${v.slice(0, 77)}…` : v}”`;
  }
  return "a new value";
}

/** "price from $0.00 to $3.75" for each key that changed (ids left out). */
function changes(before: unknown, after: unknown, timeZone: string): string[] {
  const b = obj(before);
  const a = obj(after);
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter(
    (k) => k !== "id" && !k.endsWith("Id") && k !== "updatedAt" && k !== "createdAt",
  );
  return keys
    .filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k]))
    .map((k) =>
      k in b && k in a
        ? `${label(k)} from ${value(k, b[k], timeZone)} to ${value(k, a[k], timeZone)}`
        : k in a
          ? `${label(k)}: ${value(k, a[k], timeZone)}`
          : `${label(k)} was ${value(k, b[k], timeZone)}`,
    );
}

/** Context stored on both sides of a campaign entry (names for the sentence, not changes). */
const CAMPAIGN_CONTEXT = ["sequence", "position", "rescheduled"];
const omit = (v: unknown, keys: string[]): Json =>
  Object.fromEntries(Object.entries(obj(v)).filter(([k]) => !keys.includes(k)));

/** Mon 5:00 pm – 10:00 pm, per weekday. */
function hoursLine(v: unknown): string {
  if (!Array.isArray(v) || v.length === 0) return "no working hours";
  return v
    .map((h) => {
      const x = obj(h);
      return `${WEEKDAY_NAMES[Number(x.weekday)]?.slice(0, 3) ?? "?"} ${formatMinutes(Number(x.startMinute))} – ${formatMinutes(Number(x.endMinute))}`;
    })
    .join(", ");
}

interface Names {
  bookings: Map<
    string,
    { code: string; contactName: string | null; startsAt: Date; timeZone: string }
  >;
  chefs: Map<string, string>;
  customers: Map<string, string>;
  menuItems: Map<string, string>;
  packages: Map<string, string>;
  zones: Map<string, string>;
  conversations: Map<string, string>;
  emails: Map<string, { subject: string; to: string }>;
}

async function loadNames(db: Db, rows: AuditRow[]): Promise<Names> {
  const ids = (entity: string) => [
    ...new Set(rows.filter((r) => r.entity === entity && r.entityId).map((r) => r.entityId!)),
  ];
  const chefIds = new Set(ids("chef"));
  const zoneIds = new Set(ids("zone"));
  for (const r of rows) {
    if (r.action === "booking.reassign")
      for (const side of [r.before, r.after])
        for (const c of (obj(side).chefIds as unknown[] | undefined) ?? []) chefIds.add(String(c));
    if (r.action === "chef.zones")
      for (const side of [r.before, r.after])
        for (const z of Array.isArray(side) ? side : []) zoneIds.add(String(z));
  }
  const [bookings, chefs, customers, items, packages, zones, conversations, emails] =
    await Promise.all([
      db.booking.findMany({
        where: { id: { in: ids("booking") } },
        select: { id: true, code: true, contactName: true, startsAt: true, timeZone: true },
      }),
      db.chef.findMany({ where: { id: { in: [...chefIds] } }, select: { id: true, name: true } }),
      db.customer.findMany({
        where: { id: { in: ids("customer") } },
        select: { id: true, name: true },
      }),
      db.menuItem.findMany({
        where: { id: { in: ids("menuItem") } },
        select: { id: true, name: true },
      }),
      db.package.findMany({
        where: { id: { in: ids("package") } },
        select: { id: true, name: true },
      }),
      db.travelZone.findMany({
        where: { id: { in: [...zoneIds] } },
        select: { id: true, name: true },
      }),
      db.conversation.findMany({
        where: { id: { in: ids("Conversation") } },
        select: { id: true, contactEmail: true, userId: true },
      }),
      db.emailMessage.findMany({
        where: { id: { in: ids("EmailMessage") } },
        select: { id: true, subject: true, to: true },
      }),
    ]);
  const users = await db.user.findMany({
    where: { id: { in: conversations.map((c) => c.userId).filter((u): u is string => !!u) } },
    select: { id: true, name: true },
  });
  const userName = new Map(users.map((u) => [u.id, u.name]));
  return {
    bookings: new Map(bookings.map((b) => [b.id, b])),
    chefs: new Map(chefs.map((c) => [c.id, c.name])),
    customers: new Map(customers.map((c) => [c.id, c.name])),
    menuItems: new Map(items.map((i) => [i.id, i.name])),
    packages: new Map(packages.map((p) => [p.id, p.name])),
    zones: new Map(zones.map((z) => [z.id, z.name])),
    conversations: new Map(
      conversations.map((c) => [
        c.id,
        (c.userId && userName.get(c.userId)) || c.contactEmail || "a visitor",
      ]),
    ),
    emails: new Map(emails.map((e) => [e.id, e])),
  };
}

function story(r: AuditRow, n: Names, timeZone: string): AuditStory {
  const who = r.actor?.name ?? "A user who has since been removed";
  const b = obj(r.before);
  const a = obj(r.after);
  const id = r.entityId ?? "";
  const named = (m: Map<string, string>, fallback: unknown, kind: string) =>
    m.get(id) ?? (typeof fallback === "string" ? fallback : `a ${kind} since deleted`);
  const booking = () => {
    const x = n.bookings.get(id);
    return x ? `booking ${x.code}${x.contactName ? ` (${x.contactName})` : ""}` : "a booking";
  };
  const chefList = (v: unknown) =>
    ((obj(v).chefIds as unknown[] | undefined) ?? [])
      .map((c) => n.chefs.get(String(c)) ?? "a chef since deleted")
      .join(" and ") || "no chef";
  const diffOf = () => changes(r.before, r.after, timeZone);
  const s = (text: string, details: string[] = [], href: string | null = null): AuditStory => ({
    sentence: `${who} ${text}.`,
    details,
    href,
  });
  const chef = () => named(n.chefs, a.name ?? b.name, "chef");
  const chefHref = `/chefs/${id}`;
  const bookingHref = `/bookings/${id}`;

  switch (r.action) {
    case "booking.confirm":
      return s(`confirmed ${booking()}`, [], bookingHref);
    case "booking.complete":
      return s(`marked ${booking()} completed`, [], bookingHref);
    case "booking.cancel":
      return s(
        `cancelled ${booking()}`,
        [
          ...(a.reason ? [`reason: ${value("reason", a.reason, timeZone)}`] : []),
          ...(typeof a.refundCents === "number" && a.refundCents > 0
            ? [`refund: ${formatCents(a.refundCents)}`]
            : []),
        ],
        bookingHref,
      );
    case "booking.reassign":
      return s(
        `gave ${booking()} to ${chefList(r.after)} (was ${chefList(r.before)})`,
        [],
        bookingHref,
      );
    case "booking.paymentRecorded": {
      // As recorded ("in cash at the event", "by card in person"); rows from before, by the same
      // rule (`paidAtTheEvent`) against the event's start.
      const x = n.bookings.get(id);
      const method = /^card/.test(String(a.method)) ? "CARD_IN_PERSON" : "CASH";
      const how =
        typeof a.how === "string"
          ? a.how
          : paymentMethodWords(method, r.createdAt, {
              startsAt: x?.startsAt ?? null,
              timeZone: x?.timeZone ?? timeZone,
            });
      return s(
        `recorded ${formatCents(Number(a.amountCents ?? 0))} paid ${how} for ${booking()}`,
        Number(a.tipCents) > 0 ? [`tip: ${formatCents(Number(a.tipCents))}`] : [],
        bookingHref,
      );
    }
    case "payment.refund":
      return s(
        `refunded ${formatCents(Number(a.amountCents ?? 0))} on ${booking()}`,
        a.note ? [`note: ${value("note", a.note, timeZone)}`] : [],
        bookingHref,
      );
    case "chef.create":
      return s(`added the chef ${chef()}`, [], chefHref);
    case "chef.update":
      return s(`changed the chef ${chef()}`, diffOf(), chefHref);
    case "chef.activate":
      return s(`made the chef ${chef()} active again`, [], chefHref);
    case "chef.deactivate":
      return s(`deactivated the chef ${chef()}`, [], chefHref);
    case "chef.hours":
      return s(
        `changed the working hours of ${chef()}`,
        [`from ${hoursLine(r.before)}`, `to ${hoursLine(r.after)}`],
        chefHref,
      );
    case "chef.timeoff.add":
    case "chef.timeoff.remove": {
      const t = r.action === "chef.timeoff.add" ? a : b;
      const span = `${value("startsAt", t.startsAt, timeZone)} to ${value("endsAt", t.endsAt, timeZone)}`;
      return s(
        `${r.action === "chef.timeoff.add" ? "added" : "removed"} time off for ${chef()}: ${span}`,
        t.reason ? [`reason: ${value("reason", t.reason, timeZone)}`] : [],
        chefHref,
      );
    }
    case "chef.zones": {
      const zones = (v: unknown) =>
        (Array.isArray(v) ? v : [])
          .map((z) => n.zones.get(String(z)) ?? "a deleted zone")
          .join(", ") || "none";
      return s(
        `changed the travel zones of ${chef()}`,
        [`from ${zones(r.before)}`, `to ${zones(r.after)}`],
        chefHref,
      );
    }
    case "customer.notes":
      return s(
        `changed the notes on the customer ${named(n.customers, undefined, "customer")}`,
        diffOf(),
        `/customers/${id}`,
      );
    case "menu.item.create":
      return s(`added ${named(n.menuItems, a.name, "menu item")} to the menu`, [], "/menu");
    case "menu.item.update":
      return s(
        `changed the menu item ${named(n.menuItems, a.name ?? b.name, "menu item")}`,
        diffOf(),
        "/menu",
      );
    case "menu.package.create":
      return s(`added the package ${named(n.packages, a.name, "package")}`, [], "/menu");
    case "menu.package.update":
      return s(
        `changed the package ${named(n.packages, a.name ?? b.name, "package")}`,
        diffOf(),
        "/menu",
      );
    case "settings.update":
      return "recommendationHoldoutPercent" in a
        ? s("changed the share of visits that see no suggestions", diffOf(), "/recommendations")
        : s("changed the business settings", diffOf(), "/settings");
    case "recommendation-rule.update":
      return s(
        a.active !== undefined && Object.keys(a).length === 2
          ? `switched the recommendation "${String(a.name ?? b.name)}" ${a.active ? "on" : "off"}`
          : `changed the recommendation "${String(a.name ?? b.name)}"`,
        diffOf().filter((d) => !d.startsWith("name ")),
        "/recommendations",
      );
    case "zone.create":
      return s(`added the travel zone ${named(n.zones, a.name, "zone")}`, diffOf(), "/settings");
    case "zone.update":
      return s(
        `changed the travel zone ${named(n.zones, a.name ?? b.name, "zone")}`,
        diffOf(),
        "/settings",
      );
    case "zone.delete":
      return s(`deleted the travel zone ${value("name", b.name, timeZone)}`, [], "/settings");
    case "area.add":
      return s(
        `added ZIP ${id}${a.city ? ` (${String(a.city)})` : ""} to the service area`,
        [],
        "/settings",
      );
    case "area.remove":
      return s(
        `removed ZIP ${id}${b.city ? ` (${String(b.city)})` : ""} from the service area`,
        [],
        "/settings",
      );
    case "campaign-step.update":
      return s(
        `changed step ${String(a.position ?? b.position ?? "?")} of the campaign ${value("sequence", a.sequence ?? b.sequence, timeZone)}`,
        changes(omit(r.before, CAMPAIGN_CONTEXT), omit(r.after, CAMPAIGN_CONTEXT), timeZone).concat(
          typeof a.rescheduled === "number"
            ? [
                `${a.rescheduled} ${a.rescheduled === 1 ? "person" : "people"} waiting for this step got its new time`,
              ]
            : [],
        ),
        "/campaigns",
      );
    case "campaign-sequence.update": {
      const name = value("sequence", a.sequence ?? b.sequence, timeZone);
      const onOff =
        typeof a.active === "boolean"
          ? `turned the campaign ${name} ${a.active ? "on" : "off"}`
          : null;
      return s(
        onOff ?? `changed the campaign ${name}`,
        changes(
          omit(r.before, [...CAMPAIGN_CONTEXT, "active"]),
          omit(r.after, [...CAMPAIGN_CONTEXT, "active"]),
          timeZone,
        ),
        "/campaigns",
      );
    }
    case "suppression.add":
      return s(
        `added ${String(a.address)} to the campaign suppression list`,
        [
          `reason: ${value("reason", a.reason, timeZone)}`,
          ...(typeof a.exited === "number"
            ? [`${a.exited} running ${a.exited === 1 ? "sequence" : "sequences"} stopped`]
            : []),
        ],
        "/campaigns/suppressions",
      );
    case "suppression.remove":
      return s(
        `took ${String(b.address)} off the campaign suppression list (we may email them again)`,
        b.reason ? [`it was there because: ${value("reason", b.reason, timeZone)}`] : [],
        "/campaigns/suppressions",
      );
    case "review.hide":
    case "review.show":
      return s(
        `${r.action === "review.hide" ? "took" : "put"} a ${String(a.rating ?? "?")}-star comment${a.booking ? ` (booking ${String(a.booking)})` : ""} ${r.action === "review.hide" ? "off" : "back on"} the public reviews page`,
        [],
        "/settings",
      );
    case "cost-alert-settings.update":
      return s("changed the AI budgets and alerts", diffOf(), "/alerts");
    case "conversation.reply":
      return s(
        `replied in the chat with ${n.conversations.get(id) ?? "a visitor"}`,
        [],
        `/conversations/${id}`,
      );
    case "conversation.handled":
      return s(
        `marked the chat with ${n.conversations.get(id) ?? "a visitor"} handled`,
        [],
        `/conversations/${id}`,
      );
    case "apiKey.create":
      return s(`made the API key ${value("name", a.name, timeZone)}`, [], "/settings");
    case "apiKey.revoke":
      return s(`revoked the API key ${value("name", b.name, timeZone)}`, [], "/settings");
    case "outbox.retry": {
      const e = n.emails.get(id);
      return s(
        e
          ? `sent the email ${value("subject", e.subject, timeZone)} to ${e.to} again`
          : r.entity === "AlertDelivery"
            ? "sent a failed alert again"
            : "sent a failed email again",
        [],
        "/outbox",
      );
    }
    default:
      // An action written after this file: still a sentence, never JSON of ids.
      return s(`made a change (${r.action.replace(/[._-]+/g, " ")})`, diffOf());
  }
}

/** Each row of a page of the audit log as a sentence with names, in the business's zone. */
export async function auditStories(
  db: Db,
  rows: AuditRow[],
  timeZone: string,
): Promise<AuditStory[]> {
  const names = await loadNames(db, rows);
  return rows.map((r) => story(r, names, timeZone));
}
