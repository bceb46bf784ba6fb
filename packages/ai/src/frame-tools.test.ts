// The details a model records in the dialogue frame are checked against the catalog and the
// booking window first (testing/catalog.ts: today 2026-11-24, bookings up to 180 days ahead,
// start times 12, 3, 5, 6 and 7:30 pm, packages classic and premium, 1 to 60 guests, San Jose,
// Santa Clara and Palo Alto served, Sacramento too far); a value that fails is a readable error.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { Db } from "@myhibachi/db";
import { bookingDetailsArgs, modelToolDefinitions, recordDetails } from "./frame-tools";
import type { Memory } from "./providers/types";
import { TEST_NOW, testCatalog } from "./testing/catalog";
import { chatTools } from "./tools";

const ctx = { db: {} as Db, catalog: testCatalog(), now: TEST_NOW };
const record = (frame: Memory, args: z.input<typeof bookingDetailsArgs>) =>
  recordDetails(frame, bookingDetailsArgs.parse(args), ctx);

describe("recording booking details", () => {
  it("records what was said, counts as totals", async () => {
    let k = await record({}, { date: "2026-12-12", startMinute: 1020, adults: 10, children: 2 });
    expect(k).toMatchObject({
      date: "2026-12-12",
      startMinute: 1020,
      guests: 12,
      adults: 10,
      children: 2,
    });
    // A new total keeps the children already given; a new adult count is the adults in all.
    k = await record(k, { guests: 14 });
    expect(k).toMatchObject({ guests: 14, adults: 12, children: 2 });
    k = await record(k, { adults: 9 });
    expect(k).toMatchObject({ guests: 11, adults: 9, children: 2 });
    k = await record(k, {
      postalCode: "95050",
      packageSlug: "premium",
      items: { "lobster-tail": 4 },
    });
    expect(k).toMatchObject({
      postalCode: "95050",
      packageSlug: "premium",
      items: { "lobster-tail": 4 },
    });
    // A count of 0 takes an item out; a city replaces the ZIP of another city.
    k = await record(k, { items: { "lobster-tail": 0 }, city: "palo alto" });
    expect(k.items).toBeUndefined();
    expect(k).toMatchObject({ city: "Palo Alto" });
    expect(k.postalCode).toBeUndefined();
  });

  it("refuses what the catalog or the booking window doesn't allow, saying why", async () => {
    const refused = (args: z.input<typeof bookingDetailsArgs>) =>
      record({ adults: 10, guests: 10, children: 0 }, args).then(
        () => "recorded",
        (e: Error) => e.message,
      );
    expect(await refused({ date: "2026-02-30" })).toMatch(/not a real date/);
    expect(await refused({ date: "2026-11-20" })).toMatch(/has passed/);
    expect(await refused({ date: "2027-06-01" })).toMatch(/up to 180 days ahead/);
    expect(await refused({ startMinute: 1005 })).toMatch(
      /4:45 PM is not one of our start times \(12:00 PM, 3:00 PM, 5:00 PM, 6:00 PM, 7:30 PM\)/,
    );
    expect(await refused({ adults: 70 })).toMatch(/1 to 60 guests/);
    expect(await refused({ guests: 12, adults: 10, children: 1 })).toMatch(/make 11, not 12/);
    expect(await refused({ postalCode: "95814" })).toMatch(/outside our service area/);
    expect(await refused({ city: "Fresno" })).toMatch(/don't list Fresno/);
    expect(await refused({ packageSlug: "deluxe" })).toMatch(
      /not one of our packages \(classic: Classic Hibachi, premium: Premium Hibachi\)/,
    );
    expect(await refused({ items: { "truffle-rice": 2 } })).toMatch(
      /Not on our menu: truffle-rice/,
    );
  });
});

describe("the tools a model sees", () => {
  it("derive every JSON Schema from the zod arguments; the model never names a hold to move", () => {
    const names = modelToolDefinitions.map((d) => d.function.name);
    expect(names).toEqual([
      ...chatTools.map((t) => t.name),
      "update_booking_details",
      "hand_off_to_person",
    ]);
    const params = (name: string) =>
      modelToolDefinitions.find((d) => d.function.name === name)!.function.parameters as {
        properties: Record<string, unknown>;
      };
    const { $schema: _d, ...details } = z.toJSONSchema(bookingDetailsArgs);
    expect(params("update_booking_details")).toEqual(details);
    expect(Object.keys(params("create_booking_hold").properties)).not.toContain("replacesHoldId");
    expect(Object.keys(params("create_booking_hold").properties)).toContain("startMinute");
  });
});
