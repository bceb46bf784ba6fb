"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { Button, errorMessage } from "@myhibachi/ui";
import { useTRPC } from "~/lib/trpc";

/** Puts a failed message back in line for one more attempt. */
export function RetryButton({ kind, id }: { kind: "email" | "sms" | "webhook"; id: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const retry = useMutation(
    trpc.owner.outbox.retry.mutationOptions({ onSuccess: () => router.refresh() }),
  );
  return (
    <span className="flex flex-col items-start gap-1">
      <Button
        variant="secondary"
        className="min-h-9 px-3 py-1 text-sm"
        onClick={() => retry.mutate({ kind, id })}
        disabled={retry.isPending || retry.isSuccess}
      >
        {retry.isSuccess ? "Queued" : "Retry"}
      </Button>
      {retry.error && (
        <span role="alert" className="text-xs text-red-700">
          {errorMessage(retry.error)}
        </span>
      )}
    </span>
  );
}
