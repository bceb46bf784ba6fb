// Attack R7-1 (food safety): a hold finished in two tabs. The second tab's finish answered 200 with
// the first tab's booking and silently dropped its package, party and "severe shellfish allergy".
// Now: the same details again are the same finish (a double click, a retry after a lost answer:
// the same booking, nothing written, no second email); different details after the hold was
// finished are refused (409) saying what was saved, with the booking's link, and nothing changes;
// two different finishes at the same moment end with exactly one saved and the other refused.
// Through the real tRPC HTTP handler and the core use case (real Postgres and Redis).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { customerRouter, handleTrpc } from "@myhibachi/api";
import { AppError, createHold, finishHeldBooking } from "@myhibachi/core";
import { classicSelection, FIXTURE_ADDRESS } from "@myhibachi/seed/fixtures";
import { customerServerDeps, setupEnv, type Env } from "./helpers";

let env: Env;
let deps: ReturnType<typeof customerServerDeps>;
beforeAll(async () => {
  env = await setupEnv({ chefs: 3 });
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
  message: string;
  code: string | null;
  details: Record<string, unknown> | null;
  data: { id?: string; token?: string; totalCents?: number } | null;
}

async function call(path: string, input: unknown, ip: string): Promise<Answer> {
  const req = new Request(`http://127.0.0.1:3999/api/trpc/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": ip },
    body: JSON.stringify({ json: input }),
  });
  const res = await handleTrpc(req, customerRouter, deps);
  const json = (await res.json()) as {
    result?: { data: { json: Answer["data"] } };
    error?: {
      json: {
        message: string;
        data?: { code?: string; details?: Record<string, unknown> | null };
      };
    };
  };
  return {
    status: res.status,
    message: json.error?.json.message ?? "",
    code: json.error?.json.data?.code ?? null,
    details: json.error?.json.data?.details ?? null,
    data: json.result?.data.json ?? null,
  };
}

async function newHold(days: number) {
  return createHold(
    env.t.db,
    {
      idempotencyKey: `hold-${uniq()}`,
      date: future(days),
      startMinute: 12 * 60,
      guests: 10,
      postalCode: FIXTURE_ADDRESS.postalCode,
    },
    { cache: env.cache },
  );
}

const contact = { name: "Pat Doe", email: "pat-r71@example.com", phone: "(408) 555-0100" };
const finishOf = (hold: { id: string; accessToken: string }, extra: object = {}) => ({
  id: hold.id,
  token: hold.accessToken,
  selection: classicSelection(10),
  address: FIXTURE_ADDRESS,
  contact,
  ...extra,
});

/** What the chef and the customer would see of the booking. */
const saved = async (id: string) => {
  const b = await env.t.db.booking.findUniqueOrThrow({
    where: { id },
    include: { lines: true, events: true },
  });
  return {
    status: b.status,
    adults: b.adults,
    children: b.children,
    packageId: b.packageId,
    allergies: b.allergies,
    notes: b.notes,
    totalCents: b.totalCents,
    selection: b.selection,
    contactEmail: b.contactEmail,
    lines: b.lines.length,
    finishes: b.events.filter((e) => e.type === "hold-finished").length,
  };
};

describe("finishing a hold that is already finished", () => {
  it("the same details again (double click, retry): the same booking, nothing written, no second email", async () => {
    const hold = await newHold(40);
    const notified: string[] = [];
    const core = {
      bookingId: hold.id,
      token: hold.accessToken,
      selection: classicSelection(10),
      address: FIXTURE_ADDRESS,
      contact,
      allergies: "Peanuts",
      notes: null,
    };
    const coreDeps = {
      cache: env.cache,
      notify: async (e: { type: string }) => void notified.push(e.type),
    };
    const first = await finishHeldBooking(env.t.db, core, coreDeps);
    const after = await saved(hold.id);
    // Typed slightly differently (spaces, the email's case, the phone's format): the same details.
    const again = await finishHeldBooking(
      env.t.db,
      {
        ...core,
        allergies: " Peanuts ",
        contact: { ...contact, email: "PAT-r71@example.com", phone: "408-555-0100" },
      },
      coreDeps,
    );
    expect(again.id).toBe(first.id);
    // A double space in the name, a space before the email (attack R8-5): still the same.
    const spaced = await finishHeldBooking(
      env.t.db,
      {
        ...core,
        contact: {
          ...contact,
          name: contact.name.replace(" ", "  "),
          email: `  ${contact.email}`,
        },
      },
      coreDeps,
    );
    expect(spaced.id).toBe(first.id);
    expect(notified).toHaveLength(1);
    expect(await saved(hold.id)).toEqual(after);
    expect(after.finishes).toBe(1);

    // Over HTTP too: 200 with the booking and the link's own token.
    const http = await call(
      "hold.finish",
      finishOf(hold, { allergies: "Peanuts" }),
      "198.51.100.71",
    );
    expect(http.status, http.message).toBe(200);
    expect(http.data?.id).toBe(hold.id);
    expect(http.data?.token).toBe(hold.accessToken);
    expect(await saved(hold.id)).toEqual(after);
  });

  it("different details after it was finished: 409 saying what was saved, with the booking's link; nothing changes", async () => {
    const hold = await newHold(41);
    const a = await call("hold.finish", finishOf(hold), "198.51.100.72");
    expect(a.status, a.message).toBe(200);
    const after = await saved(hold.id);

    const allergy = await call(
      "hold.finish",
      finishOf(hold, { allergies: "One guest has a severe shellfish allergy" }),
      "198.51.100.73",
    );
    expect(allergy.status).toBe(409);
    expect(allergy.code).toBe("CONFLICT");
    expect(allergy.message).toBe(
      "This booking was already finished (in another tab or by someone else) with: Classic Hibachi, 10 adults, allergies: none given. Nothing you entered here was saved. Open the booking to change it.",
    );
    expect(allergy.details).toMatchObject({
      reason: "finished",
      bookingId: hold.id,
      code: hold.code,
      link: `/bookings/${hold.id}?token=${encodeURIComponent(hold.accessToken)}`,
      saved: { adults: 10, children: 0, allergies: null },
    });

    // A party change (6 adults and 4 children after 10 adults) is refused the same way.
    const party = await call(
      "hold.finish",
      finishOf(hold, { selection: classicSelection(6, 4) }),
      "198.51.100.74",
    );
    expect(party.status).toBe(409);
    expect(party.message).toMatch(/with: Classic Hibachi, 10 adults, allergies: none given\./);

    // Another contact or address is a different finish too.
    const address = await call(
      "hold.finish",
      finishOf(hold, { address: { ...FIXTURE_ADDRESS, line1: "9 Other St" } }),
      "198.51.100.75",
    );
    expect(address.status).toBe(409);
    expect(await saved(hold.id)).toEqual(after);
  });

  it("saved with dietary needs ticked and no typed allergies: the refusal says the needs, never 'none given' (L4)", async () => {
    const hold = await newHold(47);
    const profile = {
      avoid: [{ value: "shellfish", guests: 2 }],
      diets: [{ value: "vegan", guests: 1 }],
      likes: [],
    };
    const a = await call(
      "hold.finish",
      finishOf(hold, { dietaryProfile: profile }),
      "198.51.100.80",
    );
    expect(a.status, a.message).toBe(200);
    const other = await call(
      "hold.finish",
      finishOf(hold, { selection: classicSelection(6, 4), dietaryProfile: profile }),
      "198.51.100.81",
    );
    expect(other.status).toBe(409);
    expect(other.message).toBe(
      "This booking was already finished (in another tab or by someone else) with: Classic Hibachi, 10 adults, dietary needs: 2 guests avoid shellfish · 1 vegan. Nothing you entered here was saved. Open the booking to change it.",
    );
    expect(other.message).not.toMatch(/none given/);
    expect(other.details).toMatchObject({
      saved: { allergies: null, dietaryNeeds: "2 guests avoid shellfish · 1 vegan" },
    });

    // Typed allergies and ticked needs: both said.
    const both = await newHold(48);
    const b = await call(
      "hold.finish",
      finishOf(both, { allergies: "Peanuts, badly", dietaryProfile: profile }),
      "198.51.100.82",
    );
    expect(b.status, b.message).toBe(200);
    const again = await call("hold.finish", finishOf(both), "198.51.100.83");
    expect(again.status).toBe(409);
    expect(again.message).toContain(
      'with: Classic Hibachi, 10 adults, allergies: "Peanuts, badly", dietary needs: 2 guests avoid shellfish · 1 vegan.',
    );
  });

  it("two different finishes at the same moment: exactly one is saved, the other is refused (409)", async () => {
    for (let round = 0; round < 5; round++) {
      const hold = await newHold(42 + round);
      const notified: string[] = [];
      const coreDeps = {
        cache: env.cache,
        notify: async (e: { type: string }) => void notified.push(e.type),
      };
      const base = {
        bookingId: hold.id,
        token: hold.accessToken,
        address: FIXTURE_ADDRESS,
        contact,
      };
      const tabs = [
        { ...base, selection: classicSelection(10), allergies: null },
        {
          ...base,
          selection: classicSelection(6, 4),
          allergies: "One guest has a severe shellfish allergy",
        },
      ];
      const results = await Promise.allSettled(
        tabs.map((t) => finishHeldBooking(env.t.db, t, coreDeps)),
      );
      const won = results.filter((r) => r.status === "fulfilled");
      const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect(lost[0]!.reason).toBeInstanceOf(AppError);
      expect((lost[0]!.reason as AppError).code).toBe("CONFLICT");
      const winner = tabs[results.indexOf(won[0]!)]!;
      const b = await saved(hold.id);
      expect(b.finishes).toBe(1);
      expect(notified).toHaveLength(1);
      expect([b.adults, b.children]).toEqual([winner.selection.adults, winner.selection.children]);
      expect(b.allergies).toBe(winner.allergies);
      // The refusal names what was saved: the winner's party and allergies.
      expect((lost[0]!.reason as AppError).message).toContain(
        winner.allergies ? `allergies: "${winner.allergies}"` : "allergies: none given",
      );
    }
  });
});
