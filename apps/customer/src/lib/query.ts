"use client";
// The few parts of React Query the customer site uses, over one in-memory cache per tab: a query
// is fetched once per key while components show it (shared between them, fresh for 15 s,
// retried once when the failure may be temporary, kept while its key changes when asked), a
// mutation reports its progress, and `invalidateQueries` refetches what a change made stale.
// The call sites read like React Query's (`useQuery(rpc.x.queryOptions(input))`). Why not React
// Query: its 10 KB gzipped do not fit the booking pages' first-load budget (see rpc.ts).
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from "react";
import { canRetry } from "@myhibachi/ui/errors";
import type { QueryOptions } from "./rpc";

const STALE_MS = 15_000;

interface Entry {
  data: unknown;
  error: unknown;
  /** When `data` (or `error`) arrived; 0 = never, or made stale by `invalidateQueries`. */
  at: number;
  fetching: Promise<void> | null;
  /** The latest options: what to fetch again on invalidation. */
  fetch: QueryOptions<unknown>["queryFn"] | null;
  retry: boolean;
  listeners: Set<() => void>;
  /** A new object on every change, for useSyncExternalStore. */
  snapshot: { data: unknown; error: unknown; fetching: boolean; at: number };
}

const cache = new Map<string, Entry>();
/** A query key as one string: the cache's key, compared by value. */
export const keyOf = (key: readonly unknown[]) => JSON.stringify(key);

function entry(key: string): Entry {
  let e = cache.get(key);
  if (!e) {
    e = {
      data: undefined,
      error: null,
      at: 0,
      fetching: null,
      fetch: null,
      retry: true,
      listeners: new Set(),
      snapshot: { data: undefined, error: null, fetching: false, at: 0 },
    };
    cache.set(key, e);
  }
  return e;
}

function publish(e: Entry) {
  e.snapshot = { data: e.data, error: e.error, fetching: e.fetching !== null, at: e.at };
  for (const l of e.listeners) l();
}

function run(e: Entry): Promise<void> {
  if (e.fetching) return e.fetching;
  const fn = e.fetch;
  if (!fn) return Promise.resolve();
  const attempt = async (left: number): Promise<unknown> => {
    try {
      return await fn({ signal: new AbortController().signal });
    } catch (err) {
      if (left > 0 && canRetry(err)) {
        await new Promise((r) => setTimeout(r, 1000));
        return attempt(left - 1);
      }
      throw err;
    }
  };
  e.fetching = attempt(e.retry ? 1 : 0).then(
    (data) => {
      e.data = data;
      e.error = null;
    },
    (err: unknown) => {
      e.error = err;
    },
  );
  e.fetching = e.fetching.finally(() => {
    e.fetching = null;
    e.at = Date.now();
    publish(e);
  });
  publish(e);
  return e.fetching;
}

const EMPTY = { data: undefined, error: null, fetching: false, at: 0 };

export interface UseQueryOptions<T> extends QueryOptions<T> {
  enabled?: boolean;
  /** Show the previous key's data while the new key loads (`(prev) => prev`). */
  placeholderData?: (previous: T | undefined) => T | undefined;
  retry?: boolean | number;
  /** Poll: milliseconds, or a function of the query's latest state (false stops). */
  refetchInterval?:
    number | false | ((query: { state: { data: T | undefined } }) => number | false);
}

export interface QueryResult<T> {
  data: T | undefined;
  /** The last failure (an RpcError, or fetch's own error when there was no answer). */
  error: Error | null;
  /** No data yet and a request is under way. */
  isLoading: boolean;
  /** No data yet (loading, disabled or failed). */
  isPending: boolean;
  isFetching: boolean;
  isError: boolean;
  isSuccess: boolean;
  refetch: () => Promise<void>;
}

