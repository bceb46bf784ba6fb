"use client";
// Adding an address to the suppression list (with a reason) and taking one off after a
// confirmation: removing means we may send them campaign emails again.
import { useState } from "react";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { Button, ErrorBox, Field, SelectField } from "@myhibachi/ui";
import { ConfirmDialog } from "@myhibachi/ui/confirm-dialog";
import { errorMessage, useTRPC } from "~/lib/trpc";

export function AddSuppression() {
  const trpc = useTRPC();
  const router = useRouter();
  const [f, setF] = useState({ channel: "EMAIL" as "EMAIL" | "SMS", address: "", reason: "" });
  const add = useMutation(
    trpc.owner.campaigns.addSuppression.mutationOptions({
      onSuccess: () => {
        setF({ ...f, address: "", reason: "" });
        router.refresh();
      },
    }),
  );
  return (
    <form
      noValidate
      aria-label="Add an address to the suppression list"
      className="mt-2 grid min-w-0 gap-3 md:grid-cols-[10rem_minmax(0,1fr)_minmax(0,1fr)_auto] md:items-end"
      onSubmit={(e) => {
        e.preventDefault();
        add.mutate(f);
      }}
    >
      <SelectField
        id="suppress-channel"
        label="Channel"
        value={f.channel}
        onChange={(e) => {
          setF({ ...f, channel: e.target.value as "EMAIL" | "SMS" });
          add.reset();
        }}
      >
        <option value="EMAIL">Email</option>
        <option value="SMS">Text message</option>
      </SelectField>
      <Field
        id="suppress-address"
        label={f.channel === "EMAIL" ? "Email address" : "Phone number"}
        type={f.channel === "EMAIL" ? "email" : "tel"}
        autoComplete="off"
        value={f.address}
        onChange={(e) => {
          setF({ ...f, address: e.target.value });
          add.reset();
        }}
      />
      <Field
        id="suppress-reason"
        label="Reason"
        value={f.reason}
        onChange={(e) => {
          setF({ ...f, reason: e.target.value });
          add.reset();
        }}
      />
      <Button type="submit" disabled={add.isPending}>
        Add to the list
      </Button>
      <div aria-live="polite" className="min-w-0 md:col-span-4">
        <ErrorBox>{errorMessage(add.error)}</ErrorBox>
        {add.isSuccess && (
          <p role="status" className="text-sm text-green-800">
            {add.data.address} is on the list
            {add.data.exited
              ? ` (${add.data.exited} running ${add.data.exited === 1 ? "sequence" : "sequences"} stopped)`
              : ""}
            .
          </p>
        )}
      </div>
    </form>
  );
}

export function RemoveSuppression({ id, address }: { id: string; address: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const remove = useMutation(
    trpc.owner.campaigns.removeSuppression.mutationOptions({
      onSuccess: () => {
        setOpen(false);
        router.refresh();
      },
    }),
  );
  return (
    <>
      <Button
        variant="secondary"
        className="min-h-11 px-3 py-1 text-sm"
        onClick={() => {
          remove.reset();
          setOpen(true);
        }}
        aria-label={`Remove ${address}`}
      >
        Remove
      </Button>
      <ConfirmDialog
        open={open}
        onClose={() => setOpen(false)}
        title="Take this address off the list?"
      >
        <p className="text-sm [overflow-wrap:anywhere]">
          Removing <strong>{address}</strong> means we may send them campaign emails again (offers,
          reminders to book). Do it only when they asked to hear from us again.
        </p>
        <ErrorBox>{errorMessage(remove.error)}</ErrorBox>
        <div className="flex flex-wrap justify-end gap-2">
          <Button variant="secondary" autoFocus onClick={() => setOpen(false)}>
            Keep it on the list
          </Button>
          <Button
            variant="danger"
            disabled={remove.isPending}
            onClick={() => remove.mutate({ id, confirm: true })}
          >
            Yes, remove {address}
          </Button>
        </div>
      </ConfirmDialog>
    </>
  );
}
