// Template helpers, registered on each runtime's own Handlebars environment. Escaping is per output format:
// nothing is HTML-escaped by default (templates compile with noEscape), and every value that came from the
// API must pass through the helper for the format it lands in.
// No helper ever passes a control character through: quoting helpers refuse a value holding one (the
// output fails and says which value), display helpers (comment, html) turn it into a space.
import type { HelperDelegate } from "handlebars";
import { displayText, hasControl, iniValueProblem, quoted } from "./writable.ts";

const str = (v: unknown): string => (v === undefined || v === null ? "" : String(v));

/** Lower-case, runs of anything but [a-z0-9] become one "-", no leading/trailing "-". */
function slug(v: unknown): string {
  return str(v)
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/** Refuses what a quoted string cannot hold as it is: the output fails rather than write it changed. */
function plain(v: unknown, format: string): string {
  const s = str(v);
  if (hasControl(s))
    throw new Error(`${quoted(s)} holds a control character and cannot be written as ${format}`);
  return s;
}

/**
 * An INI value, blanks around it trimmed (both parsers strip them anyway). A value botocore and the JS SDK
 * would read differently (a control character, " #", " ;", a leading # or ;) is refused, never rewritten.
 */
function iniValue(v: unknown): string {
  const s = str(v).trim();
  const problem = s === "" ? undefined : iniValueProblem(s);
  if (problem) throw new Error(`${quoted(s)} cannot be written as an INI value: ${problem}`);
  return s;
}

/**
 * Text for a full-line comment: one line, and never our own marker. An account named
 * "END aws-sso-sync:aws-config" would otherwise close the region early.
 */
function commentText(v: unknown): string {
  return displayText(str(v)).replace(/aws-sso-sync:/gi, "aws-sso-sync :");
}

/** POSIX shell single-quoted string (bash, zsh, sh): `'` becomes `'\''`. */
export function shQuote(v: unknown): string {
  return `'${plain(v, "a shell string").replace(/'/g, `'\\''`)}'`;
}

/** fish single-quoted string: only `\` and `'` are special. */
export function fishQuote(v: unknown): string {
  return `'${plain(v, "a fish string").replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
}

/** PowerShell single-quoted string: `'` (and its typographic cousins) doubled. */
export function pwshQuote(v: unknown): string {
  return `'${plain(v, "a PowerShell string").replace(/['\u2018\u2019\u201a\u201b]/g, "$&$&")}'`;
}

export function htmlEscape(v: unknown): string {
  return displayText(str(v)).replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);
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
  ini: "an INI value (blanks trimmed); a value botocore and the JS SDK would read differently (control characters, ` #`, ` ;`) fails the output",
  comment:
    "text for a full-line comment (one line, control characters become spaces; never mistaken for a marker line)",
  sh: "a POSIX shell single-quoted string (bash, zsh); a control character fails the output",
  fish: "a fish single-quoted string; a control character fails the output",
  pwsh: "a PowerShell single-quoted string; a control character fails the output",
  html: "HTML-escaped text (for HTML outputs; control characters become spaces)",
  json: "a JSON literal (strings quoted and escaped)",
  urlencode: "percent-encoded for a URL query or path",
  join: '`{{join list ","}}` joins a list',
  eq: "`{{#if (eq a b)}}` equality",
  ne: "inequality",
  or: "any argument truthy",
  and: "every argument truthy",
  default: '`{{default value "fallback"}}`',
};
