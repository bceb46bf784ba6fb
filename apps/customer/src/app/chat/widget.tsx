"use client";
import { usePathname } from "next/navigation";
import { useState } from "react";
import { ChatPanel } from "./chat-panel";

/** The chat on every page: a button that opens a small panel (not on the full /chat page). */
export function ChatWidget() {
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  if (pathname === "/chat") return null;
  return (
    <div className="no-print fixed bottom-4 right-4 z-40 flex flex-col items-end gap-2">
      {open && (
        <div
          id="chat-widget-panel"
          role="dialog"
          aria-label="Chat with MyHibachi"
          className="w-[min(24rem,calc(100vw-2rem))] rounded-2xl border border-stone-200 bg-white p-3 shadow-xl"
        >
          <div className="mb-2 flex items-center justify-between">
            <h2 className="font-bold">Ask MyHibachi</h2>
            <button type="button" className="text-sm underline" onClick={() => setOpen(false)}>
              Close
            </button>
          </div>
          <ChatPanel compact />
        </div>
      )}
      <button
        type="button"
        aria-expanded={open}
        aria-controls="chat-widget-panel"
        onClick={() => setOpen((o) => !o)}
        className="rounded-full bg-brand-600 px-5 py-3 font-semibold text-white shadow-lg hover:bg-brand-700"
      >
        {open ? "Hide chat" : "Chat with us"}
      </button>
    </div>
  );
}
