"use client";
import { Button } from "@myhibachi/ui";

/** Opens the browser's print dialog (the sheets print without the app's navigation). */
export function PrintButton({ label = "Print" }: { label?: string }) {
  return (
    <Button
      type="button"
      variant="secondary"
      className="print:hidden"
      onClick={() => window.print()}
    >
      {label}
    </Button>
  );
}