export function useQuery<T>(opts: UseQueryOptions<T>): QueryResult<T> {
  const key = keyOf(opts.queryKey);
  const enabled = opts.enabled !== false;
  // Server rendering shows the loading state and never touches the (per-tab) cache.
  if (typeof window !== "undefined") {
    const e = entry(key);
    e.fetch = opts.queryFn as Entry["fetch"];
    e.retry = opts.retry !== false && opts.retry !== 0;
  }

  const subscribe = useCallback(
    (listener: () => void) => {
      const en = entry(key);
      en.listeners.add(listener);
      return () => en.listeners.delete(listener);
    },
    [key],
  );
  const snap = useSyncExternalStore(
    subscribe,
    () => entry(key).snapshot,
    () => EMPTY,
  );

  useEffect(() => {
    if (!enabled) return;
    const en = entry(key);
    if (!en.fetching && (en.at === 0 || Date.now() - en.at > STALE_MS)) void run(en);
  }, [key, enabled]);

  const interval = opts.refetchInterval;
  const every =
    typeof interval === "function" ? interval({ state: { data: snap.data as T } }) : interval;
  useEffect(() => {
    if (!enabled || !every) return;
    const t = setInterval(() => void run(entry(key)), every);
    return () => clearInterval(t);
  }, [key, enabled, every]);

  // The last data this hook showed, for `placeholderData`.
  const last = useRef<T | undefined>(undefined);
  const fresh = snap.data as T | undefined;
  const data =
    fresh !== undefined || !opts.placeholderData ? fresh : opts.placeholderData(last.current);
  useEffect(() => {
    if (data !== undefined) last.current = data;
  });

  const refetch = useCallback(() => run(entry(key)), [key]);
  const hasData = data !== undefined;
  // A query about to be fetched (on the server, and on the first render in the browser, before
  // the effect starts it) already counts as fetching, as in React Query: the page says
  // "Loading…" rather than flashing what it shows when there is nothing.
  const fetching = snap.fetching || (enabled && snap.at === 0);
  return {
    data,
    error: (snap.error as Error | null) ?? null,
    isLoading: !hasData && fetching,
    isPending: !hasData,
    isFetching: fetching,
    isError: snap.error != null,
    isSuccess: hasData && snap.error == null,
    refetch,
  };
}

/** Marks every query whose key starts with `queryKey` stale, and refetches those on screen. */
export async function invalidateQueries({ queryKey }: { queryKey: readonly unknown[] }) {
  const prefix = keyOf(queryKey).slice(0, -1);
  const shown: Promise<void>[] = [];
  for (const [k, e] of cache) {
    if (k !== prefix + "]" && !k.startsWith(prefix + ",")) continue;
    e.at = 0;
    if (e.listeners.size > 0) shown.push(run(e));
  }
  await Promise.all(shown);
}

/**
 * An answer a server component already read for a query (handed down as a prop): this tab's
 * cached answer for its key when the tab has none yet, so the page doesn't ask again. Call it
 * before `useQuery` with the same key. Never on the server: there this module's cache would be
 * shared between requests (the server render shows the loading state, as for any query).
 */
export function seedQuery(queryKey: readonly unknown[], data: unknown) {
  if (typeof window === "undefined" || data === undefined) return;
  const e = entry(keyOf(queryKey));
  if (e.at !== 0 || e.fetching || e.data !== undefined) return;
  e.data = data;
  e.at = Date.now();
  e.snapshot = { data, error: null, fetching: false, at: e.at };
}

/** React Query's `useQueryClient().invalidateQueries`, the one cache operation the pages use. */
export function useQueryClient() {
  return { invalidateQueries };
}

export interface MutationCallbacks<TData, TVars> {
  onSuccess?: (data: TData, vars: TVars) => unknown;
  onError?: (error: unknown, vars: TVars) => unknown;
  onSettled?: (data: TData | undefined, error: unknown, vars: TVars) => unknown;
}

export interface UseMutationOptions<TData, TVars> extends MutationCallbacks<TData, TVars> {
  mutationFn: (vars: TVars) => Promise<TData>;
}

/** A change: `mutate` runs it once at a time (a second call while one runs is ignored). */
export function useMutation<TData, TVars>(opts: UseMutationOptions<TData, TVars>) {
  const [state, setState] = useState<{
    status: "idle" | "pending" | "success" | "error";
    data?: TData;
    error?: unknown;
  }>({
    status: "idle",
  });
  const running = useRef(false);
  const optsRef = useRef(opts);
  useEffect(() => {
    optsRef.current = opts;
  });
  const mutateAsync = useCallback(async (vars: TVars): Promise<TData> => {
    const o = optsRef.current;
    running.current = true;
    setState({ status: "pending" });
    try {
      const data = await o.mutationFn(vars);
      setState({ status: "success", data });
      await o.onSuccess?.(data, vars);
      await o.onSettled?.(data, null, vars);
      return data;
    } catch (error) {
      setState({ status: "error", error });
      await o.onError?.(error, vars);
      await o.onSettled?.(undefined, error, vars);
      throw error;
    } finally {
      running.current = false;
    }
  }, []);
  const mutate = useCallback(
    (vars: TVars) => {
      if (running.current) return;
      mutateAsync(vars).catch(() => {});
    },
    [mutateAsync],
  );
  const reset = useCallback(() => setState({ status: "idle" }), []);
  return {
    mutate,
    mutateAsync,
    reset,
    data: state.data,
    error: (state.error as Error | undefined) ?? null,
    isPending: state.status === "pending",
    isSuccess: state.status === "success",
    isError: state.status === "error",
  };
}
