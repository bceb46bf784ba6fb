// Reads superjson's envelope ({ json, meta }) as the API's transformer writes it, for the answers the
// site's pages get: Dates, undefined, bigints and the special numbers (NaN, ±Infinity, -0), which
// is everything our procedures return. Anything else superjson can encode (Map, Set, RegExp,
// classes) throws, so a procedure that starts returning one fails loudly in
// the e2e tests instead of handing a page the wrong value. Why not superjson itself: 4 KB gzipped
// of the booking page's budget for these five cases (superjson-lite.test.ts checks the two agree).

type Envelope = { json?: unknown; meta?: unknown };

function convert(value: unknown, type: unknown): unknown {
  switch (Array.isArray(type) && type.length === 1 ? type[0] : undefined) {
    case "Date":
      return new Date(value as string);
    case "undefined":
      return undefined;
    case "bigint":
      return BigInt(value as string);
    case "number":
      return Number(value);
    default:
      throw new Error(
        `The server answered with a value this page can't read (${JSON.stringify(type)}).`,
      );
  }
}

/** superjson's escaped path "a.b\\.c.0" -> ["a", "b.c", "0"] ("\\\\" is a backslash). */
function splitPath(path: string): string[] {
  const out: string[] = [];
  let part = "";
  for (let i = 0; i < path.length; i++) {
    const ch = path[i]!;
    if (ch === "\\" && (path[i + 1] === "." || path[i + 1] === "\\")) part += path[++i];
    else if (ch === ".") {
      out.push(part);
      part = "";
    } else part += ch;
  }
  out.push(part);
  return out;
}

export function decodeSuperjson(envelope: Envelope): unknown {
  const json = envelope.json;
  // `meta.referentialEqualities` (one object or Date at several places) needs nothing: the JSON
  // holds a full copy at each place, so the copies are equal, just not the same object.
  const meta = envelope.meta as { values?: unknown } | undefined;
  if (!meta) return json;
  const values = meta.values;
  if (values === undefined) return json;
  if (Array.isArray(values)) return convert(json, values);
  const root = json;
  for (const [path, type] of Object.entries(values as Record<string, unknown>)) {
    const keys = splitPath(path);
    const last = keys.pop()!;
    let parent = root as Record<string, unknown>;
    for (const k of keys) parent = parent[k] as Record<string, unknown>;
    parent[last] = convert(parent[last], type);
  }
  return root;
}
