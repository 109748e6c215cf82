// planRegion: replace the text between our marker lines and nothing else. Every byte outside the region
// (comments, order, CRLF, a missing final newline) is copied through untouched.
//
// Placement: a new region is appended at the end. If the file does not end with a line break, one break is
// added after the user's last line and the END line gets none, so the file still "ends without a newline".
// The rule, used by planRemoveRegion: a region at the very end whose END line has no break owns the break
// before its BEGIN line. Removing the region therefore gives back the user's bytes exactly.
// Empty content keeps the two marker lines (empty body), so the file still shows who owns that place.
import { AppError } from "../errors.ts";
import { assertIniLoads, resolveIniBlocks, type BodyLine, type Planned } from "./ini-region.ts";
import { dominantEol, eolLength, indexLines, lineEol, splitLines, type LineIndex } from "./lines.ts";
import {
  beginLine,
  checkSpec,
  endLine,
  findRegionsIn,
  markerOf,
  ownerLookup,
  type Region,
  type RegionSpec,
} from "./markers.ts";
import type { IniScan } from "./ini-scan.ts";
import type { Conflict, FilePlan } from "./plan.ts";

export function planRegion(file: string, before: string | null, spec: RegionSpec, content: string): FilePlan {
  checkSpec(spec);
  const idx = indexLines(before ?? "");
  const regions = findRegionsIn(file, idx);
  let body: BodyLine[] = splitLines(content).map((l, i) => ({ text: l.text, line: i + 1 }));
  for (const b of body)
    if (markerOf(b.text))
      throw new AppError(
        `output "${spec.name}": generated line ${b.line} looks like an aws-sso-sync marker`,
        {
          hint: "a template must not write BEGIN/END aws-sso-sync lines",
        },
      );
  let dropped: Conflict[] = [];
  let scan: IniScan | undefined;
  if (spec.format === "ini")
    ({ kept: body, dropped, scan } = resolveIniBlocks(file, spec.name, idx, regions, body));
  const planned = compose(idx, regions, spec, body);
  const afterScan =
    spec.format === "ini"
      ? assertIniLoads(file, spec.name, planned, planned.text === idx.text ? scan : undefined)
      : undefined;
  const after = planned.text;
  return {
    file,
    before,
    after,
    changed: after !== before,
    dropped,
    format: spec.format,
    owner: "region",
    ...(afterScan ? { afterScan } : {}),
  };
}

/** The file with our region's body replaced, or the region appended: slices of the file, never its lines. */
function compose(idx: LineIndex, regions: Map<string, Region>, spec: RegionSpec, body: BodyLine[]): Planned {
  const { text, starts, count } = idx;
  const base = { fileLines: count, fileOwner: ownerLookup(regions.values()) };
  const own = regions.get(spec.name);
  if (own) {
    // Keep the marker lines as they are (the note may have been edited); the body takes BEGIN's break.
    const eol = lineEol(idx, own.begin) === "\r\n" ? "\r\n" : "\n";
    const middle = body.map((b) => b.text + eol).join("");
    return {
      ...base,
      text: text.slice(0, starts[own.begin + 1]) + middle + text.slice(starts[own.end]),
      head: own.begin + 1,
      fresh: body.map((b) => b.line),
      tailFrom: own.end,
    };
  }
  const eol = dominantEol(idx);
  const noFinalBreak = count > 0 && eolLength(idx, count - 1) === 0;
  const middle = body.map((b) => b.text + eol).join("");
  return {
    ...base,
    text: `${text}${noFinalBreak ? eol : ""}${beginLine(spec)}${eol}${middle}${endLine(spec)}${noFinalBreak ? "" : eol}`,
    head: count,
    fresh: [0, ...body.map((b) => b.line), 0],
    tailFrom: count,
  };
}

/** Takes the region out (for an output that was removed); gives back the user's bytes exactly. */
export function planRemoveRegion(file: string, before: string | null, name: string): FilePlan {
  const idx = indexLines(before ?? "");
  const r = findRegionsIn(file, idx).get(name);
  const plan = { file, before, dropped: [], format: "text" as const, owner: "region" as const };
  if (!r) return { ...plan, after: before ?? "", changed: false };
  const text = idx.text;
  // A region at the very end whose END line has no break owns the break before its BEGIN line.
  const ownsBreak = r.end === idx.count - 1 && eolLength(idx, r.end) === 0 && r.begin > 0;
  const cut = (idx.starts[r.begin] as number) - (ownsBreak ? eolLength(idx, r.begin - 1) : 0);
  const after = text.slice(0, cut) + text.slice(idx.starts[r.end + 1]);
  return { ...plan, after, changed: after !== before };
}

/** The file's bytes with region `name` taken out: what the user owns. */
export function outsideRegion(text: string, name: string): string {
  return planRemoveRegion("(text)", text, name).after;
}
