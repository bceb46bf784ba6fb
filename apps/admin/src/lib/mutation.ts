"use client";
import { useQueryClient } from "@tanstack/react-query";

/** After an admin change, refetch what the page shows (every admin query is cheap). */
export function useRefresh() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries();
}
