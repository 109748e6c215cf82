// A line-by-line replica of Python 3's configparser.RawConfigParser._read as botocore uses it (strict=True,
// "=" or ":" delimiters, full-line "#"/";" comments, indented continuation lines, blank lines inside
// values), plus botocore's one-level nested values. Unlike Python it does not stop at the first error:
// it records every problem, so the verdict (no problems ⇔ botocore loads the file) stays the same while
// the user gets all line numbers at once. See idc-api.md 7.2.
import { splitLines } from "./lines.ts";

// Python's str.isspace() set (also what `\s` means in its `re`); JS `\s` differs (adds U+FEFF, lacks
// U+001C–U+001F and U+0085), and a BOM must stay visible exactly as it does to Python.
const WS = "\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
const STRIP_RE = new RegExp(`^[${WS}]+|[${WS}]+$`, "g");
const RSTRIP_RE = new RegExp(`[${WS}]+$`);
const NONSPACE_RE = new RegExp(`[^${WS}]`);
const SECT_RE = /^\[([^\n]+)\]/;
const OPT_RE = new RegExp(`^([^\\n]*?)[${WS}]*(=|:)[${WS}]*([^\\n]*)$`);
// What Python's str.splitlines() breaks on (botocore splits nested values with it), separators included.
// eslint-disable-next-line no-control-regex
const PY_SPLITLINES_RE = new RegExp("\\r\\n|[\\n\\r\\v\\f\\x1c\\x1d\\x1e\\x85\\u2028\\u2029]");

export const pyStrip = (s: string): string => s.replace(STRIP_RE, "");

export type ProblemType = "duplicate-section" | "duplicate-key" | "no-section" | "syntax" | "nested";
export interface IniProblem {
  line: number;
  type: ProblemType;
  message: string;
  /** For duplicates: the line of the first definition. */
  first?: number;
}

export type LineKind = "blank" | "comment" | "section" | "option" | "continuation" | "error";
export interface ScannedLine {
  kind: LineKind;
  /** 1-based line of the header whose section this line belongs to (0: before any header). */
  sectionLine: number;
}

export interface ScannedSection {
  header: string;
  line: number;
}

export interface IniScan {
  lines: ScannedLine[];
  /** Every header occurrence, in order (duplicates included). */
  sections: ScannedSection[];
  problems: IniProblem[];
}

interface Option {
  key: string;
  line: number;
  values: string[];
}

export function scanIni(text: string): IniScan {
  const lines: ScannedLine[] = [];
  const sections: ScannedSection[] = [];
  const problems: IniProblem[] = [];
  const store = new Map<string, Map<string, Option>>(); // header → key → option (DEFAULT included)
  const added = new Set<string>(); // Python's elements_added: "s:" + header, "o:" + header + "\0" + key
  // `duplicate`: a repeated header; its keys clash with the first one's, but that is one problem, not many.
  let cur: { header: string; line: number; duplicate: boolean } | null = null;
  let opt: Option | null = null;
  let indentLevel = 0;
  for (const [i, { text: raw }] of splitLines(text).entries()) {
    const n = i + 1;
    const stripped = pyStrip(raw);
    const comment = stripped.startsWith("#") || stripped.startsWith(";");
    const sectionLine = cur?.line ?? 0;
    if (comment || stripped === "") {
      if (!comment && cur && opt?.key) opt.values.push("");
      lines.push({ kind: comment ? "comment" : "blank", sectionLine });
      continue;
    }
    const indent = NONSPACE_RE.exec(raw)?.index ?? 0;
    if (cur && opt?.key && indent > indentLevel) {
      opt.values.push(stripped);
      lines.push({ kind: "continuation", sectionLine });
      continue;
    }
    indentLevel = indent;
    const sm = SECT_RE.exec(stripped);
    if (sm) {
      const header = sm[1] as string;
      const duplicate = added.has(`s:${header}`);
      if (duplicate) {
        const first = sections.find((s) => s.header === header)?.line ?? 0;
        problems.push({
          line: n,
          type: "duplicate-section",
          message: `duplicate section [${header}]`,
          first,
        });
      }
      if (header !== "DEFAULT") added.add(`s:${header}`);
      if (!store.has(header)) store.set(header, new Map());
      cur = { header, line: n, duplicate };
      opt = null;
      sections.push({ header, line: n });
      lines.push({ kind: "section", sectionLine: n });
      continue;
    }
    if (!cur) {
      // Python keeps a UTF-8 byte-order mark as a character, so even "\uFEFF[default]" is not a header.
      const bom =
        n === 1 && raw.startsWith("\ufeff")
          ? " (the file starts with a byte-order mark; save it without)"
          : "";
      problems.push({ line: n, type: "no-section", message: `text before the first [section] header${bom}` });
      lines.push({ kind: "error", sectionLine });
      continue;
    }
    const om = OPT_RE.exec(stripped);
    if (!om) {
      problems.push({
        line: n,
        type: "syntax",
        message: `no "=" or ":" in a line that is not a continuation`,
      });
      lines.push({ kind: "error", sectionLine });
      continue;
    }
    const key = (om[1] as string).replace(RSTRIP_RE, "").toLowerCase();
    if (key === "") problems.push({ line: n, type: "syntax", message: "empty key name" });
    const section = store.get(cur.header) as Map<string, Option>;
    const prev = section.get(key);
    if (added.has(`o:${cur.header}\0${key}`) && !cur.duplicate) {
      const message = `duplicate key "${key}" in [${cur.header}]`;
      problems.push({ line: n, type: "duplicate-key", message, ...(prev ? { first: prev.line } : {}) });
    }
    added.add(`o:${cur.header}\0${key}`);
    opt = { key, line: n, values: [pyStrip(om[3] as string)] };
    section.set(key, opt);
    lines.push({ kind: "option", sectionLine });
  }
  problems.push(...nestedProblems(store));
  return { lines, sections, problems };
}

// botocore parses a value that starts with a line break (`s3 =` + indented lines) as `k = v` pairs and
// fails the whole file if one of them has no "=". DEFAULT's options show up in every section.
function nestedProblems(store: Map<string, Map<string, Option>>): IniProblem[] {
  const defaults = store.get("DEFAULT") ?? new Map<string, Option>();
  const bad = new Map<Option, IniProblem>();
  for (const [header, options] of store) {
    if (header === "DEFAULT") continue;
    for (const [key, option] of new Map([...defaults, ...options])) {
      const value = option.values.join("\n").replace(RSTRIP_RE, "");
      if (!value.startsWith("\n")) continue;
      const broken = value.split(PY_SPLITLINES_RE).some((l) => pyStrip(l) !== "" && !l.includes("="));
      if (broken && !bad.has(option))
        bad.set(option, {
          line: option.line,
          type: "nested",
          message: `nested value of "${key}" has a line without "="`,
        });
    }
  }
  return [...bad.values()];
}
