// The booking wizard's "Have a code?" (issue 14 leftovers) through the real tRPC HTTP handler, as
// the review step calls it: the quote with a code carries the explained OFFER line; an unknown,
// used or expired code is refused with a 400 whose words the wizard shows beside the field
// (`details.field` = "offerCode"), and the same party books without it; a booking with the code
// takes it (once: a second booking with it hears it was used).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { customerRouter, handleTrpc } from "@myhibachi/api";
import { classicSelection, FIXTURE_ADDRESS } from "@myhibachi/seed/fixtures";
import { customerServerDeps, setupEnv, type Env } from "./helpers";
import { withoutBookingLimits } from "./after-booking-support";

let env: Env;
let deps: ReturnType<typeof customerServerDeps>;
beforeAll(async () => {
  env = await setupEnv({ chefs: 3 });
  await withoutBookingLimits(env);
  deps = customerServerDeps(env);
});
afterAll(async () => {
  await deps?.close();
  await env?.close();
});

const future = (days: number) => new Date(Date.now() + days * 86400_000).toISOString().slice(0, 10);
let n = 0;
const uniq = () => `${Date.now().toString(36)}${(++n).toString(36)}`;

interface Answer {
  status: number;
  data: Record<string, unknown> | null;
  message: string;
  field: string | null;
}

async function send(req: Request): Promise<Answer> {
  const res = await handleTrpc(req, customerRouter, deps);
  const json = (await res.json()) as {
    result?: { data: { json: Record<string, unknown> } };
    error?: { json: { message: string; data?: { details?: { field?: string } | null } } };
  };
  return {
    status: res.status,
    data: json.result?.data.json ?? null,
    message: json.error?.json.message ?? "",
    field: json.error?.json.data?.details?.field ?? null,
  };
}

const quote = (input: unknown) =>
  send(
    new Request(
      `http://127.0.0.1:3999/api/trpc/booking.quote?input=${encodeURIComponent(JSON.stringify({ json: input }))}`,
      { headers: { "x-forwarded-for": "198.51.100.90" } },
    ),
  );
const create = (input: unknown) =>
  send(
    new Request("http://127.0.0.1:3999/api/trpc/booking.create", {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": "198.51.100.91" },
      body: JSON.stringify({ json: input }),
    }),
  );

const party = { selection: classicSelection(10), postalCode: FIXTURE_ADDRESS.postalCode };
const booking = (days: number, offerCode?: string) => ({
  idempotencyKey: `k-${uniq()}`,
  date: future(days),
  startMinute: 17 * 60,
  selection: classicSelection(10),
  address: FIXTURE_ADDRESS,
  contact: { name: "Pat Doe", email: `pat-${uniq()}@example.com`, phone: "(408) 555-0100" },
  ...(offerCode ? { offerCode } : {}),
});

async function code(c: string, o: { percentOff?: number; expiresInDays?: number } = {}) {
  return env.t.db.offerCode.create({
    data: {
      code: c,
      percentOff: o.percentOff ?? 10,
      expiresAt: new Date(Date.now() + (o.expiresInDays ?? 7) * 86400_000),
    },
  });
}

type Line = { code: string; label: string; detail: string; totalCents: number };

describe("the wizard's offer-code field", () => {
  it("a valid code (typed in lower case, with spaces) adds 'Code ...: 10 % off food' to the quote", async () => {
    await code("SAVE-WIZ2TEST");
    const plain = await quote(party);
    const withCode = await quote({ ...party, offerCode: "  save-wiz2test " });
    expect(withCode.status).toBe(200);
    const lines = withCode.data!.lines as Line[];
    const offer = lines.find((l) => l.code === "OFFER")!;
    const base = plain.data!.subtotalCents as number;
    expect(offer.label).toBe("Code SAVE-WIZ2TEST: 10 % off food");
    expect(offer.totalCents).toBe(-Math.floor((base * 1000 + 5000) / 10000));
    expect(withCode.data!.subtotalCents).toBe(base + offer.totalCents);
    expect(withCode.data!.totalCents).toBe(lines.reduce((s, l) => s + l.totalCents, 0));

    // Booked with it: the booking has the line and the code is taken.
    const made = await create(booking(30, "SAVE-WIZ2TEST"));
    expect(made.status).toBe(200);
    const b = await env.t.db.booking.findUniqueOrThrow({
      where: { id: made.data!.id as string },
      include: { lines: true },
    });
    expect(b.lines.find((l) => l.code === "OFFER")?.label).toBe(
      "Code SAVE-WIZ2TEST: 10 % off food",
    );
    expect(b.totalCents).toBe(withCode.data!.totalCents);
    const row = await env.t.db.offerCode.findUniqueOrThrow({ where: { code: "SAVE-WIZ2TEST" } });
    expect(row.redeemedBookingId).toBe(b.id);

    // Now it is used: the quote says so beside the field, and the party books without it.
    const used = await quote({ ...party, offerCode: "SAVE-WIZ2TEST" });
    expect(used).toMatchObject({
      status: 400,
      field: "offerCode",
      message: "The code SAVE-WIZ2TEST was already used: each code works for one booking.",
    });
    const again = await create(booking(31, "SAVE-WIZ2TEST"));
    expect(again).toMatchObject({ status: 400, field: "offerCode" });
    const without = await create(booking(31));
    expect(without.status).toBe(200);
  });

  it("an unknown or expired code: a 400 in words beside the field", async () => {
    const unknown = await quote({ ...party, offerCode: "SAVE-NOPE9999" });
    expect(unknown).toMatchObject({
      status: 400,
      field: "offerCode",
      message:
        'We don\'t know the code "SAVE-NOPE9999". Check it against the email it came in, or book without it.',
    });
    await code("SAVE-OLD22222", { expiresInDays: -1 });
    const expired = await quote({ ...party, offerCode: "SAVE-OLD22222" });
    expect(expired.status).toBe(400);
    expect(expired.field).toBe("offerCode");
    expect(expired.message).toMatch(/^The code SAVE-OLD22222 expired on /);
    // Not a code at all: refused by the input's own check, still about the field.
    const junk = await quote({ ...party, offerCode: "save 10%!" });
    expect(junk.status).toBe(400);
    expect(junk.message).toMatch(/only letters, digits and dashes/);
  });
});
