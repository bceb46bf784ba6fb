// Loads the repository's `.env` into process.env without overriding variables that are
// already set (the real environment always wins).
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** Parses KEY=value lines; supports `export KEY=...`, quotes and `#` comments. */
export function parseDotEnv(text) {
  const result = {};
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (line === "" || line.startsWith("#")) continue;
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!match) continue;
    const key = match[1];
    let value = match[2];
    const quote = value[0];
    if ((quote === '"' || quote === "'") && value.endsWith(quote) && value.length >= 2) {
      value = value.slice(1, -1);
      if (quote === '"') value = value.replace(/\\n/g, "\n");
    } else {
      // Unquoted: strip a trailing " # comment".
      value = value.replace(/\s+#.*$/, "").trim();
    }
    result[key] = value;
  }
  return result;
}

/** Returns the names of the variables that were loaded. */
export function loadDotEnv(root) {
  const file = join(root, ".env");
  if (!existsSync(file)) return [];
  const loaded = [];
  for (const [key, value] of Object.entries(parseDotEnv(readFileSync(file, "utf8")))) {
    if (process.env[key] === undefined) {
      process.env[key] = value;
      loaded.push(key);
    }
  }
  return loaded;
}
