"use client";
import { useCallback, useState } from "react";

/**
 * A module loaded on demand (the step checks, the later steps): null until `ensure()` has loaded
 * it, then the module. `ensure()` can be called any number of times (the import is cached) and
 * gives the module back, for a caller that can't wait for the next render.
 */
export function useLoaded<M>(load: () => Promise<M>): [M | null, () => Promise<M>] {
  const [mod, setMod] = useState<M | null>(null);
  const ensure = useCallback(
    () =>
      load().then((m) => {
        setMod(() => m);
        return m;
      }),
    [load],
  );
  return [mod, ensure];
}
