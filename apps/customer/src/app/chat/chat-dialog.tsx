"use client";
// The chat widget's panel: loaded on first open (import() from widget.tsx), so pages where the
// chat is never opened do not ship the chat.
import { useEffect, useRef, type KeyboardEvent } from "react";
import { cx } from "@myhibachi/ui";
import { ChatPanel } from "./chat-panel";

export const CHAT_PANEL_ID = "chat-widget-panel";

export default function ChatDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  // Opening moves the focus into the chat, to the message box.
  useEffect(() => {
    if (open) ref.current?.querySelector<HTMLInputElement>("#chat-input-widget")?.focus();
  }, [open]);
  function onKeyDown(e: KeyboardEvent) {
    if (e.key === "Escape") {
      e.stopPropagation();
      onClose();
    }
  }
  return (
    <div
      ref={ref}
      id={CHAT_PANEL_ID}
      role="dialog"
      aria-label="Chat with MyHibachi"
      hidden={!open}
      onKeyDown={onKeyDown}
      className={cx(
        "no-print fixed inset-x-0 bottom-0 z-50 rounded-t-2xl border border-stone-200 bg-white p-3 shadow-2xl",
        "sm:inset-x-auto sm:right-4 sm:bottom-4 sm:w-[24rem] sm:rounded-2xl",
        "xl:right-6 xl:bottom-24",
      )}
    >
      <div className="mb-2 flex items-center justify-between">
        <h2 className="font-bold">Ask MyHibachi</h2>
        <button
          type="button"
          className="min-h-11 rounded-lg px-3 text-sm underline hover:bg-stone-100"
          onClick={onClose}
        >
          Close
        </button>
      </div>
      <ChatPanel compact />
    </div>
  );
}
