// Books a party through the customer REST API with the generated client: reads the menu, finds
// a free time, prices the party and books it (idempotently), then reads the booking back.
//   tsx examples/book-via-client.ts [base URL]        (or MYHIBACHI_URL; default localhost:3000)
//   e.g. pnpm --filter @myhibachi/client exec tsx examples/book-via-client.ts http://localhost:3000
import { randomUUID } from "node:crypto";
import {
  createBooking,
  createClient,
  findAvailability,
  getBooking,
  getMenu,
  quoteEvent,
} from "../src/index";

const site = (process.argv[2] ?? process.env.MYHIBACHI_URL ?? "http://localhost:3000").replace(
  /\/$/,
  "",
);
const client = createClient({ baseUrl: `${site}/api/v1` });
const money = (cents: number) => `$${(cents / 100).toFixed(2)}`;
const isoDate = (daysAhead: number) =>
  new Date(Date.now() + daysAhead * 86400_000).toISOString().slice(0, 10);

async function main() {
  // 1. The menu: the first package and the proteins it includes at no surcharge.
  const menu = (await getMenu({ client, throwOnError: true })).data;
  const pkg = menu.packages[0];
  if (!pkg) throw new Error("The menu has no packages.");
  const proteins = menu.items.filter((i) => i.kind === "PROTEIN" && i.priceCents === 0);
  if (!proteins.length) throw new Error("The menu has no included proteins.");
  console.log(`${menu.business.name}: ${pkg.name} at ${money(pkg.adultPriceCents)} per adult`);

  // 2. Ten guests need guests × proteinsPerGuest portions, spread over the included proteins.
  const adults = Math.max(10, menu.business.minGuests);
  const portions = adults * pkg.proteinsPerGuest;
  const selection = {
    packageSlug: pkg.slug,
    adults,
    children: 0,
    proteins: Object.fromEntries(
      proteins.map((p, i) => [
        p.slug,
        Math.floor(portions / proteins.length) + (i < portions % proteins.length ? 1 : 0),
      ]),
    ),
    extras: {},
  };
  const postalCode = process.env.MYHIBACHI_ZIP ?? "95125";

  // 3. A free time in the coming weeks (after the minimum notice).
  const firstDay = Math.ceil(menu.business.minNoticeHours / 24) + 7;
  const availability = (
    await findAvailability({
      client,
      throwOnError: true,
      query: { from: isoDate(firstDay), to: isoDate(firstDay + 14), guests: adults, postalCode },
    })
  ).data;
  const slot = availability.slots[0];
  if (!slot) throw new Error("No free times in those two weeks.");
  console.log(`First free time: ${slot.date} ${slot.label} (${availability.timeZone})`);

  // 4. The price.
  const quote = (await quoteEvent({ client, throwOnError: true, body: { selection, postalCode } }))
    .data;
  for (const l of quote.lines) console.log(`  ${l.label.padEnd(36)} ${money(l.totalCents)}`);
  console.log(`  Total ${money(quote.totalCents)}, deposit ${money(quote.depositCents)}`);

  // 5. Book. The idempotency key makes a retry (a timeout, a lost answer) safe.
  const idempotencyKey = randomUUID();
  const booking = (
    await createBooking({
      client,
      throwOnError: true,
      body: {
        idempotencyKey,
        date: slot.date,
        startMinute: slot.startMinute,
        selection,
        address: { line1: "123 Maple Ave", city: "San Jose", state: "CA", postalCode },
        contact: {
          name: "Example Client",
          email: "example-client@example.com",
          phone: "(408) 555-0100",
        },
      },
    })
  ).data;
  console.log(`Booked ${booking.code} (${booking.status}); held until ${booking.holdExpiresAt}`);

  // 6. Read it back with its manage token.
  const view = (
    await getBooking({
      client,
      throwOnError: true,
      path: { id: booking.id },
      query: { token: booking.token },
    })
  ).data;
  console.log(
    `${view.booking.code}: ${view.booking.status}, ${money(view.booking.totalCents)}; confirm it from the emailed link.`,
  );
}

main().catch((err: unknown) => {
  // With throwOnError the client throws the API's error body: { code, message, fields? }.
  const e = err as { code?: string; message?: string };
  console.error(`Failed: ${e.code ?? ""} ${e.message ?? String(err)}`);
  process.exit(1);
});
