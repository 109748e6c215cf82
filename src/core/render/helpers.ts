// Template helpers, registered on each runtime's own Handlebars environment. Escaping is per output format:
// nothing is HTML-escaped by default (templates compile with noEscape), and every value that came from the
// API must pass through the helper for the format it lands in.
import type { HelperDelegate } from "handlebars";

const str = (v: unknown): string => (v === undefined || v === null ? "" : String(v));

/** Lower-case, runs of anything but [a-z0-9] become one "-", no leading/trailing "-". */
export function slug(v: unknown): string {
  return str(v)
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/** An INI value: one line, no leading/trailing blanks (both parsers strip them anyway). */
export function iniValue(v: unknown): string {
  return str(v)
    .replace(/[\r\n]+/g, " ")
    .trim();
}

/**
 * Text for a full-line comment: one line, and never our own marker. An account named
 * "END aws-sso-sync:aws-config" would otherwise close the region early.
 */
export function commentText(v: unknown): string {
  return str(v)
    .replace(/[\r\n]+/g, " ")
    .replace(/aws-sso-sync:/gi, "aws-sso-sync :")
    .trim();
}

/** POSIX shell single-quoted string (bash, zsh, sh): `'` becomes `'\''`. */
export function shQuote(v: unknown): string {
  return `'${str(v).replace(/'/g, `'\\''`)}'`;
}

/** fish single-quoted string: only `\` and `'` are special. */
export function fishQuote(v: unknown): string {
  return `'${str(v).replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
}

/** PowerShell single-quoted string: `'` (and its typographic cousins) doubled. */
export function pwshQuote(v: unknown): string {
  return `'${str(v).replace(/['\u2018\u2019\u201a\u201b]/g, "$&$&")}'`;
}

export function htmlEscape(v: unknown): string {
  return str(v).replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);
}

// Handlebars passes an options hash as the last argument; helpers with optional args drop it.
const args = (a: unknown[]): unknown[] => a.slice(0, -1);

export const helpers: Record<string, HelperDelegate> = {
  slug,
  lower: (v: unknown) => str(v).toLowerCase(),
  upper: (v: unknown) => str(v).toUpperCase(),
  kebab: (v: unknown) => slug(str(v).replace(/([a-z0-9])([A-Z])/g, "$1-$2")),
  snake: (v: unknown) => slug(str(v).replace(/([a-z0-9])([A-Z])/g, "$1-$2")).replace(/-/g, "_"),
  trim: (v: unknown) => str(v).trim(),
  replace: (v: unknown, from: unknown, to: unknown) => str(v).split(str(from)).join(str(to)),
  ini: iniValue,
  comment: commentText,
  sh: shQuote,
  fish: fishQuote,
  pwsh: pwshQuote,
  html: htmlEscape,
  json: (v: unknown) => JSON.stringify(v ?? null),
  urlencode: (v: unknown) => encodeURIComponent(str(v)),
  join: (list: unknown, ...rest: unknown[]) => {
    const sep = args(rest)[0];
    return Array.isArray(list) ? list.map(str).join(sep === undefined ? "," : str(sep)) : str(list);
  },
  eq: (a: unknown, b: unknown) => a === b,
  ne: (a: unknown, b: unknown) => a !== b,
  or: (...rest: unknown[]) => args(rest).some(Boolean),
  and: (...rest: unknown[]) => args(rest).every(Boolean),
  default: (v: unknown, d: unknown) => (v === undefined || v === null || v === "" ? d : v),
};

/** Names and one-line docs of every helper, for docs/templates.md and `validate`. */
export const helperDocs: Record<string, string> = {
  slug: "lower-case, runs of other characters → `-` (`Prod Account (EU)` → `prod-account-eu`)",
  lower: "lower-case",
  upper: "upper-case",
  kebab: "camelCase and spaces → kebab-case",
  snake: "camelCase and spaces → snake_case",
  trim: "strip leading and trailing blanks",
  replace: '`{{replace value "from" "to"}}` replaces every occurrence',
  ini: "an INI value on one line (line breaks become spaces, blanks trimmed)",
  comment: "text for a full-line comment (one line; never mistaken for a marker line)",
  sh: "a POSIX shell single-quoted string (bash, zsh)",
  fish: "a fish single-quoted string",
  pwsh: "a PowerShell single-quoted string",
  html: "HTML-escaped text (for HTML outputs)",
  json: "a JSON literal (strings quoted and escaped)",
  urlencode: "percent-encoded for a URL query or path",
  join: '`{{join list ","}}` joins a list',
  eq: "`{{#if (eq a b)}}` equality",
  ne: "inequality",
  or: "any argument truthy",
  and: "every argument truthy",
  default: '`{{default value "fallback"}}`',
};
