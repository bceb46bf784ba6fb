// Chefs, their weekly hours, time off and service zones. Every write is audited and invalidates
// the "chefs" cache scope, so the customer site's availability reflects it at once.
import type { Db } from "@myhibachi/db";
import { AppError } from "../errors";
import { normalizeOptionalPhone } from "../contact/phone";
import { loadCatalogFromDb } from "../catalog/catalog";
import { formatMinutes, isValidTimeZone, zonedParts, zonedTimeToUtc } from "@myhibachi/shared";
import { LIVE_STATUSES } from "../booking/shared";
import { adminWrite, badInput, diff, notFound, type AdminActor, type AdminDeps } from "./audit";

export interface ChefInput {
  name: string;
  email: string;
  phone?: string | null;
  bio?: string | null;
  color?: string;
}

export interface WorkingHoursInput {
  weekday: number;
  startMinute: number;
  endMinute: number;
}

const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

const DUPLICATE_EMAIL = "Another chef already uses this email address. Use a different one.";

function cleanChef(input: Partial<ChefInput>): Partial<ChefInput> {
  const out: Partial<ChefInput> = {};
  if (input.name !== undefined) {
    out.name = input.name.trim();
    if (out.name.length < 2) throw badInput("Enter the chef's name.", "name");
  }
  if (input.email !== undefined) {
    out.email = input.email.trim().toLowerCase();
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(out.email))
      throw badInput("Enter a valid email address for the chef.", "email");
  }
  if (input.phone !== undefined) out.phone = normalizeOptionalPhone(input.phone);
  if (input.bio !== undefined) out.bio = input.bio?.trim() || null;
  if (input.color !== undefined) {
    if (!/^#[0-9a-fA-F]{6}$/.test(input.color))
      throw badInput("Pick a calendar colour like #f97316.", "color");
    out.color = input.color.toLowerCase();
  }
  return out;
}

export async function listChefs(db: Db) {
  return db.chef.findMany({
    orderBy: [{ active: "desc" }, { name: "asc" }],
    include: {
      workingHours: { orderBy: [{ weekday: "asc" }, { startMinute: "asc" }] },
      serviceZones: { include: { zone: { select: { id: true, name: true } } } },
    },
  });
}

export async function getChef(db: Db, chefId: string, now = new Date()) {
  const chef = await db.chef.findUnique({
    where: { id: chefId },
    include: {
      workingHours: { orderBy: [{ weekday: "asc" }, { startMinute: "asc" }] },
      timeOff: {
        where: { endsAt: { gte: new Date(now.getTime() - 30 * 86400_000) } },
        orderBy: { startsAt: "asc" },
      },
      serviceZones: true,
    },
  });
  if (!chef) throw notFound("chef");
  const settings = await db.businessSettings.findUnique({
    where: { id: 1 },
    select: { timeZone: true },
  });
  return { ...chef, timeZone: settings?.timeZone ?? "UTC" };
}

export async function createChef(
  db: Db,
  input: { actor: AdminActor; chef: ChefInput },
  deps: AdminDeps,
) {
  const data = cleanChef(input.chef) as ChefInput;
  return adminWrite(
    db,
    deps,
    { actor: input.actor, scopes: ["chefs"], duplicate: DUPLICATE_EMAIL },
    async (tx, audit) => {
      const chef = await tx.chef.create({ data });
      audit({ action: "chef.create", entity: "chef", entityId: chef.id, after: data });
      return chef;
    },
  );
}

export async function updateChef(
  db: Db,
  input: { actor: AdminActor; chefId: string; chef: Partial<ChefInput> },
  deps: AdminDeps,
) {
  const patch = cleanChef(input.chef);
  return adminWrite(
    db,
    deps,
    { actor: input.actor, scopes: ["chefs", "calendar"], duplicate: DUPLICATE_EMAIL },
    async (tx, audit) => {
      const before = await tx.chef.findUnique({ where: { id: input.chefId } });
      if (!before) throw notFound("chef");
      const d = diff(before, patch);
      if (!Object.keys(d.after).length) return before;
      const chef = await tx.chef.update({ where: { id: input.chefId }, data: patch });
      audit({ action: "chef.update", entity: "chef", entityId: chef.id, ...d });
      return chef;
    },
  );
}

