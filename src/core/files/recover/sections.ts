// Sections as another tool leaves them, and whether one is recognisably ours: an output generates a section
// of that name, and every key in it is a key that output writes there, with the value it writes (go-ini pads
// and re-spaces lines, so keys are compared by name, lowercased as botocore reads them, and values trimmed).
// A section holding anything else (a key, a value or a comment of the user's) is the user's, and the user's
// sections always win: a profile written by hand under one of our names is never taken for ours.
import { KIND, scanIni, type IniScan } from "../ini-scan.ts";
import { sectionId } from "../ini.ts";
import { lineText, type LineIndex } from "../lines.ts";
import { markerOf } from "../markers.ts";

export interface FileSection {
  id: string;
  /** 0-based line of the header. */
  header: number;
  /** 0-based line of its last key (or continuation); the header when it has none. */
  last: number;
  keys: string[];
  /** Each key's value (the last one wins), continuation lines included. */
  values: Map<string, string>;
  /** A comment line between its header and its last key that is not a marker line. */
  comments: boolean;
}

export interface Generated {
  /** Per section id: the keys the output writes there, with their values. */
  keys: Map<string, Map<string, string>>;
  /** Comment lines (normalised) the output writes right above each section. */
  above: Map<string, Set<string>>;
}

/** "#  text " and "# text" are one comment: go-ini writes the token, one space, the rest trimmed. */
export const normComment = (t: string): string => {
  const s = t.trim();
  return `${s.slice(0, 1)} ${s.slice(1).trim()}`;
};

const keyOf = (line: string): string => (line.split(/[=:]/, 1)[0] ?? "").trim().toLowerCase();

/** A value trimmed; go-ini's save wraps one holding `#`, `;` or a line break in backticks or `"""`. */
function valueOf(line: string): string {
  const at = line.search(/[=:]/);
  const v = at < 0 ? "" : line.slice(at + 1).trim();
  const quoted = /^(`|"{3})([\s\S]*)\1$/.exec(v);
  return quoted ? (quoted[2] ?? "") : v;
}

/** Each key's value in lines [from, to); a continuation line extends the value above it. */
function readValues(kinds: ArrayLike<number>, line: (i: number) => string, from: number, to: number) {
  const values = new Map<string, string>();
  let key: string | undefined;
  for (let i = from; i < to; i++) {
    if (kinds[i] === KIND.option) values.set((key = keyOf(line(i))), valueOf(line(i)));
    else if (kinds[i] === KIND.continuation && key !== undefined)
      values.set(key, `${values.get(key) ?? ""}\n${line(i).trim()}`);
  }
  return values;
}

export function fileSections(idx: LineIndex, scan: IniScan): FileSection[] {
  const out: FileSection[] = [];
  scan.sections.forEach((s, k) => {
    const header = s.line - 1;
    const next = (scan.sections[k + 1]?.line ?? idx.count + 1) - 1;
    let last = header;
    const keys: string[] = [];
    let comments = false;
    for (let i = header + 1; i < next; i++) {
      const kind = scan.kinds[i];
      if (kind === KIND.option) keys.push(keyOf(lineText(idx, i)));
      if (kind === KIND.option || kind === KIND.continuation || kind === KIND.error) {
        if (kind === KIND.error) keys.push("\0"); // a line botocore refuses is nobody's key of ours
        last = i;
      }
    }
    for (let i = header + 1; i < last; i++)
      if (scan.kinds[i] === KIND.comment && !markerOf(lineText(idx, i))) comments = true;
    const values = readValues(scan.kinds, (i) => lineText(idx, i), header + 1, last + 1);
    out.push({ id: sectionId(s.header), header, last, keys, values, comments });
  });
  return out;
}

/** The sections an output's content defines, their keys and values, and the comment lines right above them. */
export function generatedSections(content: string): Generated {
  const lines = content.split(/\r\n|\n|\r/);
  const scan = scanIni(content);
  const keys = new Map<string, Map<string, string>>();
  const above = new Map<string, Set<string>>();
  scan.sections.forEach((s, k) => {
    const id = sectionId(s.header);
    const next = (scan.sections[k + 1]?.line ?? lines.length + 1) - 1;
    const read = readValues(scan.kinds, (i) => lines[i] ?? "", s.line, next);
    keys.set(id, new Map([...(keys.get(id) ?? []), ...read]));
    const notes = above.get(id) ?? new Set<string>();
    for (let i = s.line - 2; i >= 0 && scan.kinds[i] === KIND.comment; i--)
      notes.add(normComment(lines[i] ?? ""));
    above.set(id, notes);
  });
  return { keys, above };
}

export function isOurs(s: FileSection, gen: Generated): boolean {
  const keys = gen.keys.get(s.id);
  if (keys === undefined || s.comments) return false;
  return s.keys.every((k) => keys.has(k) && s.values.get(k) === keys.get(k));
}

/** Every key name the output writes in any section: a section of its own it no longer generates has these. */
export function vocabulary(gen: Generated): Set<string> {
  return new Set([...gen.keys.values()].flatMap((s) => [...s.keys()]));
}
