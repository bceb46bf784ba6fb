"use client";
import { useState } from "react";
import { useMutation } from "@tanstack/react-query";
import { Button, Card, ErrorBox } from "@myhibachi/ui";
import { errorMessage, useTRPC } from "~/lib/trpc";

export function CustomerNotes({ id, initial }: { id: string; initial: string }) {
  const trpc = useTRPC();
  const [notes, setNotes] = useState(initial);
  const save = useMutation(trpc.staff.customers.setNotes.mutationOptions());
  return (
    <Card>
      <form
        className="flex flex-col gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate({ id, notes: notes || null });
        }}
      >
        <label htmlFor="notes" className="font-semibold">
          Staff notes (not shown to the customer)
        </label>
        <textarea
          id="notes"
          rows={4}
          className="rounded-lg border border-stone-300 p-2"
          value={notes}
          onChange={(e) => setNotes(e.target.value)}
        />
        <ErrorBox>{errorMessage(save.error)}</ErrorBox>
        {save.isSuccess && (
          <p role="status" className="text-sm text-green-800">
            Notes saved.
          </p>
        )}
        <Button type="submit" className="self-start" disabled={save.isPending}>
          Save notes
        </Button>
      </form>
    </Card>
  );
}
