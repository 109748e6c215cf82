// Sections as another tool leaves them, and whether one is recognisably ours: an output generates a section
// of that name, and every key in it is a key that output writes there (go-ini pads and re-spaces lines, so
// keys are compared by name, lowercased as botocore reads them). A section holding anything else (a key of
// the user's, a comment of the user's) is the user's, and the user's sections always win.
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
  /** A comment line between its header and its last key that is not a marker line. */
  comments: boolean;
}

export interface Generated {
  /** Key names per section id. */
  keys: Map<string, Set<string>>;
  /** Comment lines (normalised) the output writes right above each section. */
  above: Map<string, Set<string>>;
}

/** "#  text " and "# text" are one comment: go-ini writes the token, one space, the rest trimmed. */
export const normComment = (t: string): string => {
  const s = t.trim();
  return `${s.slice(0, 1)} ${s.slice(1).trim()}`;
};

const keyOf = (line: string): string => (line.split(/[=:]/, 1)[0] ?? "").trim().toLowerCase();

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
    out.push({ id: sectionId(s.header), header, last, keys, comments });
  });
  return out;
}

/** The sections an output's content defines, their keys and the comment lines right above them. */
export function generatedSections(content: string): Generated {
  const lines = content.split(/\r\n|\n|\r/);
  const scan = scanIni(content);
  const keys = new Map<string, Set<string>>();
  const above = new Map<string, Set<string>>();
  scan.sections.forEach((s, k) => {
    const id = sectionId(s.header);
    const next = (scan.sections[k + 1]?.line ?? lines.length + 1) - 1;
    const set = keys.get(id) ?? new Set<string>();
    for (let i = s.line; i < next; i++) if (scan.kinds[i] === KIND.option) set.add(keyOf(lines[i] ?? ""));
    keys.set(id, set);
    const notes = above.get(id) ?? new Set<string>();
    for (let i = s.line - 2; i >= 0 && scan.kinds[i] === KIND.comment; i--)
      notes.add(normComment(lines[i] ?? ""));
    above.set(id, notes);
  });
  return { keys, above };
}

export function isOurs(s: FileSection, gen: Generated): boolean {
  const keys = gen.keys.get(s.id);
  return keys !== undefined && !s.comments && s.keys.every((k) => keys.has(k));
}

/** Every key name the output writes in any section: a section of its own it no longer generates has these. */
export function vocabulary(gen: Generated): Set<string> {
  return new Set([...gen.keys.values()].flatMap((s) => [...s]));
}
