// A booking's history for staff, as sentences with names: "Sam Staff (staff) moved it from
// Sat, Dec 12, 5:00 PM to Sun, Dec 13, 6:00 PM." Events store who did it as "staff:<user id>",
// "user:<user id>", "customer:<customer id>", "system", "chat" or "stripe", and chefs by id; this
// reads the names in one query per table.
import type { Db } from "@myhibachi/db";
import { formatCents, formatInstant } from "@myhibachi/shared";
import { changeLineText } from "../booking/change-booking";
import { paymentMethodWords, type MoneyPayment } from "../payments/money";

interface EventRow {
  id: string;
  type: string;
  actor: string;
  createdAt: Date;
  data: unknown;
}

export interface HistoryEntry {
  id: string;
  at: Date;
  /** Who did it, as people read it ("Sam Staff (staff)", "The customer", "Stripe"). */
  who: string;
  /** The whole sentence, times in the business's time zone. */
  sentence: string;
}

type Data = Record<string, unknown>;
const asData = (d: unknown): Data => (d && typeof d === "object" ? (d as Data) : {});
const str = (v: unknown): string | null => (typeof v === "string" && v ? v : null);
const num = (v: unknown): number | null => (typeof v === "number" ? v : null);
const ids = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];

const isMethod = (v: unknown): v is MoneyPayment["method"] =>
  v === "CASH" || v === "CARD_IN_PERSON" || v === "STRIPE";

function names(list: string[]): string {
  if (list.length <= 1) return list[0] ?? "no chef";
  return `${list.slice(0, -1).join(", ")} and ${list.at(-1)}`;
}

/**
 * The history of a booking, oldest first, in the business's time zone. `startsAt` (the event's
 * start) tells, for a payment recorded before its row kept how it was paid, whether it was paid
 * at the event.
 */
