// The e2e database, read directly by specs that check what a page wrote (the truth beside the page).
import pg from "pg";

export function e2eDatabaseUrl(): string {
  const u = new URL(
    process.env.TEST_ADMIN_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres",
  );
  u.pathname = "/myhibachi_e2e";
  return u.toString();
}

export async function query<T extends pg.QueryResultRow>(
  sql: string,
  params: unknown[],
): Promise<T[]> {
  const c = new pg.Client({ connectionString: e2eDatabaseUrl() });
  await c.connect();
  try {
    return (await c.query<T>(sql, params)).rows;
  } finally {
    await c.end();
  }
}

/** Cents as the pages write them: "$1,234.50". */
export const money = (cents: number) =>
  `$${Math.floor(cents / 100).toLocaleString("en-US")}.${String(cents % 100).padStart(2, "0")}`;
