// The owner's alert inbox: the bell's unread list, the history page, marking alerts read.
import type { Db } from "@myhibachi/db";
import { AppError } from "../errors";

export interface AlertListItem {
  id: string;
  rule: string;
  periodKey: string;
  level: "WARNING" | "CRITICAL";
  title: string;
  message: string;
  firedAt: Date;
  readAt: Date | null;
  /** Where the alert leads: a booking's page for a booking notice, else null (the Alerts page). */
  href: string | null;
  deliveries: {
    channel: string;
    status: "PENDING" | "SENDING" | "SENT" | "FAILED";
    attempts: number;
    lastError: string | null;
  }[];
}

/** A booking notice ("booking" rule, key "<booking id>:<event id>") leads to its booking. */
function withHref<T extends { rule: string; periodKey: string }>(
  a: T,
): T & { href: string | null } {
  return {
    ...a,
    href:
      a.rule === "booking" ? `/bookings/${encodeURIComponent(a.periodKey.split(":")[0]!)}` : null,
  };
}

const select = {
  id: true,
  rule: true,
  periodKey: true,
  level: true,
  title: true,
  message: true,
  firedAt: true,
  readAt: true,
  deliveries: {
    select: { channel: true, status: true, attempts: true, lastError: true },
    orderBy: { channel: "asc" as const },
  },
};

export async function unreadCostAlerts(
  db: Db,
  { limit = 5 }: { limit?: number } = {},
): Promise<{ count: number; items: AlertListItem[] }> {
  const [count, items] = await Promise.all([
    db.costAlert.count({ where: { readAt: null } }),
    db.costAlert.findMany({
      where: { readAt: null },
      orderBy: [{ firedAt: "desc" }, { id: "desc" }],
      take: limit,
      select,
    }),
  ]);
  return { count, items: items.map(withHref) };
}

/** Newest first, `limit` per page; `cursor` = the id of the last item of the previous page. */
export async function listCostAlerts(
  db: Db,
  { limit = 50, cursor }: { limit?: number; cursor?: string | undefined } = {},
): Promise<{ items: AlertListItem[]; nextCursor: string | null }> {
  const rows = await db.costAlert.findMany({
    orderBy: [{ firedAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    select,
  });
  return {
    items: rows.slice(0, limit).map(withHref),
    nextCursor: rows.length > limit ? rows[limit - 1]!.id : null,
  };
}

/** Marks the given alerts (or all unread ones) read. Returns how many changed. */
export async function markCostAlertsRead(
  db: Db,
  input: { ids: string[] } | { all: true },
  { now }: { now: Date },
): Promise<number> {
  if ("ids" in input && input.ids.length === 0)
    throw new AppError("BAD_REQUEST", "Choose at least one alert to mark as read.");
  const { count } = await db.costAlert.updateMany({
    where: { readAt: null, ...("ids" in input ? { id: { in: input.ids } } : {}) },
    data: { readAt: now },
  });
  return count;
}
