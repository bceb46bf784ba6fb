// Shared by the walkers (bad-input-walk, operations-walk): junk inputs, a sampler that builds a
// value of a zod schema's shape, and per-table row counts for "nothing was written".
import type { Db } from "@myhibachi/db";

const long = "x".repeat(20_000);
export const JUNK: unknown[] = [
  undefined,
  null,
  {},
  [],
  "x",
  -1,
  1e308,
  { id: -1, token: null, code: 5 },
  { id: long, token: long, name: long, email: long, message: long, content: long, reason: long },
  {
    id: "does-not-exist",
    token: "t".repeat(40),
    date: "2026-02-30",
    from: "tomorrow",
    to: "2020-01-01",
  },
  {
    from: "2026-12-01",
    to: "2026-01-01",
    guests: -5,
    postalCode: "abcde",
    adults: 1e12,
    children: -1,
  },
  { selection: "x", address: [], contact: 7, startMinute: 99999, idempotencyKey: "" },
  {
    priceCents: -100,
    adultPriceCents: "free",
    weekday: 9,
    startMinute: 2000,
    endMinute: -1,
    timeZone: "Mars/Base",
  },
  { id: "a\u0000b", token: "t\u0000".repeat(20), name: "Dana\u0000", search: "\u0000" },
  { id: "\ud83d", token: "\udc00".repeat(20), name: "Dana \ud83d", search: "\udfff" },
  { id: "\u202eb1\u200f", name: "\u202eDana\u200f שלום", search: "\u200f" },
  { from: "0001-01-01", to: "9999-12-31", date: "9999-12-31", guests: 10, postalCode: "95112" },
  {
    chefId: "nope",
    bookingId: "nope",
    conversationId: "nope",
    visitorId: long,
    clientMessageId: long,
  },
];

/** A value of the shape `schema` (zod 4) accepts, with `text` in every string. */
export function sample(schema: unknown, text: string, depth = 0): unknown {
  const def = (schema as { _zod: { def: Record<string, unknown> & { type: string } } })._zod.def;
  const inner = (key: string) => sample(def[key], text, depth + 1);
  if (depth > 12) return undefined;
  switch (def.type) {
    case "object":
      return Object.fromEntries(
        Object.entries(def.shape as Record<string, unknown>).map(([k, v]) => [
          k,
          sample(v, text, depth + 1),
        ]),
      );
    case "optional":
    case "nullable":
    case "default":
    case "prefault":
    case "catch":
    case "readonly":
    case "nonoptional":
      return inner("innerType");
    case "pipe":
      return inner("in");
    case "array":
      return [inner("element")];
    case "record":
      return { [text]: inner("valueType") };
    case "union":
      return sample((def.options as unknown[])[0], text, depth + 1);
    case "intersection":
      return { ...(inner("left") as object), ...(inner("right") as object) };
    case "string":
      return text;
    case "number":
    case "int":
      return 1;
    case "boolean":
      return true;
    case "literal":
      return (def.values as unknown[])[0];
    case "enum":
      return Object.values(def.entries as Record<string, unknown>)[0];
    case "date":
      return new Date();
    default:
      return text;
  }
}

/** Rows per table, for "nothing was written". */
export async function rowCounts(db: Db): Promise<Record<string, number>> {
  const tables = await db.$queryRawUnsafe<{ tablename: string }[]>(
    "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY 1",
  );
  const rows = await db.$queryRawUnsafe<{ t: string; n: bigint }[]>(
    tables
      .map((t) => `SELECT '${t.tablename}' AS t, count(*) AS n FROM "${t.tablename}"`)
      .join(" UNION ALL "),
  );
  return Object.fromEntries(rows.map((r) => [r.t, Number(r.n)]));
}
