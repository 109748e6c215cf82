// A line-by-line replica of Python 3's configparser.RawConfigParser._read as botocore uses it (strict=True,
// "=" or ":" delimiters, full-line "#"/";" comments, indented continuation lines, blank lines inside
// values), plus botocore's one-level nested values. Unlike Python it does not stop at the first error:
// it records every problem, so the verdict (no problems ⇔ botocore loads the file) stays the same while
// the user gets all line numbers at once. One pass, no object per line: docs/internals/ini-scanning.md
// gives the rules kept and why each shortcut reads a line exactly as Python's regular expressions do.
import { indexLines } from "./lines.ts";
import { Keys, nestedProblems, type Option } from "./ini-nested.ts";

/** Python's str.isspace() (also what `\s` means in its `re`); JS `\s` differs (adds U+FEFF, lacks
 * U+001C–U+001F and U+0085), and a BOM must stay visible exactly as it does to Python. */
function isPySpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13) || (c >= 0x1c && c <= 0x1f);
  if (c < 0x85) return false;
  return (
    c === 0x85 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

/** First non-space index of s[from, to), or `to`. */
function skipSpace(s: string, from: number, to: number): number {
  while (from < to && isPySpace(s.charCodeAt(from))) from++;
  return from;
}

/** One past the last non-space index of s[from, to), or `from`. */
function skipSpaceBack(s: string, from: number, to: number): number {
  while (to > from && isPySpace(s.charCodeAt(to - 1))) to--;
  return to;
}

type ProblemType = "duplicate-section" | "duplicate-key" | "no-section" | "syntax" | "nested";
export interface IniProblem {
  line: number;
  type: ProblemType;
  message: string;
  /** For duplicates: the line of the first definition. */
  first?: number;
}

export const KIND = { blank: 0, comment: 1, section: 2, option: 3, continuation: 4, error: 5 } as const;

interface ScannedSection {
  header: string;
  line: number;
  /** This header occurrence has at least one key (continuations do not count). */
  hasKeys: boolean;
}

export interface IniScan {
  /** Per line (0-based): its KIND. */
  kinds: Uint8Array;
  /** Per line: the 1-based line of the header whose section it belongs to (0: before any header). */
  sectionLines: Int32Array;
  /** Every header occurrence, in order (duplicates included). */
  sections: ScannedSection[];
  problems: IniProblem[];
}

export function scanIni(text: string): IniScan {
  const { starts, count } = indexLines(text);
  const kinds = new Uint8Array(count);
  const sectionLines = new Int32Array(count);
  const sections: ScannedSection[] = [];
  const problems: IniProblem[] = [];
  const firstHeader = new Map<string, number>(); // header → its first line (Python's elements_added)
  const store = new Map<string, Keys>(); // header → key → option (DEFAULT included)
  // `duplicate`: a repeated header; its keys clash with the first one's, but that is one problem, not many.
  let cur: { section: ScannedSection; keys: Keys; duplicate: boolean } | null = null;
  let opt: Option | null = null;
  let indentLevel = 0;
  for (let i = 0; i < count; i++) {
    const n = i + 1;
    const a = skipSpace(text, starts[i] as number, starts[i + 1] as number);
    const b = skipSpaceBack(text, a, starts[i + 1] as number);
    const c0 = text.charCodeAt(a);
    const comment = a < b && (c0 === 35 || c0 === 59); // "#" or ";"
    const sectionLine = cur?.section.line ?? 0;
    sectionLines[i] = sectionLine;
    if (comment || a === b) {
      if (!comment && opt?.key) opt.values?.push("");
      kinds[i] = comment ? KIND.comment : KIND.blank;
      continue;
    }
    const indent = a - (starts[i] as number);
    if (cur && opt?.key && indent > indentLevel) {
      opt.values?.push(text.slice(a, b));
      kinds[i] = KIND.continuation;
      continue;
    }
    indentLevel = indent;
    // Python: `\[(?P<header>.+)\]` matched at the start, greedy: up to the last "]", at least one char.
    const close = c0 === 91 ? text.lastIndexOf("]", b - 1) : -1;
    if (close > a + 1) {
      const header = text.slice(a + 1, close);
      const first = firstHeader.get(header);
      const duplicate = first !== undefined;
      if (duplicate)
        problems.push({
          line: n,
          type: "duplicate-section",
          message: `duplicate section [${header}]`,
          first,
        });
      if (header !== "DEFAULT" && !duplicate) firstHeader.set(header, n);
      let keys = store.get(header);
      if (!keys) store.set(header, (keys = new Keys()));
      const section: ScannedSection = { header, line: n, hasKeys: false };
      cur = { section, keys, duplicate };
      opt = null;
      sections.push(section);
      sectionLines[i] = n;
      kinds[i] = KIND.section;
      continue;
    }
    if (!cur) {
      // Python keeps a UTF-8 byte-order mark as a character, so even "\uFEFF[default]" is not a header.
      const bom =
        n === 1 && text.charCodeAt(0) === 0xfeff
          ? " (the file starts with a byte-order mark; save it without)"
          : "";
      problems.push({ line: n, type: "no-section", message: `text before the first [section] header${bom}` });
      kinds[i] = KIND.error;
      continue;
    }
    // Python: `(?P<option>.*?)\s*(?P<vi>=|:)\s*(?P<value>.*)$`: the first "=" or ":" splits the line.
    let d = a;
    while (d < b && text.charCodeAt(d) !== 61 && text.charCodeAt(d) !== 58) d++;
    if (d === b) {
      problems.push({
        line: n,
        type: "syntax",
        message: `no "=" or ":" in a line that is not a continuation`,
      });
      kinds[i] = KIND.error;
      continue;
    }
    const key = text.slice(a, skipSpaceBack(text, a, d)).toLowerCase();
    if (key === "") problems.push({ line: n, type: "syntax", message: "empty key name" });
    const prev = cur.keys.get(key);
    if (prev && !cur.duplicate) {
      const message = `duplicate key "${key}" in [${cur.section.header}]`;
      problems.push({ line: n, type: "duplicate-key", message, first: prev.line });
    }
    // Only a value that starts empty can become a nested one; the others need no list of lines.
    opt = { key, line: n, values: skipSpace(text, d + 1, b) === b ? [""] : null };
    cur.keys.set(opt);
    cur.section.hasKeys = true;
    kinds[i] = KIND.option;
  }
  problems.push(...nestedProblems(store));
  return { kinds, sectionLines, sections, problems };
}
