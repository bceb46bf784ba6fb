import type { ReactNode } from "react";

/** The id the wizard focuses after a step change (see wizard.tsx). */
export const STEP_HEADING_ID = "step-heading";

/**
 * A step's heading: the wizard moves focus here after a step change, so a screen reader says
 * where the customer is and the keyboard continues from the top of the step.
 */
export function StepHeading({ children }: { children: ReactNode }) {
  return (
    <h2
      id={STEP_HEADING_ID}
      tabIndex={-1}
      className="scroll-mt-4 text-xl font-bold focus:outline-none"
    >
      {children}
    </h2>
  );
}
