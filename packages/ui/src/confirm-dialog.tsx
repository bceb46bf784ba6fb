"use client";
// A modal question before a change ("Move from ... to ...?", "Cancel this booking?"), in both apps:
// the browser's own <dialog> shown with showModal(), so focus stays inside it, Escape closes it
// (except while the change is being saved) and focus returns to the button that opened it.
import { useEffect, useId, useRef, type ReactNode } from "react";

export function ConfirmDialog({
  open,
  title,
  onClose,
  busy = false,
  children,
  testId,
}: {
  open: boolean;
  title: string;
  /** The customer closed it (Escape, or a button calling this). */
  onClose: () => void;
  /** A change is being saved: Escape doesn't close it meanwhile. */
  busy?: boolean;
  children: ReactNode;
  testId?: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-busy={busy || undefined}
      data-testid={testId}
      onCancel={(e) => {
        if (busy) e.preventDefault();
      }}
      onClose={() => {
        if (open) onClose();
      }}
      className="m-auto max-h-[calc(100dvh-2rem)] w-[min(36rem,calc(100vw-2rem))] overflow-y-auto rounded-2xl border border-stone-200 bg-white p-5 text-ink shadow-xl backdrop:bg-black/60"
    >
      {open && (
        <div className="flex flex-col gap-3">
          <h2 id={titleId} className="text-xl font-bold">
            {title}
          </h2>
          {children}
        </div>
      )}
    </dialog>
  );
}
