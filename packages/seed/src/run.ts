import { createDb } from "@myhibachi/db";
import { seedDemo } from "./index";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error(
    "DATABASE_URL is not set. Example: DATABASE_URL=postgresql://postgres@127.0.0.1:5432/myhibachi pnpm db:seed",
  );
  process.exit(2);
}
const db = createDb({ url });
try {
  const t0 = Date.now();
  const res = await seedDemo(db, { log: (s) => console.log(`[seed] ${s}`) });
  console.log(
    res.seeded
      ? `[seed] demo business created in ${Date.now() - t0} ms`
      : `[seed] database already has data (${res.customers} customers, ${res.bookings} bookings): left as is`,
  );
  console.log("[seed] demo logins:");
  for (const [role, u] of Object.entries(res.logins))
    console.log(`[seed]   ${role.padEnd(8)} ${u.email} / ${u.password}`);
} finally {
  await db.$disconnect();
}
