"use client";
import { usePathname } from "next/navigation";
import { useCallback, useRef, useState, type ComponentType } from "react";

type DialogProps = { open: boolean; onClose: () => void };
let dialogModule: Promise<ComponentType<DialogProps>> | null = null;
/** The panel's code, fetched once, on the first intent to open it. */
function loadDialog() {
  dialogModule ??= import("./chat-dialog").then((m) => m.default);
  return dialogModule;
}

/**
 * The chat launcher, in the site header: it never covers the page (phones have a sticky
 * Continue/total bar at the bottom of the booking wizard). On wide screens (xl) it floats in the
 * empty margin right of the content column. Opening it loads the chat, moves the focus to the
 * message box; Escape or Close hides it and gives the focus back to this button. Not on /chat,
 * which is the chat itself.
 */
export function ChatWidget() {
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  // Mounted from the first open on (then only hidden): the chat starts its session and reads
  // its history only when someone opens it, not when the pointer merely passes over the button.
  const [opened, setOpened] = useState(false);
  const [Dialog, setDialog] = useState<ComponentType<DialogProps> | null>(null);
  const [loadError, setLoadError] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);

  /** Fetches the chat's code ahead of a click (pointer over the button, or focus on it). */
  const prefetch = useCallback(() => {
    loadDialog().then(
      (D) => setDialog(() => D),
      () => {
        dialogModule = null; // try again on the next click
      },
    );
  }, []);

  const close = useCallback(() => {
    setOpen(false);
    buttonRef.current?.focus();
  }, []);

  if (pathname === "/chat") return null;

  function toggle() {
    if (open) return close();
    setLoadError(false);
    setOpen(true);
    setOpened(true);
    loadDialog().then(
      (D) => setDialog(() => D),
      () => {
        dialogModule = null;
        setOpen(false);
        setLoadError(true);
      },
    );
  }

  return (
    <>
      <button
        ref={buttonRef}
        type="button"
        aria-expanded={open}
        aria-controls={Dialog && opened ? "chat-widget-panel" : undefined}
        onClick={toggle}
        onPointerEnter={prefetch}
        onFocus={prefetch}
        onKeyDown={(e) => {
          if (e.key === "Escape" && open) close();
        }}
        className="no-print inline-flex min-h-11 items-center gap-2 rounded-full border border-brand-600 px-3 font-semibold whitespace-nowrap text-brand-700 hover:bg-brand-50 xl:fixed xl:right-6 xl:bottom-6 xl:z-40 xl:h-14 xl:w-14 xl:justify-center xl:border-0 xl:bg-brand-600 xl:px-0 xl:text-white xl:shadow-lg xl:hover:bg-brand-700"
      >
        <svg
          aria-hidden="true"
          viewBox="0 0 24 24"
          className="h-5 w-5 xl:h-7 xl:w-7"
          fill="none"
          stroke="currentColor"
          strokeWidth="2"
          strokeLinejoin="round"
        >
          <path d="M21 11.5a8.5 8.5 0 0 1-12.3 7.6L3 20.5l1.4-5A8.5 8.5 0 1 1 21 11.5z" />
        </svg>
        {open ? (
          <span className="xl:sr-only">Hide chat</span>
        ) : (
          <span>
            <span className="xl:sr-only">Chat</span>
            <span className="sr-only"> with us</span>
          </span>
        )}
      </button>
      {loadError && (
        <span role="alert" className="text-sm text-red-700">
          The chat didn&apos;t load. Check your connection and try again.
        </span>
      )}
      {Dialog && opened && <Dialog open={open} onClose={close} />}
    </>
  );
}
