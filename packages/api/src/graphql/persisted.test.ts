import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { buildAdminSchema } from "./admin";
import { buildCustomerSchema } from "./customer";
import { ADMIN_DOCUMENTS, CUSTOMER_DOCUMENTS } from "./documents";
import { persistedMap } from "./persisted";
import admin from "./persisted-admin.json";
import customer from "./persisted-customer.json";

// The schema builder loads graphql's CommonJS build; validate with the same one.
const graphql = createRequire(import.meta.url)("graphql") as typeof import("graphql");

describe("persisted GraphQL documents", () => {
  it("the checked-in map is the documents' sha256 → text (else run `pnpm graphql:persist`)", () => {
    expect({ customer, admin }).toEqual(persistedMap());
  });

  const cases = [
    ["customer", buildCustomerSchema, CUSTOMER_DOCUMENTS],
    ["admin", buildAdminSchema, ADMIN_DOCUMENTS],
  ] as const;
  for (const [app, build, docs] of cases)
    it(`every ${app} document is valid against the ${app} schema`, () => {
      const schema = build();
      for (const [name, doc] of Object.entries(docs)) {
        const errors = graphql.validate(schema, graphql.parse(doc));
        expect({ name, errors: errors.map((e) => e.message) }).toEqual({ name, errors: [] });
      }
    });
});
