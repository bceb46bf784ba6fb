"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { Button, ErrorBox, errorMessage } from "@myhibachi/ui";
import { useTRPC } from "~/lib/trpc";

export function MarkHandled({
  id,
  emailTo,
  onDone,
}: {
  id: string;
  /** Where the transcript will go, when an email is known. */
  emailTo: string | null;
  onDone: () => void;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const m = useMutation(
    trpc.conversations.markHandled.mutationOptions({
      onSuccess: () => {
        onDone();
        router.refresh();
      },
    }),
  );
  return (
    <div className="mt-3 flex flex-col gap-1">
      <Button
        className="w-full sm:w-auto sm:self-start"
        onClick={() => m.mutate({ id })}
        disabled={m.isPending}
      >
        {m.isPending ? "Saving…" : "Mark handled"}
      </Button>
      <p className="text-xs text-muted">
        {emailTo
          ? `The customer gets the transcript by email (${emailTo}), and the assistant answers again.`
          : "No email is known, so no transcript is sent. The assistant answers again."}
      </p>
      {m.error && <ErrorBox>{errorMessage(m.error)}</ErrorBox>}
    </div>
  );
}
