// Marker lines: `<comment> BEGIN aws-sso-sync:<name> (note)<suffix>` … `<comment> END aws-sso-sync:<name><suffix>`.
// Parsing is tolerant (any comment token made of punctuation, any note after the name), so a changed
// prefix or an edited note still finds the region; but unbalanced markers stop everything, because then
// nobody can tell which text is the user's.
import { AppError } from "../errors.ts";
import { MarkerError } from "./errors.ts";
import { lineText, type Line, type LineIndex } from "./lines.ts";

const NAME_RE = /^[A-Za-z0-9_-]+$/;
// The comment token may not contain letters or digits, so ordinary text ("key=BEGIN aws-sso-sync:x",
// "See BEGIN …") is never taken for a marker.
const MARKER_RE = /^[ \t]*[^\sA-Za-z0-9]*[ \t]*(BEGIN|END) aws-sso-sync:([A-Za-z0-9_-]+)(?:\s.*)?$/;
// Every marker line holds this; lines without it are never run through MARKER_RE.
const TAG = "aws-sso-sync:";
const TOKEN_RE = /^[^\sA-Za-z0-9]+$/;
const NOTE = "(managed: edits inside are replaced on every sync)";

export interface RegionSpec {
  /** Marker id; several outputs can share a file as long as their names differ. */
  name: string;
  /** Comment token that starts each marker line: "#", ";", "//", "--", "<!--". */
  comment: string;
  /** Closes a marker line where the format needs it, e.g. " -->" for HTML. */
  commentSuffix?: string;
  format: "ini" | "text";
}

export interface Region {
  name: string;
  /** 0-based index of the BEGIN line. */
  begin: number;
  /** 0-based index of the END line. */
  end: number;
}

export function markerOf(text: string): { kind: "BEGIN" | "END"; name: string } | null {
  const m = MARKER_RE.exec(text);
  return m ? { kind: m[1] as "BEGIN" | "END", name: m[2] as string } : null;
}

export function checkSpec(spec: RegionSpec): void {
  const bad = (why: string) =>
    new AppError(`output "${spec.name}": ${why}`, { hint: "fix the renderer's write mode" });
  if (!NAME_RE.test(spec.name)) throw bad("the region name must match [A-Za-z0-9_-]+");
  if (!TOKEN_RE.test(spec.comment))
    throw bad(`comment token "${spec.comment}" must be punctuation only (e.g. "#")`);
  const suffix = spec.commentSuffix ?? "";
  if (suffix !== "" && !/^[ \t]+[^\sA-Za-z0-9]+$/.test(suffix))
    throw bad(`comment suffix "${suffix}" must be a space then punctuation (e.g. " -->")`);
  // botocore and the JS SDK only know full-line "#" and ";" comments; anything else breaks the file.
  if (spec.format === "ini" && spec.comment !== "#" && spec.comment !== ";")
    throw bad(`INI files only take "#" or ";" comments, not "${spec.comment}"`);
}

export function beginLine(spec: RegionSpec): string {
  return `${spec.comment} BEGIN aws-sso-sync:${spec.name} ${NOTE}${spec.commentSuffix ?? ""}`;
}

export function endLine(spec: RegionSpec): string {
  return `${spec.comment} END aws-sso-sync:${spec.name}${spec.commentSuffix ?? ""}`;
}

/** Finds every region in the file; throws MarkerError (all problems, with line numbers) if unbalanced. */
export function findRegions(file: string, lines: readonly Line[]): Map<string, Region> {
  const candidates: { i: number; text: string }[] = [];
  lines.forEach((l, i) => l.text.includes(TAG) && candidates.push({ i, text: l.text }));
  return collectRegions(file, candidates);
}

/** findRegions over a LineIndex: only lines that contain "aws-sso-sync:" are looked at, found by indexOf. */
export function findRegionsIn(file: string, idx: LineIndex): Map<string, Region> {
  const candidates: { i: number; text: string }[] = [];
  let line = 0;
  for (let at = idx.text.indexOf(TAG); at >= 0; at = idx.text.indexOf(TAG, idx.starts[line + 1])) {
    while ((idx.starts[line + 1] as number) <= at) line++;
    candidates.push({ i: line, text: lineText(idx, line) });
    if (line + 1 >= idx.count) break;
  }
  return collectRegions(file, candidates);
}

function collectRegions(file: string, candidates: { i: number; text: string }[]): Map<string, Region> {
  const regions = new Map<string, Region>();
  const problems: string[] = [];
  let open: { name: string; begin: number } | null = null;
  for (const { i, text } of candidates) {
    const m = markerOf(text);
    if (!m) continue;
    const where = `line ${i + 1}`;
    if (m.kind === "BEGIN") {
      const seen = regions.get(m.name) ?? (open?.name === m.name ? { begin: open.begin } : undefined);
      if (seen)
        problems.push(`${where}: second BEGIN aws-sso-sync:${m.name} (first at line ${seen.begin + 1})`);
      else if (open)
        problems.push(
          `${where}: BEGIN aws-sso-sync:${m.name} inside region "${open.name}" (line ${open.begin + 1})`,
        );
      else open = { name: m.name, begin: i };
    } else if (open?.name === m.name) {
      regions.set(m.name, { name: m.name, begin: open.begin, end: i });
      open = null;
    } else {
      problems.push(`${where}: END aws-sso-sync:${m.name} without a BEGIN before it`);
    }
  }
  if (open !== null) {
    const o: { name: string; begin: number } = open;
    problems.push(`line ${o.begin + 1}: BEGIN aws-sso-sync:${o.name} has no END`);
  }
  if (problems.length > 0) throw new MarkerError(file, problems);
  return regions;
}

/** Owner of a line by its 0-based index: regions sorted by position, found by binary search. */
export function ownerLookup(regions: Iterable<Region>): (line: number) => string | null {
  const sorted = [...regions].sort((a, b) => a.begin - b.begin);
  return (line) => {
    let lo = 0;
    let hi = sorted.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const r = sorted[mid] as Region;
      if (line < r.begin) hi = mid - 1;
      else if (line > r.end) lo = mid + 1;
      else return r.name;
    }
    return null;
  };
}

/** Owner of each line: the region name it lies in (markers included), or null for the user's text. */
export function lineOwners(lineCount: number, regions: Iterable<Region>): (string | null)[] {
  const owners: (string | null)[] = new Array<string | null>(lineCount).fill(null);
  for (const r of regions) for (let i = r.begin; i <= r.end; i++) owners[i] = r.name;
  return owners;
}
