// Python `json.dumps` output byte for byte (default separators ", " and ": ", ensure_ascii). The AWS CLI
// names the registration cache file after the sha1 of such a string (docs/internals/token-cache.md 6), and
// writes the token file in this layout, so we produce the same bytes.

type Json = string | number | boolean | null | readonly Json[] | { readonly [k: string]: Json | undefined };

function pyString(s: string): string {
  // JSON.stringify already escapes `"`, `\` and control characters like Python; ensure_ascii also
  // escapes everything outside printable ASCII (DEL included) as lowercase \uXXXX per UTF-16 unit.
  return JSON.stringify(s).replace(
    /[^\x20-\x7e]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

export function pythonJson(value: Json, opts: { sortKeys?: boolean } = {}): string {
  if (value === null) return "null";
  if (typeof value === "string") return pyString(value);
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "number") {
    // Integers match Python exactly; other numbers only appear in foreign fields we carry along.
    return Number.isFinite(value) ? String(value) : "null";
  }
  if (Array.isArray(value)) return `[${value.map((v: Json) => pythonJson(v, opts)).join(", ")}]`;
  const entries = Object.entries(value as Record<string, Json | undefined>).filter(
    (e): e is [string, Json] => e[1] !== undefined,
  );
  if (opts.sortKeys) entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${pyString(k)}: ${pythonJson(v, opts)}`).join(", ")}}`;
}
