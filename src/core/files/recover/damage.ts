// Which regions of a file are still whole. Another tool that re-saves the file (go-ini, an editor that sorts
// sections) moves or drops our marker lines; a region is whole only when its BEGIN line is followed by its
// END line with no other marker line between them (docs/internals/coexistence-rewrites.md).
import { lineText, type LineIndex } from "../lines.ts";
import { markerOf, type Region } from "../markers.ts";

export interface MarkerLine {
  /** 0-based line. */
  line: number;
  kind: "BEGIN" | "END";
  name: string;
}

export interface Damage {
  /** Regions whose two marker lines are in order, with no other marker between. */
  whole: Map<string, Region>;
  /** Names whose marker lines are missing one, doubled, out of order or interleaved with others. */
  broken: Map<string, MarkerLine[]>;
  /** Names expected in the file (they were written there) with no marker line left at all. */
  missing: string[];
}

const TAG = "aws-sso-sync:";

export function markerLines(idx: LineIndex): MarkerLine[] {
  const found: MarkerLine[] = [];
  let line = 0;
  // Only lines holding the tag are looked at, found by indexOf (a large file is not walked line by line).
  for (let at = idx.text.indexOf(TAG); at >= 0; at = idx.text.indexOf(TAG, idx.starts[line + 1])) {
    while ((idx.starts[line + 1] as number) <= at) line++;
    const m = markerOf(lineText(idx, line));
    if (m) found.push({ line, ...m });
    if (line + 1 >= idx.count) break;
  }
  return found;
}

/**
 * True when every region is whole and every expected one is there, read off the tagged lines alone: the
 * check every plan makes, so a large file is not indexed a second time when nothing is wrong.
 */
export function allWhole(text: string, expected: readonly string[]): boolean {
  const seq: { kind: "BEGIN" | "END"; name: string }[] = [];
  // A lone "\r" ends a line too (lines.ts); without any, looking for one would scan the whole file.
  const cr = text.includes("\r");
  for (let at = text.indexOf(TAG); at >= 0;) {
    const start = Math.max(text.lastIndexOf("\n", at), cr ? text.lastIndexOf("\r", at) : -1) + 1;
    const ends = [text.indexOf("\n", at), cr ? text.indexOf("\r", at) : -1].filter((e) => e >= 0);
    const end = ends.length > 0 ? Math.min(...ends) : text.length;
    const m = markerOf(text.slice(start, end));
    if (m) seq.push(m);
    at = text.indexOf(TAG, end);
  }
  const seen = new Set<string>();
  for (let k = 0; k < seq.length; k += 2) {
    const b = seq[k];
    const e = seq[k + 1];
    if (b?.kind !== "BEGIN" || e?.kind !== "END" || e.name !== b.name || seen.has(b.name)) return false;
    seen.add(b.name);
  }
  return expected.every((n) => seen.has(n));
}

export function assessMarkers(markers: readonly MarkerLine[], expected: readonly string[]): Damage {
  const byName = new Map<string, MarkerLine[]>();
  for (const m of markers) byName.set(m.name, [...(byName.get(m.name) ?? []), m]);
  const whole = new Map<string, Region>();
  const broken = new Map<string, MarkerLine[]>();
  for (const [name, lines] of byName) {
    const [b, e] = lines;
    const next = b ? markers[markers.indexOf(b) + 1] : undefined;
    if (lines.length === 2 && b?.kind === "BEGIN" && e?.kind === "END" && next === e)
      whole.set(name, { name, begin: b.line, end: e.line });
    else broken.set(name, lines);
  }
  return { whole, broken, missing: expected.filter((n) => !byName.has(n)) };
}

/** What went wrong with one name's marker lines, in words. */
export function describeDamage(lines: readonly MarkerLine[] | undefined): string {
  if (!lines || lines.length === 0) return "both its marker lines were gone";
  const begins = lines.filter((l) => l.kind === "BEGIN").length;
  const ends = lines.length - begins;
  if (begins === 1 && ends === 0) return "its END line was gone";
  if (begins === 0 && ends === 1) return "its BEGIN line was gone";
  if (begins === 1 && ends === 1)
    return lines[0]?.kind === "END"
      ? "its END line came before its BEGIN line"
      : "another region's marker lines had moved into it";
  return "its marker lines were doubled";
}
