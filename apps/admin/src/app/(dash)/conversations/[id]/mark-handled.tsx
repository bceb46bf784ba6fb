"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { Button, ErrorBox } from "@myhibachi/ui";
import { useTRPC } from "~/lib/trpc";

export function MarkHandled({ id }: { id: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const m = useMutation(
    trpc.conversations.markHandled.mutationOptions({ onSuccess: () => router.refresh() }),
  );
  return (
    <div className="mt-3">
      <Button onClick={() => m.mutate({ id })} disabled={m.isPending}>
        {m.isPending ? "Saving…" : "Mark handled"}
      </Button>
      {m.error && <ErrorBox>{m.error.message}</ErrorBox>}
    </div>
  );
}
