"use client";
// A list read page by page ("Show older bookings"), shaped like React Query's useInfiniteQuery
// (see query.ts for why the site has its own); only My bookings uses it, so it is its own module.
import { useCallback, useEffect, useRef, useState } from "react";
import { keyOf } from "./query";

export interface UseInfiniteQueryOptions<T, P> {
  queryKey: readonly unknown[];
  queryFn: (ctx: { pageParam: P }) => Promise<T>;
  initialPageParam: P;
  /** The next page's parameter, or undefined when `last` was the last page. */
  getNextPageParam: (last: T) => P | undefined;
  enabled?: boolean;
}

/** A list read page by page ("Show older bookings"); its pages live as long as the component. */
export function useInfiniteQuery<T, P>(opts: UseInfiniteQueryOptions<T, P>) {
  const key = keyOf(opts.queryKey);
  const enabled = opts.enabled !== false;
  const [state, setState] = useState<{
    key: string;
    pages: T[];
    error: unknown;
    fetching: "first" | "next" | null;
  }>({ key, pages: [], error: null, fetching: null });
  const optsRef = useRef(opts);
  useEffect(() => {
    optsRef.current = opts;
  });

  const load = useCallback(
    async (which: "first" | "next", pages: T[]) => {
      const o = optsRef.current;
      const param =
        which === "first" ? o.initialPageParam : o.getNextPageParam(pages[pages.length - 1]!);
      if (param === undefined) return;
      setState((s) => ({ ...s, error: null, fetching: which }));
      try {
        const page = await o.queryFn({ pageParam: param });
        setState((s) =>
          s.key === key
            ? {
                key,
                pages: which === "first" ? [page] : [...s.pages, page],
                error: null,
                fetching: null,
              }
            : s,
        );
      } catch (error) {
        setState((s) => (s.key === key ? { ...s, error, fetching: null } : s));
      }
    },
    [key],
  );

  useEffect(() => {
    setState({ key, pages: [], error: null, fetching: null });
    if (enabled) void load("first", []);
  }, [key, enabled, load]);

  const pages = state.key === key ? state.pages : [];
  const last = pages[pages.length - 1];
  return {
    data: pages.length > 0 ? { pages } : undefined,
    error: state.key === key ? (state.error as Error | null) : null,
    isLoading: pages.length === 0 && state.fetching === "first",
    isFetchingNextPage: state.fetching === "next",
    hasNextPage: last !== undefined && opts.getNextPageParam(last) !== undefined,
    fetchNextPage: () => load("next", pages),
    refetch: () => load("first", []),
  };
}
