"use client";
import { Button } from "@myhibachi/ui";
import { authClient } from "~/lib/auth-client";

export function SignOutButton({ className = "mt-4" }: { className?: string }) {
  return (
    <Button
      variant="secondary"
      className={className}
      onClick={() => authClient.signOut().then(() => window.location.assign("/sign-in"))}
    >
      Sign out
    </Button>
  );
}
