// The readable line a person sees on a terminal: `HH:mm:ss level message key=value key="two words"`.
// logfmt-like, so the same fields a JSON line carries read as text: a string is quoted (JSON escapes)
// only when it has to be, lists and objects are written as JSON.
import type { LogValue } from "./logger.ts";

/** Bare when it cannot be mistaken for two values: no space, quote, `=`, backslash or control char. */
const BARE = /^[^\s"=\\\p{Cc}]+$/u;

function value(v: LogValue | object): string {
  if (typeof v === "string") return BARE.test(v) ? v : JSON.stringify(v);
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return JSON.stringify(v);
}

/** ` key=value` for each field with a value, in the order given. */
function logfmtFields(fields: Record<string, unknown>): string {
  let out = "";
  for (const [k, v] of Object.entries(fields)) {
    if (v === undefined) continue;
    out += ` ${k}=${value(v as LogValue | object)}`;
  }
  return out;
}

export function humanLine(
  timestamp: string,
  level: string,
  message: string,
  fields: Record<string, unknown>,
) {
  return `${timestamp} ${level} ${message}${logfmtFields(fields)}`;
}
