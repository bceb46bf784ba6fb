"use client";
import { useEffect, useRef, type ReactNode } from "react";
import { formatCents } from "@myhibachi/shared";

/**
 * The bar with the live total and the page's primary button, shared by the booking wizard
 * (WizardNav: Back and Continue or Confirm) and finish-a-hold (Confirm booking). On a phone it is
 * stuck to the bottom of the screen, so the price and the next step are always in sight; from the
 * `lg` width up it is a plain row in the page (the price sits in the sidebar there), and the
 * total slot is hidden. The bar carries `data-sticky-bar` and publishes its height as the CSS
 * variable `--sticky-bar-height` on <html>, so floating things (the chat launcher) can stay clear
 * of it. A page with the bar leaves room for it at its bottom on a phone (`pb-40 lg:pb-0`).
 */
export function StickyBar({
  total,
  above,
  children,
}: {
  /** The live total (or why there is none yet), shown in the phone bar only. */
  total: ReactNode;
  /** Said above the buttons, where the customer presses them (a refusal, a problem). */
  above?: ReactNode;
  /** The buttons. */
  children: ReactNode;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === "undefined") return;
    const root = document.documentElement;
    const publish = () => {
      const fixed = getComputedStyle(el).position === "fixed";
      root.style.setProperty("--sticky-bar-height", fixed ? `${el.offsetHeight}px` : "0px");
    };
    publish();
    const ro = new ResizeObserver(publish);
    ro.observe(el);
    window.addEventListener("resize", publish);
    return () => {
      ro.disconnect();
      window.removeEventListener("resize", publish);
      root.style.removeProperty("--sticky-bar-height");
    };
  }, []);
  return (
    <div
      ref={ref}
      data-sticky-bar
      className="fixed inset-x-0 bottom-0 z-50 border-t border-stone-200 bg-white px-4 pb-[max(0.75rem,env(safe-area-inset-bottom))] pt-3 shadow-[0_-4px_16px_rgba(0,0,0,0.08)] lg:static lg:z-auto lg:border-0 lg:bg-transparent lg:p-0 lg:shadow-none"
    >
      {above}
      <div className="flex items-center gap-2 lg:justify-between">
        <div className="min-w-0 flex-1 lg:hidden" data-testid="bar-total">
          {total}
        </div>
        {children}
      </div>
    </div>
  );
}

/**
 * The bar's total: "Total, paid at the event $1,234.00" (or with the deposit), else why there is
 * no price yet (`hint`). `extra`: a line under it (finish-a-hold: the time left on the hold).
 */
export function BarTotal({
  quote,
  stripe,
  hint,
  extra,
}: {
  quote: { totalCents: number; depositCents: number } | null | undefined;
  stripe: boolean;
  hint: ReactNode;
  extra?: ReactNode;
}) {
  return (
    <>
      {quote ? (
        <p className="leading-tight">
          <span className="block text-xs text-muted">
            Total{stripe ? `, ${formatCents(quote.depositCents)} deposit` : ", paid at the event"}
          </span>
          <span className="text-lg font-bold tabular-nums">{formatCents(quote.totalCents)}</span>
        </p>
      ) : (
        <p className="text-sm leading-tight text-muted">{hint}</p>
      )}
      {extra}
    </>
  );
}
