// The suite's own footing: the built apps answer, the seeded logins work over HTTP, and the
// helpers read the same database the apps write. If this file fails, every other file's
// results mean nothing.
import { describe, expect, it } from "vitest";
import { demo, signIn, sql, trpc, urls } from "./harness";

describe("security suite harness", () => {
  it("reaches the three built apps", async () => {
    for (const url of [`${urls.customer}/api/health`, `${urls.admin}/api/health`]) {
      const res = await fetch(url);
      expect(res.status, url).toBe(200);
    }
    const worker = await fetch(`${urls.worker}/healthz`);
    expect(worker.status).toBe(200);
  });

  it("reads the apps' database and signs in over HTTP", async () => {
    const [owner] = await sql<{ role: string }>(
      `SELECT role FROM "User" WHERE email = $1`,
      demo.owner.email,
    );
    expect(owner?.role).toBe("OWNER");
    const cookie = await signIn("admin", demo.owner.email, demo.owner.password);
    const me = await trpc<{ businessName?: string }>("admin", "owner.settings.get", undefined, {
      cookie,
      type: "query",
    });
    expect(me.status, me.text).toBe(200);
  });

  it("serves the public catalog anonymously", async () => {
    const res = await trpc<{ items: unknown[] }>("customer", "catalog.get", undefined, {
      type: "query",
    });
    expect(res.status).toBe(200);
    expect(res.data?.items.length).toBeGreaterThan(0);
  });
});
