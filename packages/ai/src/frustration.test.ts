import { describe, expect, it } from "vitest";
import { conversationFrustration, FRUSTRATION_THRESHOLD, messageFrustration } from "./frustration";

const f = (text: string, recentFailures = 0) => messageFrustration({ text, recentFailures }).score;

describe("frustration", () => {
  it("calm questions score zero; angry ones score over the threshold", () => {
    expect(f("do you serve vegetarians?")).toBe(0);
    expect(f("thanks, that's great")).toBe(0);
    expect(f("THIS IS RIDICULOUS!!! Nobody answers, I want a manager NOW")).toBeGreaterThanOrEqual(
      FRUSTRATION_THRESHOLD,
    );
    expect(f("terrible, the chef was late and rude. I want a refund")).toBeGreaterThanOrEqual(
      FRUSTRATION_THRESHOLD,
    );
  });

  it("shouting, !!!, managers, refunds and humans each add to the score", () => {
    expect(messageFrustration({ text: "WHERE IS MY CONFIRMATION EMAIL" }).reasons).toContain(
      "shouting",
    );
    expect(messageFrustration({ text: "hello???!!" }).reasons).toContain("repeated punctuation");
    expect(f("can I talk to a manager")).toBeGreaterThan(0);
    expect(f("I want a refund")).toBeGreaterThan(0);
    expect(f("I need a human")).toBeGreaterThan(0);
  });

  it("repeated failures of the assistant make the same words more frustrated", () => {
    expect(f("that's not what I asked", 2)).toBeGreaterThan(f("that's not what I asked", 0));
  });

  it("the conversation score rolls: anger lingers, calm decays it", () => {
    const angry = conversationFrustration(0, 0.8);
    expect(angry).toBe(0.8);
    const calmer = conversationFrustration(angry, 0);
    expect(calmer).toBeLessThan(angry);
    expect(conversationFrustration(calmer, 0)).toBeLessThan(calmer);
    expect(conversationFrustration(0.5, 0.5)).toBeGreaterThan(0.5);
  });
});
