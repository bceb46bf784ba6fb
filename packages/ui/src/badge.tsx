import type { ReactNode } from "react";
import { cx } from "./cx";

export function Badge({
  children,
  tone = "neutral",
}: {
  children: ReactNode;
  tone?: "neutral" | "green" | "amber" | "red" | "blue";
}) {
  const tones = {
    neutral: "bg-stone-100 text-stone-700",
    green: "bg-green-100 text-green-800",
    amber: "bg-amber-100 text-amber-900",
    red: "bg-red-100 text-red-800",
    blue: "bg-blue-100 text-blue-800",
  };
  return (
    <span
      className={cx("inline-block rounded-full px-2.5 py-0.5 text-xs font-medium", tones[tone])}
    >
      {children}
    </span>
  );
}
