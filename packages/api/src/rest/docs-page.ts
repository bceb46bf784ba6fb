// Human documentation of a REST API, rendered from its OpenAPI document as one self-contained
// HTML page (no scripts, no fonts or styles from elsewhere: it works offline and under the CSP).
import type { OpenAPIObject } from "trpc-to-openapi";

type Schema = {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  additionalProperties?: Schema | boolean;
  anyOf?: Schema[];
  oneOf?: Schema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  default?: unknown;
  examples?: unknown[];
  description?: string;
};

type Parameter = {
  name: string;
  in: string;
  required?: boolean;
  schema?: Schema;
  description?: string;
};

type Operation = {
  operationId: string;
  summary?: string;
  description?: string;
  tags?: string[];
  security?: Record<string, string[]>[];
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, { description?: string; content?: Record<string, { schema: Schema }> }>;
};

const esc = (s: unknown) =>
  String(s).replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!,
  );

/** `code` spans in descriptions; everything else is text. */
const prose = (s: string | undefined) =>
  s
    ? s
        .split(/\n\n+/)
        .map((p) => `<p>${esc(p).replace(/`([^`]+)`/g, "<code>$1</code>")}</p>`)
        .join("")
    : "";

const SAFE_INT = 9007199254740991;

function limits(s: Schema): string {
  const out: string[] = [];
  if (s.minimum !== undefined && s.minimum !== -SAFE_INT) out.push(`≥ ${s.minimum}`);
  if (s.maximum !== undefined && s.maximum !== SAFE_INT) out.push(`≤ ${s.maximum}`);
  if (s.minLength !== undefined) out.push(`min length ${s.minLength}`);
  if (s.maxLength !== undefined) out.push(`max length ${s.maxLength}`);
  if (s.pattern) out.push(`pattern ${s.pattern}`);
  if (s.format) out.push(s.format);
  if (s.default !== undefined) out.push(`default ${JSON.stringify(s.default)}`);
  return out.length ? ` (${out.join(", ")})` : "";
}

/** A schema as TypeScript-like text, e.g. `{ id: string; status: "HELD" | "PENDING" }`. */
function typeText(s: Schema | undefined, indent = ""): string {
  if (!s) return "unknown";
  if (s.$ref) return s.$ref.split("/").at(-1)!;
  if (s.anyOf ?? s.oneOf) return (s.anyOf ?? s.oneOf)!.map((x) => typeText(x, indent)).join(" | ");
  if (s.enum) return s.enum.map((v) => JSON.stringify(v)).join(" | ");
  if (s.const !== undefined) return JSON.stringify(s.const);
  const types = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
  const one = (t: string): string => {
    if (t === "array") return `${typeText(s.items, indent)}[]`;
    if (t === "object") {
      if (s.properties) {
        const inner = indent + "  ";
        const req = new Set(s.required ?? []);
        const lines = Object.entries(s.properties).map(
          ([k, v]) =>
            `${inner}${k}${req.has(k) ? "" : "?"}: ${typeText(v, inner)};${limits(v) || v.description ? ` // ${[limits(v).replace(/^ \(|\)$/g, ""), v.description].filter(Boolean).join(" — ")}` : ""}`,
        );
        return `{\n${lines.join("\n")}\n${indent}}`;
      }
      if (s.additionalProperties && typeof s.additionalProperties === "object")
        return `{ [key: string]: ${typeText(s.additionalProperties, indent)} }`;
      return "object";
    }
    return t === "integer" ? "integer" : t;
  };
  return types.length ? types.map(one).join(" | ") : "unknown";
}

/** A plausible example value for a schema (its own example, else one built from its type). */
function example(s: Schema | undefined, depth = 0): unknown {
  if (!s || depth > 8) return null;
  if (s.examples?.length) return s.examples[0];
  if (s.default !== undefined) return s.default;
  if (s.enum?.length) return s.enum[0];
  if (s.anyOf ?? s.oneOf) return example((s.anyOf ?? s.oneOf)![0], depth + 1);
  const t = Array.isArray(s.type) ? s.type[0] : s.type;
  switch (t) {
    case "object":
      if (s.properties)
        return Object.fromEntries(
          Object.entries(s.properties).map(([k, v]) => [k, example(v, depth + 1)]),
        );
      return {};
    case "array":
      return [example(s.items, depth + 1)];
    case "integer":
    case "number":
      return s.minimum !== undefined && s.minimum > -SAFE_INT ? s.minimum : 1;
    case "boolean":
      return true;
    case "null":
      return null;
    case "string":
      if (s.format === "date-time") return "2026-05-01T16:00:00.000Z";
      if (s.pattern === "^\\d{4}-\\d{2}-\\d{2}$") return "2026-05-01";
      if (s.pattern?.startsWith("^\\d{5}")) return "95125";
      return "string";
    default:
      return null;
  }
}

function parametersTable(params: Parameter[]): string {
  if (!params.length) return "";
  const rows = params
    .map(
      (p) =>
        `<tr><td><code>${esc(p.name)}</code></td><td>${esc(p.in)}</td><td>${p.required ? "yes" : "no"}</td><td><code>${esc(typeText(p.schema))}</code>${esc(limits(p.schema ?? {}))}</td><td>${prose(p.description ?? p.schema?.description)}</td></tr>`,
    )
    .join("");
  return `<h4>Parameters</h4><table><thead><tr><th>name</th><th>in</th><th>required</th><th>type</th><th></th></tr></thead><tbody>${rows}</tbody></table>`;
}

function curlExample(base: string, method: string, path: string, op: Operation): string {
  const params = op.parameters ?? [];
  let url = base + path;
  for (const p of params.filter((x) => x.in === "path"))
    url = url.replace(`{${p.name}}`, String(example(p.schema) ?? p.name));
  const query = params
    .filter((p) => p.in === "query" && p.required)
    .map((p) => `${p.name}=${encodeURIComponent(String(example(p.schema)))}`);
  if (query.length) url += `?${query.join("&")}`;
  const parts = [`curl -X ${method.toUpperCase()} '${url}'`];
  if (op.security?.some((s) => "apiKey" in s)) parts.push(`-H 'Authorization: Bearer mhk_...'`);
  const body = op.requestBody?.content["application/json"]?.schema;
  if (body) {
    parts.push(`-H 'Content-Type: application/json'`);
    parts.push(`-d '${JSON.stringify(example(body), null, 2)}'`);
  }
  return parts.join(" \\\n  ");
}

const STYLE = `
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1c1917;background:#fafaf9}
main{max-width:980px;margin:0 auto;padding:24px}
nav{background:#fff;border:1px solid #e7e5e4;border-radius:8px;padding:12px 16px;margin:16px 0}
nav ul{margin:4px 0;padding-left:18px}
section.op{background:#fff;border:1px solid #e7e5e4;border-radius:8px;padding:16px;margin:18px 0}
h1{margin:0 0 4px}h2{margin-top:32px;text-transform:capitalize}h3{margin:0 0 6px;font-size:17px}
.m{display:inline-block;min-width:48px;text-align:center;border-radius:4px;color:#fff;font:600 12px/20px ui-monospace,monospace;margin-right:8px}
.GET{background:#0f766e}.POST{background:#b45309}.PUT,.PATCH{background:#7c3aed}.DELETE{background:#b91c1c}
code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:13px}
pre{background:#f5f5f4;border:1px solid #e7e5e4;border-radius:6px;padding:10px;overflow:auto}
table{border-collapse:collapse;width:100%;margin:6px 0}td,th{border-top:1px solid #e7e5e4;padding:4px 8px;text-align:left;vertical-align:top}
th{font-weight:600;font-size:13px;color:#57534e}td p{margin:0}
.muted{color:#57534e}.id{font:12px ui-monospace,monospace;color:#57534e}
`;

/** The API's documentation page. */
export function renderApiDocs(doc: OpenAPIObject, opts: { documentUrl: string }): string {
  const base = doc.servers?.[0]?.url ?? "";
  const ops: { method: string; path: string; op: Operation }[] = [];
  for (const [path, item] of Object.entries(doc.paths ?? {}))
    for (const [method, op] of Object.entries(item as Record<string, Operation>))
      ops.push({ method, path, op });
  const tags = [...new Set(ops.map((o) => o.op.tags?.[0] ?? "other"))];
  const schemes = Object.entries(doc.components?.securitySchemes ?? {}) as [
    string,
    { type: string; in?: string; name?: string; scheme?: string; description?: string },
  ][];

  const section = ({ method, path, op }: (typeof ops)[number]) => {
    const M = method.toUpperCase();
    const body = op.requestBody?.content["application/json"]?.schema;
    const ok = op.responses["200"]?.content?.["application/json"]?.schema;
    const errors = Object.entries(op.responses).filter(([s]) => Number(s) >= 400);
    const auth = op.security?.length
      ? `<p class="muted">Authentication: ${op.security.map((s) => Object.keys(s).join(" + ")).join(" or ")}</p>`
      : `<p class="muted">No authentication needed.</p>`;
    return `<section class="op" id="${esc(op.operationId)}">
<h3><span class="m ${M}">${M}</span><code>${esc(path)}</code></h3>
<div class="id">operationId: ${esc(op.operationId)}</div>
<p><strong>${esc(op.summary ?? "")}</strong></p>${prose(op.description)}${auth}
${parametersTable(op.parameters ?? [])}
${body ? `<h4>Request body (JSON)</h4><pre>${esc(typeText(body))}</pre><h4>Example request</h4><pre>${esc(curlExample(base, method, path, op))}</pre>` : `<h4>Example request</h4><pre>${esc(curlExample(base, method, path, op))}</pre>`}
<h4>Response 200</h4><pre>${esc(typeText(ok))}</pre>
<details><summary>Example response</summary><pre>${esc(JSON.stringify(example(ok), null, 2))}</pre></details>
${errors.length ? `<h4>Errors</h4><table><tbody>${errors.map(([s, r]) => `<tr><td>${esc(s)}</td><td>${prose(r.description)}</td></tr>`).join("")}</tbody></table>` : ""}
</section>`;
  };

  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(doc.info.title)}</title><style>${STYLE}</style></head>
<body><main>
<h1>${esc(doc.info.title)}</h1>
<p class="muted">OpenAPI ${esc(doc.openapi)} · version ${esc(doc.info.version)} · base URL <code>${esc(base)}</code> · machine-readable document: <a href="${esc(opts.documentUrl)}">${esc(opts.documentUrl)}</a></p>
${prose(doc.info.description)}
${schemes.length ? `<h4>Authentication</h4><ul>${schemes.map(([name, s]) => `<li><code>${esc(name)}</code>: ${s.type === "http" ? `<code>Authorization: Bearer &lt;key&gt;</code>` : `cookie <code>${esc(s.name ?? "")}</code>`}. ${esc(s.description ?? "")}</li>`).join("")}</ul>` : ""}
<h4>Errors</h4><pre>${esc(typeText((doc.components?.schemas as Record<string, Schema> | undefined)?.ApiError))}</pre>
<nav><strong>Operations</strong>${tags
    .map(
      (t) =>
        `<div>${esc(t)}<ul>${ops
          .filter((o) => (o.op.tags?.[0] ?? "other") === t)
          .map(
            (o) =>
              `<li><a href="#${esc(o.op.operationId)}">${esc(o.method.toUpperCase())} ${esc(o.path)}</a> — ${esc(o.op.summary ?? "")}</li>`,
          )
          .join("")}</ul></div>`,
    )
    .join("")}</nav>
${tags
  .map(
    (t) =>
      `<h2>${esc(t)}</h2>${ops
        .filter((o) => (o.op.tags?.[0] ?? "other") === t)
        .map(section)
        .join("\n")}`,
  )
  .join("\n")}
</main></body></html>`;
}
