"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useMutation } from "@tanstack/react-query";
import { Button, ErrorBox } from "@myhibachi/ui";
import { TextAreaField } from "~/components/text-area";
import { errorMessage, useTRPC } from "~/lib/trpc";

/**
 * The churn-risk personal note as it will go out: the owner edits the words (placeholders such as
 * {{offerCode}} are filled in when it is sent) and approves it, or decides not to send it.
 */
export function ApproveNote({
  enrolmentId,
  subject: initialSubject,
  text: initialText,
}: {
  enrolmentId: string;
  subject: string;
  text: string;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const [subject, setSubject] = useState(initialSubject);
  const [text, setText] = useState(initialText);
  const done = () => router.refresh();
  const approve = useMutation(
    trpc.owner.insights.approveMessage.mutationOptions({ onSuccess: done }),
  );
  const dismiss = useMutation(
    trpc.owner.insights.dismissMessage.mutationOptions({ onSuccess: done }),
  );
  const busy = approve.isPending || dismiss.isPending;
  return (
    <form
      className="mt-2 flex flex-col gap-2 rounded-lg border border-amber-300 bg-amber-50 p-3"
      aria-label="Personal note waiting for your approval"
      onSubmit={(e) => {
        e.preventDefault();
        approve.mutate({ enrolmentId, subject, text });
      }}
    >
      <p className="text-sm font-semibold">Waiting for your approval</p>
      <label className="flex flex-col gap-1 text-sm">
        Subject
        <input
          className="min-h-11 rounded-lg border border-stone-300 px-2"
          value={subject}
          maxLength={150}
          onChange={(e) => setSubject(e.target.value)}
        />
      </label>
      <TextAreaField
        id={`note-${enrolmentId}`}
        label="Message"
        value={text}
        onChange={(e) => setText(e.target.value)}
        maxLength={5000}
        rows={8}
        hint="{{firstName}}, {{offerCode}}, {{offerPercent}}, {{offerExpires}} and the links are filled in when it is sent."
      />
      <ErrorBox>{errorMessage(approve.error ?? dismiss.error)}</ErrorBox>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={busy}>
          Approve and send
        </Button>
        <Button
          type="button"
          variant="secondary"
          disabled={busy}
          onClick={() => dismiss.mutate({ enrolmentId })}
        >
          Don&apos;t send
        </Button>
      </div>
    </form>
  );
}

/** An approved note not yet on its way (quiet hours or the weekly limit hold it): stop it. */
export function StopApprovedNote({ enrolmentId }: { enrolmentId: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const dismiss = useMutation(
    trpc.owner.insights.dismissMessage.mutationOptions({ onSuccess: () => router.refresh() }),
  );
  return (
    <div className="mt-2 flex flex-col gap-2 rounded-lg border border-stone-200 p-3 text-sm">
      <p>Approved: it goes out at the next campaign run its quiet hours and weekly limit allow.</p>
      <ErrorBox>{errorMessage(dismiss.error)}</ErrorBox>
      <div>
        <Button
          type="button"
          variant="secondary"
          disabled={dismiss.isPending}
          onClick={() => dismiss.mutate({ enrolmentId })}
        >
          Don&apos;t send after all
        </Button>
      </div>
    </div>
  );
}
