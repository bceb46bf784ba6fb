// GraphQL arguments as the operations expect them. A GraphQL client may send `null` for an
// optional argument where the operation's schema says "absent" (optional/default): both mean "not
// given", so nulls are dropped before the operation parses the input.

type NoNulls<T> = T extends readonly (infer E)[]
  ? NoNulls<E>[]
  : T extends object
    ? { [K in keyof T]: NoNulls<Exclude<T[K], null>> }
    : Exclude<T, null>;

/** A copy of a GraphQL argument object with null-valued fields removed, at every depth. */
export function withoutNulls<T>(value: T): NoNulls<T> {
  if (Array.isArray(value)) return value.map((v) => withoutNulls(v)) as NoNulls<T>;
  if (value && typeof value === "object" && !(value instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== null) out[k] = withoutNulls(v);
    return out as NoNulls<T>;
  }
  return value as NoNulls<T>;
}
