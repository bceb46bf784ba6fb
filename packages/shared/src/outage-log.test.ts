import { describe, expect, it } from "vitest";
import { createOutageLog } from "./outage-log";

function setup() {
  const lines: string[] = [];
  const clock = { t: Date.parse("2026-11-28T18:00:00Z") };
  const log = {
    error: (m: string) => lines.push(`error ${m}`),
    warn: (m: string) => lines.push(`warn ${m}`),
  };
  const outage = createOutageLog("[cache] Redis", "reads go to Postgres", {
    now: () => clock.t,
    log,
    remindMs: 600_000,
  });
  return { lines, clock, outage };
}

describe("outage log: once per outage, never silent, never a line per request", () => {
  it("logs the first failure with what happens meanwhile, then stays quiet", () => {
    const { lines, outage } = setup();
    for (let i = 0; i < 500; i++) outage.failed(new Error("connect ECONNREFUSED 127.0.0.1:6379"));
    expect(lines).toEqual([
      "error [cache] Redis failed: connect ECONNREFUSED 127.0.0.1:6379; reads go to Postgres. Logged again when it recovers.",
    ]);
  });

  it("reminds while the outage goes on, and says when it is over", () => {
    const { lines, clock, outage } = setup();
    outage.failed(new Error("down"));
    clock.t += 300_000;
    outage.failed("still down");
    clock.t += 300_000;
    outage.failed(new Error("READONLY You can't write against a read only replica."));
    outage.recovered();
    outage.recovered();
    expect(lines.slice(1)).toEqual([
      "error [cache] Redis still failing: 3 failures since 2026-11-28T18:00:00.000Z, the last: READONLY You can't write against a read only replica.; reads go to Postgres.",
      "warn [cache] Redis recovered after 3 failures since 2026-11-28T18:00:00.000Z.",
    ]);
  });

  it("treats the next failure after a recovery as a new outage", () => {
    const { lines, outage } = setup();
    outage.recovered();
    outage.failed(new Error("a"));
    outage.recovered();
    outage.failed(new Error("b"));
    expect(lines).toEqual([
      expect.stringMatching(/^error \[cache\] Redis failed: a;/),
      expect.stringMatching(/^warn \[cache\] Redis recovered after 1 failure since/),
      expect.stringMatching(/^error \[cache\] Redis failed: b;/),
    ]);
  });
});
