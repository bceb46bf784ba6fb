"use client";
// "Mark completed" on the Today page, offered only for events that are over, and asked twice:
// a completed event can't be changed back.
//
// The page is re-read from the server after a completion (router.refresh()), and the event's
// card then changes (today's) or leaves its list (earlier events): a message kept in the card
// would vanish with it, before anyone could read it. So the page keeps the messages
// (`CompletedNotices`, above the lists) and the card only reports what it completed.
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { createContext, useCallback, useContext, useState, type ReactNode } from "react";
import { Button, ErrorBox } from "@myhibachi/ui";
import { errorMessage, useTRPC } from "~/lib/trpc";

const Completed = createContext<{ codes: string[]; add: (code: string) => void }>({
  codes: [],
  add: () => {},
});

/** The Today page's record of what was completed on it, and the message saying so. */
export function CompletedNotices({ children }: { children: ReactNode }) {
  const [codes, setCodes] = useState<string[]>([]);
  const add = useCallback(
    (code: string) => setCodes((cs) => (cs.includes(code) ? cs : [...cs, code])),
    [],
  );
  return (
    <Completed.Provider value={{ codes, add }}>
      <p role="status" className="text-sm font-medium text-green-800 empty:hidden">
        {codes.length > 0 && `${codes.join(", ")} marked completed.`}
      </p>
      {children}
    </Completed.Provider>
  );
}

export function CompleteButton({ id, code }: { id: string; code: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const { add } = useContext(Completed);
  const [asking, setAsking] = useState(false);
  const complete = useMutation(
    trpc.bookings.setStatus.mutationOptions({
      onSuccess: () => {
        add(code);
        router.refresh();
      },
    }),
  );
  if (complete.isSuccess) return <p className="text-sm text-green-800">{code} marked completed.</p>;
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
