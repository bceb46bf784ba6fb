import { describe, expect, it } from "vitest";
import { isSecretLink, redactSecrets } from "./redact";

describe("redactSecrets", () => {
  it("hides sign-in, manage and verification links, keeping the sentence around them", () => {
    const text = [
      "Use this link to sign in: http://localhost:3001/api/auth/magic-link/verify?token=AbC123xyz&callbackURL=%2F.",
      "Manage your booking: https://book.example.com/bookings/cmabc123def456ghi789jkl0?token=s3cr3t",
      "Verify: https://book.example.com/api/auth/verify-email?token=eyJhbGciOi",
      "Reset (https://book.example.com/reset-password/Zx9Q2mT7vB4nL8kP3sR6wY1)",
    ].join("\n");
    const out = redactSecrets(text);
    for (const secret of ["AbC123xyz", "s3cr3t", "eyJhbGciOi", "Zx9Q2mT7vB4nL8kP3sR6wY1"])
      expect(out).not.toContain(secret);
    expect(out).toBe(
      [
        "Use this link to sign in: [link hidden].",
        "Manage your booking: [link hidden]",
        "Verify: [link hidden]",
        "Reset ([link hidden])",
      ].join("\n"),
    );
  });

  it("keeps plain links and ordinary text", () => {
    const text = "See the menu at https://book.example.com/menu. Booking HB-7K3M, 12 guests.";
    expect(redactSecrets(text)).toBe(text);
  });

  it("hides one-time codes", () => {
    expect(redactSecrets("Your sign-in code is 482 913.")).toBe(
      "Your sign-in code is [code hidden].",
    );
  });

  it("treats anything it cannot parse, credentials in URLs and fragments as secret", () => {
    expect(isSecretLink("http://[::1")).toBe(true);
    expect(isSecretLink("https://user:pw@example.com/")).toBe(true);
    expect(isSecretLink("https://example.com/#access_token=x")).toBe(true);
    expect(isSecretLink("https://example.com/menu")).toBe(false);
  });
});
