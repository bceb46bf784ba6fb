"use client";
// A modal question before a change that can't be undone (cancel, complete): the browser's own
// <dialog> (focus moves into it and stays there, Escape closes it, the page behind is inert).
import { useEffect, useRef, type ReactNode } from "react";

export function ConfirmDialog({
  open,
  onClose,
  title,
  children,
}: {
  open: boolean;
  onClose: () => void;
  title: string;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  const titleId = `${title.replace(/\W+/g, "-").toLowerCase()}-title`;
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onClose={onClose}
      className="m-auto w-[min(32rem,calc(100vw-2rem))] rounded-2xl border border-stone-200 bg-white p-0 text-ink shadow-xl backdrop:bg-stone-900/50"
    >
      <div className="flex flex-col gap-3 p-5">
        <h2 id={titleId} className="text-lg font-bold">
          {title}
        </h2>
        {/* Mounted only while open: a fresh form (and its autofocus) each time it is asked. */}
        {open && children}
      </div>
    </dialog>
  );
}
