import { UnrecoverableError } from "bullmq";
import { describe, expect, it } from "vitest";
import {
  InvalidJobPayloadError,
  NonRetryableError,
  UnknownJobError,
  enqueue,
  jobIdFor,
  jobNames,
  jobs,
  parsePayload,
  queueConfigs,
  type Queues,
} from "./index";

/** Queues whose add() records calls instead of talking to Redis. */
function fakeQueues() {
  const added: { queue: string; name: string; data: unknown; opts: unknown }[] = [];
  const queues = Object.fromEntries(
    Object.keys(queueConfigs).map((q) => [
      q,
      {
        add: async (name: string, data: unknown, opts: unknown) => (
          added.push({ queue: q, name, data, opts }),
          { id: "x" }
        ),
      },
    ]),
  ) as unknown as Queues;
  return { queues, added };
}

describe("payload validation", () => {
  it("rejects a bad email.send payload with a message naming each bad field", () => {
    let err: unknown;
    try {
      parsePayload("email.send", { to: "not-an-email", subject: "", text: "hi" });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InvalidJobPayloadError);
    const msg = (err as Error).message;
    expect(msg).toMatch(/^Invalid payload for job "email\.send":/);
    expect(msg).toContain("`to` must be an email address");
    expect(msg).toContain("`subject` must not be empty");
    expect(msg).toMatch(/idempotencyKey/); // missing
    expect((err as InvalidJobPayloadError).issues.map((i) => i.path[0]).sort()).toEqual([
      "idempotencyKey",
      "subject",
      "to",
    ]);
  });

  it("enqueue refuses a bad payload before anything reaches the queue", async () => {
    const { queues, added } = fakeQueues();
    // @ts-expect-error marker must be a string: the type system already objects, zod too at runtime
    await expect(enqueue(queues, "system.ping", { marker: 7 })).rejects.toThrow(
      /Invalid payload for job "system\.ping"[\s\S]*marker/,
    );
    await expect(
      enqueue(queues, "bookings.expire-holds", { extra: 1 } as never),
    ).rejects.toBeInstanceOf(InvalidJobPayloadError);
    expect(added).toEqual([]);
  });

  it("invalid payloads and unknown job names are not retried (BullMQ UnrecoverableError)", () => {
    expect(() => parsePayload("system.ping", {})).toThrow(UnrecoverableError);
    expect(() => parsePayload("nope.job", {})).toThrow(UnknownJobError);
    expect(new NonRetryableError("x")).toBeInstanceOf(UnrecoverableError);
  });
});

describe("enqueue", () => {
  it("routes to the job's queue and derives the jobId from the idempotency key", async () => {
    const { queues, added } = fakeQueues();
    await enqueue(queues, "email.send", {
      to: "a@b.co",
      subject: "s",
      text: "t",
      idempotencyKey: "booking:1",
    });
    await enqueue(queues, "bookings.expire-holds", {});
    expect(added[0]).toMatchObject({
      queue: "email",
      name: "email.send",
      opts: { jobId: jobIdFor("email.send", "booking:1") },
    });
    expect(added[1]).toMatchObject({ queue: "bookings", name: "bookings.expire-holds", opts: {} });
  });

  it("jobIds are valid for BullMQ (no ':' , never all digits) and distinct keys stay distinct", () => {
    const ids = [
      "booking:1",
      "booking_1",
      "booking%3A1",
      "1",
      "x".repeat(500),
      "x".repeat(501),
    ].map((k) => jobIdFor("email.send", k));
    for (const id of ids) {
      expect(id).not.toContain(":");
      expect(/^\d+$/.test(id)).toBe(false);
    }
    expect(new Set(ids).size).toBe(ids.length);
    expect(jobIdFor("system.ping", "k")).not.toBe(jobIdFor("email.send", "k"));
  });

  it("every job is routed to a configured queue", () => {
    for (const name of jobNames) expect(queueConfigs).toHaveProperty(jobs[name].queue);
  });
});