/** Deactivating a chef who still has upcoming events is refused: reassign those first. */
export async function setChefActive(
  db: Db,
  input: { actor: AdminActor; chefId: string; active: boolean },
  deps: AdminDeps,
) {
  const now = deps.now?.() ?? new Date();
  return adminWrite(db, deps, { actor: input.actor, scopes: ["chefs"] }, async (tx, audit) => {
    const before = await tx.chef.findUnique({ where: { id: input.chefId } });
    if (!before) throw notFound("chef");
    if (before.active === input.active) return before;
    if (!input.active) {
      const upcoming = await tx.bookingChef.findMany({
        where: {
          chefId: input.chefId,
          live: true,
          booking: { startsAt: { gte: now }, status: { in: ["HELD", "PENDING", "CONFIRMED"] } },
        },
        include: { booking: { select: { code: true } } },
        orderBy: { blockStart: "asc" },
        take: 6,
      });
      if (upcoming.length)
        throw new AppError(
          "PRECONDITION_FAILED",
          `${before.name} still has upcoming events (${upcoming.map((u) => u.booking.code).join(", ")}). Reassign them to another chef first, then deactivate.`,
          { bookings: upcoming.map((u) => u.booking.code) },
        );
    }
    const chef = await tx.chef.update({
      where: { id: input.chefId },
      data: { active: input.active },
    });
    audit({
      action: input.active ? "chef.activate" : "chef.deactivate",
      entity: "chef",
      entityId: chef.id,
      before: { active: before.active },
      after: { active: chef.active },
    });
    return chef;
  });
}

/** Replaces a chef's weekly hours (business time zone). */
export async function setWorkingHours(
  db: Db,
  input: { actor: AdminActor; chefId: string; hours: WorkingHoursInput[] },
  deps: AdminDeps,
) {
  const hours = [...input.hours].sort(
    (a, b) => a.weekday - b.weekday || a.startMinute - b.startMinute,
  );
  for (const [i, h] of hours.entries()) {
    if (!Number.isInteger(h.weekday) || h.weekday < 0 || h.weekday > 6)
      throw badInput("Pick a day of the week.", "hours");
    const day = WEEKDAYS[h.weekday]!;
    if (
      !Number.isInteger(h.startMinute) ||
      !Number.isInteger(h.endMinute) ||
      h.startMinute < 0 ||
      h.endMinute > 24 * 60
    )
      throw badInput(`${day}: enter times between 12:00 am and midnight.`, "hours");
    if (h.endMinute <= h.startMinute)
      throw badInput(
        `${day}: the shift must end after it starts (${formatMinutes(h.startMinute)} – ${formatMinutes(h.endMinute)}).`,
        "hours",
      );
    const prev = hours[i - 1];
    if (prev && prev.weekday === h.weekday && prev.endMinute > h.startMinute)
      throw badInput(`${day}: two shifts overlap. Merge them into one.`, "hours");
  }
  return adminWrite(db, deps, { actor: input.actor, scopes: ["chefs"] }, async (tx, audit) => {
    const chef = await tx.chef.findUnique({
      where: { id: input.chefId },
      include: { workingHours: { orderBy: [{ weekday: "asc" }, { startMinute: "asc" }] } },
    });
    if (!chef) throw notFound("chef");
    const before = chef.workingHours.map(({ weekday, startMinute, endMinute }) => ({
      weekday,
      startMinute,
      endMinute,
    }));
    await tx.chefWorkingHours.deleteMany({ where: { chefId: chef.id } });
    await tx.chefWorkingHours.createMany({ data: hours.map((h) => ({ ...h, chefId: chef.id })) });
    if (JSON.stringify(before) !== JSON.stringify(hours))
      audit({ action: "chef.hours", entity: "chef", entityId: chef.id, before, after: hours });
    return hours;
  });
}

/** "2026-05-01T09:30" in the business time zone. */
export function parseLocalDateTime(s: string, timeZone: string, field: string): Date {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})$/.exec(s);
  if (!m || !isValidTimeZone(timeZone))
    throw badInput("Enter a date and time like 2026-05-01 09:30.", field);
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  if (minutes >= 24 * 60) throw badInput("Enter a time before midnight.", field);
  const d = zonedTimeToUtc(m[1]!, minutes, timeZone);
  if (Number.isNaN(d.getTime()) || zonedParts(d, timeZone).date !== m[1])
    throw badInput("That date doesn't exist.", field);
  return d;
}

/**
 * Adds time off. The chef's affected times disappear from availability at once. Events the chef
 * already has in that period are returned as `clashes` so staff can reassign them.
 */
export async function addTimeOff(
  db: Db,
  input: { actor: AdminActor; chefId: string; from: string; to: string; reason?: string | null },
  deps: AdminDeps,
) {
  const { settings } = await loadCatalogFromDb(db);
  const startsAt = parseLocalDateTime(input.from, settings.timeZone, "from");
  const endsAt = parseLocalDateTime(input.to, settings.timeZone, "to");
  if (endsAt.getTime() <= startsAt.getTime())
    throw badInput("Time off must end after it starts.", "to");
  if (endsAt.getTime() - startsAt.getTime() > 366 * 86400_000)
    throw badInput("Time off can be at most a year at a time.", "to");
  const reason = input.reason?.trim() || null;
  return adminWrite(db, deps, { actor: input.actor, scopes: ["chefs"] }, async (tx, audit) => {
    const chef = await tx.chef.findUnique({ where: { id: input.chefId } });
    if (!chef) throw notFound("chef");
    const timeOff = await tx.chefTimeOff.create({
      data: { chefId: chef.id, startsAt, endsAt, reason },
    });
    audit({
      action: "chef.timeoff.add",
      entity: "chef",
      entityId: chef.id,
      after: { id: timeOff.id, startsAt, endsAt, reason },
    });
    const clashes = await tx.bookingChef.findMany({
      where: {
        chefId: chef.id,
        live: true,
        blockStart: { lt: endsAt },
        blockEnd: { gt: startsAt },
        booking: { status: { in: LIVE_STATUSES.filter((s) => s !== "COMPLETED") } },
      },
      include: { booking: { select: { id: true, code: true, startsAt: true } } },
    });
    return { timeOff, clashes: clashes.map((c) => c.booking) };
  });
}

