// Walks EVERY procedure of the admin router (enumerated from the router itself, so a procedure
// added later is covered automatically) and proves who may call it:
//   anonymous -> UNAUTHORIZED, customer -> FORBIDDEN, staff -> FORBIDDEN on OWNER-only ones,
//   owner -> never refused. Junk input is passed: the role check runs before input parsing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminRouter } from "@myhibachi/api";
import { setupEnv, type Env } from "./helpers";
import { adminCallers, procedureAt, type AdminCallers, type Who } from "./admin-helpers";

/**
 * THE access policy of the admin API, in one place: everything under `owner.` (menu, pricing,
 * settings, overview, audit log) and `costs.` (AI money) is OWNER-only; `me` is public (it
 * answers "who am I" for the sign-in flow); everything else needs STAFF or OWNER.
 */
const OWNER_ONLY_PREFIXES = ["owner.", "costs."];
const PUBLIC = new Set(["me"]);
const isOwnerOnly = (path: string) => OWNER_ONLY_PREFIXES.some((p) => path.startsWith(p));

const procedures = Object.keys(
  (adminRouter as unknown as { _def: { procedures: Record<string, unknown> } })._def.procedures,
).sort();

let env: Env;
let callers: AdminCallers;
beforeAll(async () => {
  env = await setupEnv({ chefs: 1 });
  callers = await adminCallers(env);
});
afterAll(async () => env?.close());

async function outcome(who: Who, path: string): Promise<string> {
  try {
    await procedureAt(callers.caller(who), path)("junk");
    return "OK";
  } catch (err) {
    const e = err as { name?: string; code?: string };
    if (e.name === "TRPCError" && e.code) return e.code;
    throw err;
  }
}

describe("admin router authorization", () => {
  it("enumerates the real router", () => {
    expect(procedures.length).toBeGreaterThan(30);
    expect(procedures).toEqual(
      expect.arrayContaining([
        "bookings.reassign",
        "staff.chefs.addTimeOff",
        "owner.menu.updateItem",
        "owner.settings.update",
        "owner.audit",
      ]),
    );
  });

  it.each(procedures.filter((p) => !PUBLIC.has(p)))(
    "%s refuses anonymous and customer callers",
    async (path) => {
      expect(await outcome("anonymous", path)).toBe("UNAUTHORIZED");
      expect(await outcome("CUSTOMER", path)).toBe("FORBIDDEN");
    },
  );

  it.each(procedures.filter((p) => !PUBLIC.has(p)))(
    "%s: staff allowed only when not OWNER-only; owner always",
    async (path) => {
      const staff = await outcome("STAFF", path);
      if (isOwnerOnly(path)) expect(staff).toBe("FORBIDDEN");
      else expect(staff).not.toMatch(/^(UNAUTHORIZED|FORBIDDEN)$/);
      expect(await outcome("OWNER", path)).not.toMatch(/^(UNAUTHORIZED|FORBIDDEN)$/);
    },
  );

  it("the only public procedure tells an anonymous caller nothing", async () => {
    expect([...PUBLIC]).toEqual(procedures.filter((p) => PUBLIC.has(p)));
    expect(await callers.caller("anonymous").me()).toBeNull();
  });
});
