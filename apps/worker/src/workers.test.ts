import { UnrecoverableError, type Job } from "bullmq";
import { describe, expect, it, vi } from "vitest";
import type { WorkerDeps } from "./context";
import type { Processors } from "./context";
import { createHandler } from "./workers";

function setup() {
  const calls: unknown[] = [];
  const processors = {
    "email.send": vi.fn(),
    "bookings.expire-holds": vi.fn(),
    "system.ping": vi.fn(async (p: unknown) => (calls.push(p), "done")),
  } as unknown as Processors;
  const deps = { log: { info() {}, error() {} } } as unknown as WorkerDeps;
  return { calls, handler: createHandler("system", processors, deps) };
}

const job = (name: string, data: unknown) => ({ id: "1", name, data }) as unknown as Job;

describe("worker door", () => {
  it("passes the parsed payload to the processor", async () => {
    const { calls, handler } = setup();
    await expect(handler(job("system.ping", { marker: "m" }), "tok", undefined)).resolves.toBe(
      "done",
    );
    expect(calls).toEqual([{ marker: "m" }]);
  });

  it("rejects an invalid payload without calling the processor, as a non-retryable error", async () => {
    const { calls, handler } = setup();
    const err = await handler(
      job("system.ping", { marker: 1, sleepMs: -5 }),
      "tok",
      undefined,
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnrecoverableError);
    expect((err as Error).message).toMatch(/Invalid payload for job "system\.ping"/);
    expect((err as Error).message).toMatch(/marker/);
    expect((err as Error).message).toMatch(/sleepMs/);
    expect(calls).toEqual([]);
  });

  it("rejects a job name that does not belong to this queue", async () => {
    const { handler } = setup();
    await expect(handler(job("email.send", {}), "tok", undefined)).rejects.toThrow(
      /Unknown job name "email\.send"/,
    );
    await expect(handler(job("made.up", {}), "tok", undefined)).rejects.toBeInstanceOf(
      UnrecoverableError,
    );
  });
});