export async function removeTimeOff(
  db: Db,
  input: { actor: AdminActor; timeOffId: string },
  deps: AdminDeps,
) {
  return adminWrite(db, deps, { actor: input.actor, scopes: ["chefs"] }, async (tx, audit) => {
    const t = await tx.chefTimeOff.findUnique({ where: { id: input.timeOffId } });
    if (!t) throw notFound("time off");
    await tx.chefTimeOff.delete({ where: { id: t.id } });
    audit({ action: "chef.timeoff.remove", entity: "chef", entityId: t.chefId, before: t });
    return { id: t.id };
  });
}

export async function setChefZones(
  db: Db,
  input: { actor: AdminActor; chefId: string; zoneIds: string[] },
  deps: AdminDeps,
) {
  const zoneIds = [...new Set(input.zoneIds)];
  return adminWrite(db, deps, { actor: input.actor, scopes: ["chefs"] }, async (tx, audit) => {
    const chef = await tx.chef.findUnique({
      where: { id: input.chefId },
      include: { serviceZones: true },
    });
    if (!chef) throw notFound("chef");
    const found = await tx.travelZone.count({ where: { id: { in: zoneIds } } });
    if (found !== zoneIds.length)
      throw badInput("One of those travel zones no longer exists. Reload the page.", "zoneIds");
    const before = chef.serviceZones.map((z) => z.zoneId).sort();
    await tx.chefServiceZone.deleteMany({ where: { chefId: chef.id } });
    await tx.chefServiceZone.createMany({
      data: zoneIds.map((zoneId) => ({ chefId: chef.id, zoneId })),
    });
    const after = [...zoneIds].sort();
    if (JSON.stringify(before) !== JSON.stringify(after))
      audit({ action: "chef.zones", entity: "chef", entityId: chef.id, before, after });
    return after;
  });
}

/** Groups rows by their chef, for assembling per-chef lists from one query each. */
function byChef<T extends { chefId: string }>(rows: T[]): Map<string, Omit<T, "chefId">[]> {
  const out = new Map<string, Omit<T, "chefId">[]>();
  for (const { chefId, ...rest } of rows) {
    const list = out.get(chefId);
    if (list) list.push(rest);
    else out.set(chefId, [rest]);
  }
  return out;
}

/**
 * Every active chef with weekly hours, and the time off and live booking blocks (travel and
 * cleanup included) overlapping [start, end): four reads, whatever the number of chefs.
 */
export async function chefSchedules(db: Db, window: { start: Date; end: Date }) {
  const overlapping = { lt: window.end };
  const [chefs, hours, timeOff, blocks] = await Promise.all([
    db.chef.findMany({
      where: { active: true },
      orderBy: { name: "asc" },
      select: { id: true, name: true, color: true },
    }),
    db.chefWorkingHours.findMany({
      where: { chef: { active: true } },
      orderBy: [{ weekday: "asc" }, { startMinute: "asc" }],
      select: { chefId: true, weekday: true, startMinute: true, endMinute: true },
    }),
    db.chefTimeOff.findMany({
      where: { chef: { active: true }, startsAt: overlapping, endsAt: { gt: window.start } },
      orderBy: { startsAt: "asc" },
      select: { chefId: true, id: true, startsAt: true, endsAt: true, reason: true },
    }),
    db.bookingChef.findMany({
      where: {
        chef: { active: true },
        live: true,
        blockStart: overlapping,
        blockEnd: { gt: window.start },
      },
      orderBy: { blockStart: "asc" },
      select: {
        chefId: true,
        blockStart: true,
        blockEnd: true,
        booking: {
          select: { id: true, code: true, status: true, startsAt: true, endsAt: true },
        },
      },
    }),
  ]);
  const hoursOf = byChef(hours);
  const timeOffOf = byChef(timeOff);
  const blocksOf = byChef(
    blocks.map(({ chefId, blockStart, blockEnd, booking }) => ({
      chefId,
      blockStart,
      blockEnd,
      bookingId: booking.id,
      code: booking.code,
      status: booking.status,
      startsAt: booking.startsAt,
      endsAt: booking.endsAt,
    })),
  );
  return chefs.map((c) => ({
    ...c,
    weeklyHours: hoursOf.get(c.id) ?? [],
    timeOff: timeOffOf.get(c.id) ?? [],
    blocks: blocksOf.get(c.id) ?? [],
  }));
}
