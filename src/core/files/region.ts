// planRegion: replace the text between our marker lines and nothing else. Every byte outside the region
// (comments, order, CRLF, a missing final newline) is copied through untouched.
//
// Placement: a new region is appended at the end. If the file does not end with a line break, one break is
// added after the user's last line and the END line gets none, so the file still "ends without a newline".
// The rule, used by planRemoveRegion: a region at the very end whose END line has no break owns the break
// before its BEGIN line. Removing the region therefore gives back the user's bytes exactly.
// Empty content keeps the two marker lines (empty body), so the file still shows who owns that place.
import { AppError } from "../errors.ts";
import { assertIniLoads, resolveIniBlocks, type BodyLine } from "./ini-region.ts";
import { dominantEol, joinLines, splitLines, type Line } from "./lines.ts";
import {
  beginLine,
  checkSpec,
  endLine,
  findRegions,
  lineOwners,
  markerOf,
  type Region,
  type RegionSpec,
} from "./markers.ts";
import type { Conflict, FilePlan } from "./plan.ts";

/** A line of the planned file and where it came from (for messages). `fresh`: written by this plan, and
 * `src` is its line in the generated content (0 for a marker); otherwise `src` is its line in the file. */
export interface PlannedLine extends Line {
  owner: string | null;
  fresh: boolean;
  src: number;
}

export function planRegion(file: string, before: string | null, spec: RegionSpec, content: string): FilePlan {
  checkSpec(spec);
  const lines = splitLines(before ?? "");
  const regions = findRegions(file, lines);
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
  if (spec.format === "ini")
    ({ kept: body, dropped } = resolveIniBlocks(file, spec.name, lines, regions, body));
  const planned = compose(lines, regions, spec, body);
  if (spec.format === "ini") assertIniLoads(file, spec.name, planned);
  const after = joinLines(planned);
  return { file, before, after, changed: after !== before, dropped, format: spec.format, owner: "region" };
}

function compose(
  lines: Line[],
  regions: Map<string, Region>,
  spec: RegionSpec,
  body: BodyLine[],
): PlannedLine[] {
  const owners = lineOwners(lines.length, regions.values());
  const old: PlannedLine[] = lines.map((l, i) => ({
    ...l,
    owner: owners[i] ?? null,
    fresh: false,
    src: i + 1,
  }));
  const own = regions.get(spec.name);
  if (own) {
    // Keep the marker lines as they are (the note may have been edited); the body takes BEGIN's break.
    const eol = lines[own.begin]?.eol === "\r\n" ? "\r\n" : "\n";
    const fresh = body.map((b): PlannedLine => ({
      text: b.text,
      eol,
      owner: spec.name,
      fresh: true,
      src: b.line,
    }));
    return [...old.slice(0, own.begin + 1), ...fresh, ...old.slice(own.end)];
  }
  const eol = dominantEol(lines);
  const last = old.at(-1);
  const noFinalBreak = last !== undefined && last.eol === "";
  if (last && noFinalBreak) old[old.length - 1] = { ...last, eol };
  const mine = (text: string, src: number, e: PlannedLine["eol"] = eol): PlannedLine => ({
    text,
    eol: e,
    owner: spec.name,
    fresh: true,
    src,
  });
  return [
    ...old,
    mine(beginLine(spec), 0),
    ...body.map((b) => mine(b.text, b.line)),
    mine(endLine(spec), 0, noFinalBreak ? "" : eol),
  ];
}

/** Takes the region out (for an output that was removed); gives back the user's bytes exactly. */
export function planRemoveRegion(file: string, before: string | null, name: string): FilePlan {
  const lines = splitLines(before ?? "");
  const r = findRegions(file, lines).get(name);
  const plan = { file, before, dropped: [], format: "text" as const, owner: "region" as const };
  if (!r) return { ...plan, after: before ?? "", changed: false };
  const kept = [...lines.slice(0, r.begin), ...lines.slice(r.end + 1)];
  const prev = kept[r.begin - 1];
  if (r.end === lines.length - 1 && lines[r.end]?.eol === "" && prev)
    kept[r.begin - 1] = { ...prev, eol: "" };
  const after = joinLines(kept);
  return { ...plan, after, changed: after !== before };
}

/** The file's bytes with region `name` taken out: what the user owns. */
export function outsideRegion(text: string, name: string): string {
  return planRemoveRegion("(text)", text, name).after;
}
