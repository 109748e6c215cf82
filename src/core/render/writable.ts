// What can be written into the files we generate, and what cannot. The rules and the parser behaviour they
// come from are in docs/internals/content-safety.md: control characters are never written anywhere; an INI
// value must read the same in botocore (full-line comments only) and the JS SDK (a `#` or `;` at the start
// or after whitespace starts a comment, anywhere on the line).
/* eslint-disable no-control-regex -- finding control characters is what this file is for */

/** C0 and C1 controls, DEL, and the Unicode line and paragraph separators. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
const CONTROL_RUNS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;

export function hasControl(v: string): boolean {
  return CONTROL.test(v);
}

/** A value as a JSON string literal: control characters escaped, so messages never carry them raw. */
export function quoted(v: string): string {
  // JSON.stringify escapes C0 controls but leaves DEL, C1 and the separators raw.
  const hex = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
  return JSON.stringify(v).replace(/[\u007f-\u009f\u2028\u2029]/g, hex);
}

/** Text for display (comments, labels): every run of control characters becomes one space. */
export function displayText(v: string): string {
  return v.replace(CONTROL_RUNS, " ").trim();
}

/**
 * Why `v` cannot be written as an INI value that botocore and the JS SDK both read as exactly `v`, or
 * undefined when it can. Both parsers strip blanks around a value, so those would be lost too.
 */
export function iniValueProblem(v: string): string | undefined {
  if (v.length === 0) return "it is empty";
  if (hasControl(v)) return "it holds a control character (line break, tab, NUL, …)";
  if (v.trim() !== v) return "it starts or ends with a blank, which both parsers strip";
  if (/^[#;]/.test(v)) return "it starts with # or ;, which the JS SDK reads as a comment";
  if (/\s[#;]/.test(v)) return 'it holds " #" or " ;", where the JS SDK cuts the value off as a comment';
  return undefined;
}

/** The first line of `text` holding a control character other than tab and the line ending, if any. */
export function controlLine(text: string): { line: number; char: string } | undefined {
  const lines = text.split("\n");
  for (const [i, raw] of lines.entries()) {
    const l = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    const m = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/.exec(l);
    if (m)
      return { line: i + 1, char: `U+${m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}` };
  }
  return undefined;
}
