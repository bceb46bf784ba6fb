import { describe, expect, it } from "vitest";
import { authErrorMessage } from "./auth-fetch";

// The sign-in and sign-up forms show these: no field paths, no library wording.
describe("authErrorMessage", () => {
  it("says better-auth's refusals in words", () => {
    expect(authErrorMessage("VALIDATION_ERROR", "[body.email] Invalid email address")).toBe(
      "Enter a valid email address.",
    );
    expect(authErrorMessage("PASSWORD_TOO_SHORT", "Password too short")).toBe(
      "Use a password of at least 8 characters.",
    );
    expect(authErrorMessage("INVALID_EMAIL_OR_PASSWORD", "Invalid email or password")).toBe(
      "Wrong email or password.",
    );
    expect(authErrorMessage(undefined, "[body.zzz] Expected string")).toBe(
      "Check what you typed and try again.",
    );
  });
  it("keeps our own sentences and says nothing when there are none", () => {
    expect(authErrorMessage(undefined, "Too many requests. Try again in a minute.")).toBe(
      "Too many requests. Try again in a minute.",
    );
    expect(authErrorMessage(undefined, undefined)).toBeUndefined();
  });
});
