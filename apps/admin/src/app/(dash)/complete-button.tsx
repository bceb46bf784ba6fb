"use client";
// "Mark completed" on the Today page, offered only for events that are over, and asked twice:
// a completed event can't be changed back.
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button, ErrorBox } from "@myhibachi/ui";
import { errorMessage, useTRPC } from "~/lib/trpc";

export function CompleteButton({ id, code }: { id: string; code: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [asking, setAsking] = useState(false);
  const complete = useMutation(
    trpc.bookings.setStatus.mutationOptions({ onSuccess: () => router.refresh() }),
  );
  if (complete.isSuccess)
    return (
      <p role="status" className="text-sm text-green-800">
        {code} marked completed.
      </p>
    );
  return (
    <div className="flex flex-col gap-2">
      {asking ? (
        <div
          className="flex flex-wrap items-center gap-2"
          role="group"
          aria-label={`Complete ${code}`}
        >
          <span className="text-sm">Mark {code} completed? This can&apos;t be undone.</span>
          <Button
            variant="secondary"
            disabled={complete.isPending}
            onClick={() => complete.mutate({ id, action: "complete" })}
          >
            Yes, it&apos;s done
          </Button>
          <Button variant="ghost" onClick={() => setAsking(false)}>
            Not yet
          </Button>
        </div>
      ) : (
        <Button variant="secondary" className="self-start" onClick={() => setAsking(true)}>
          Mark {code} completed
        </Button>
      )}
      <ErrorBox>{errorMessage(complete.error)}</ErrorBox>
    </div>
  );
}
