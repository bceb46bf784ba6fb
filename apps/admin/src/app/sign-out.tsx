"use client";
import { Button } from "@myhibachi/ui";
import { authClient } from "~/lib/auth-client";

export function SignOutButton() {
  return (
    <Button
      variant="secondary"
      className="mt-4"
      onClick={() => authClient.signOut().then(() => window.location.assign("/sign-in"))}
    >
      Sign out
    </Button>
  );
}
