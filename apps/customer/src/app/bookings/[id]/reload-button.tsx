"use client";
// "Reload the booking": what a change refused because the booking changed meanwhile (another tab,
// staff) offers instead of Confirm. Fetches the booking again, then `done` (close, reset).
import { useState } from "react";
import { Button } from "@myhibachi/ui";

export function ReloadBookingButton({
  reload,
  done,
}: {
  reload: () => Promise<unknown>;
  done: () => void;
}) {
  const [reloading, setReloading] = useState(false);
  return (
    <div className="flex flex-wrap gap-2">
      <Button
        autoFocus
        disabled={reloading}
        onClick={async () => {
          setReloading(true);
          try {
            await reload();
          } finally {
            setReloading(false);
            done();
          }
        }}
      >
        {reloading ? "Reloading…" : "Reload the booking"}
      </Button>
    </div>
  );
}