export async function bookingHistory(
  db: Db,
  events: readonly EventRow[],
  timeZone: string,
  startsAt?: Date | null,
): Promise<HistoryEntry[]> {
  const userIds = new Set<string>();
  const customerIds = new Set<string>();
  const chefIds = new Set<string>();
  for (const e of events) {
    const [kind, id] = e.actor.split(":", 2);
    if (id && (kind === "staff" || kind === "user")) userIds.add(id);
    if (id && kind === "customer") customerIds.add(id);
    const d = asData(e.data);
    for (const c of [...ids(d.chefIds), ...ids(d.from), ...ids(d.to)]) chefIds.add(c);
  }
  const [users, customers, chefs] = await Promise.all([
    userIds.size
      ? db.user.findMany({
          where: { id: { in: [...userIds] } },
          select: { id: true, name: true, role: true },
        })
      : [],
    customerIds.size
      ? db.customer.findMany({
          where: { id: { in: [...customerIds] } },
          select: { id: true, name: true },
        })
      : [],
    chefIds.size
      ? db.chef.findMany({ where: { id: { in: [...chefIds] } }, select: { id: true, name: true } })
      : [],
  ]);
  const userById = new Map(users.map((u) => [u.id, u]));
  const customerById = new Map(customers.map((c) => [c.id, c.name]));
  const chefById = new Map(chefs.map((c) => [c.id, c.name]));
  const chefNames = (v: unknown) =>
    names(ids(v).map((id) => chefById.get(id) ?? "a chef who was removed"));
  const when = (v: unknown) => {
    const s = str(v);
    return s ? formatInstant(s, timeZone, "shortDayTime") : "another time";
  };

  const who = (actor: string): string => {
    const [kind, id] = actor.split(":", 2);
    switch (kind) {
      case "staff": {
        const u = id ? userById.get(id) : undefined;
        if (!u) return "A staff member";
        return `${u.name} (${u.role === "OWNER" ? "owner" : "staff"})`;
      }
      case "user": {
        const u = id ? userById.get(id) : undefined;
        return u ? `${u.name} (${u.role.toLowerCase()})` : "The customer";
      }
      case "customer": {
        const name = id ? customerById.get(id) : undefined;
        return name ? `${name} (customer)` : "The customer";
      }
      case "customer-link":
        return "The customer (from their emailed link)";
      case "chat":
        return "The assistant";
      case "stripe":
        return "Stripe";
      case "system":
        return "The system";
      default:
        return actor;
    }
  };

  const sentence = (e: EventRow, by: string): string => {
    const d = asData(e.data);
    const amount = num(d.amountCents);
    const money = amount !== null ? formatCents(amount) : null;
    switch (e.type) {
      case "created": {
        const chefs = ids(d.chefIds).length ? ` with ${chefNames(d.chefIds)}` : "";
        const held = d.status === "HELD" ? ", held until it is confirmed" : "";
        return `${by} booked it${chefs}${held}.`;
      }
      case "customer-confirmed":
        return `${by} confirmed the booking.`;
      case "confirmed":
        return `${by} confirmed the booking; the customer was emailed.`;
      case "completed":
        return `${by} marked the event completed.`;
      case "cancelled": {
        const reason = str(d.reason);
        const refund = num(d.refundCents);
        return `${by} cancelled it${reason ? `: "${reason}"` : ""}.${refund ? ` ${formatCents(refund)} to be refunded.` : ""}`;
      }
      case "rescheduled":
        return `${by} moved it from ${when(d.from)} to ${when(d.to)}${ids(d.chefIds).length ? ` (${chefNames(d.chefIds)})` : ""}.`;
      case "reassigned":
        return `${by} changed the chef from ${chefNames(d.from)} to ${chefNames(d.to)}.`;
      case "hold-moved":
        return `${by} moved the hold from ${when(d.from)} to ${when(d.to)}.`;
      case "hold-finished":
        return `${by} finished the held booking with their details.`;
      case "expired":
        return "The hold expired: it wasn't confirmed in time, so the time was released.";
      case "payment.recorded": {
        const tip = num(d.tipCents);
        // As recorded ("in cash at the event", "in cash"); rows from before, by the same rule
        // (`paidAtTheEvent`): on the event's day at the event, on another day only how.
        const method = isMethod(d.method) ? d.method : null;
        const how =
          str(d.how) ??
          (method ? paymentMethodWords(method, e.createdAt, { startsAt, timeZone }) : "in person");
        return `${by} recorded ${money ?? "a payment"} paid ${how}${tip ? `, with a ${formatCents(tip)} tip` : ""}.`;
      }
      case "refund-issued":
        return `${by} refunded ${money ?? "a payment"}${str(d.note) ? `: "${str(d.note)}"` : ""}.`;
      case "deposit-paid":
        return `The customer paid the deposit online${money ? ` (${money})` : ""}.`;
      case "deposit-paid-late-reheld":
        return `The customer paid the deposit online${money ? ` (${money})` : ""} after the hold had expired; the time was still free, so it is theirs again.`;
      case "deposit-late-refunded":
        return `The deposit arrived after the time was taken by someone else, so it is refunded in full.`;
      case "balance-paid": {
        const tip = num(d.tipCents);
        return `The customer paid the balance online${money ? ` (${money}${tip ? ` including a ${formatCents(tip)} tip` : ""})` : ""}.`;
      }
      case "party-changed": {
        const changes = Array.isArray(d.changes)
          ? (d.changes as unknown[])
              .map((c) => asData(c))
              .map((c) =>
                changeLineText({
                  what: str(c.what) ?? "?",
                  from: str(c.from) ?? "?",
                  to: str(c.to) ?? "?",
                }),
              )
          : [];
        // Staff wording ("The customer has paid…"); rows written before it only kept the customer's.
        const money = str(d.staffMoney) ?? str(d.money);
        return `${by} changed the party${changes.length ? ` (${changes.join("; ")})` : ""}.${money ? ` ${money}` : ""}`;
      }
      case "payment-duplicate-refunded":
        return "A second deposit payment arrived and is refunded in full.";
      case "payment-overpaid-refunded":
        return "The customer paid more than the booking costs; the difference is refunded.";
      default:
        return `${by}: ${e.type.replace(/[-_.]+/g, " ")}.`;
    }
  };

  return events.map((e) => {
    const by = who(e.actor);
    return { id: e.id, at: e.createdAt, who: by, sentence: sentence(e, by) };
  });
}
