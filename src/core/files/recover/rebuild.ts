// Putting our regions back together after another tool rewrote the file (docs/internals/
// coexistence-rewrites.md). Nothing is guessed about the user's text: a region is rebuilt from what is
// recognisably ours (its own marker lines, sections it generates holding only its keys, and the comment
// lines it writes above them); those lines are taken out and one fresh, empty region goes where its BEGIN
// line was (else its END line, else its first section). The planner then fills it as always, and drops any
// generated section the user defines, so no section is ever written twice. Every other line stays.
import { RegionsUnclearError } from "../errors.ts";
import { KIND, scanIni } from "../ini-scan.ts";
import { dominantEol, indexLines, lineText } from "../lines.ts";
import { beginLine, endLine, ownerLookup, type RegionSpec } from "../markers.ts";
import { likelyCulprit } from "./culprit.ts";
import { allWhole, assessMarkers, describeDamage, markerLines, type MarkerLine } from "./damage.ts";
import {
  fileSections,
  generatedSections,
  isOurs,
  normComment,
  vocabulary,
  type Generated,
} from "./sections.ts";

export interface RecoverTarget {
  spec: RegionSpec;
  /** What the output generates now (the sections to recognise); undefined when it cannot render. Only
   * called when the file is damaged: a whole file costs no rendering. */
  content: () => string | undefined;
}

export interface Recovered {
  text: string;
  /** Per output name: what happened, once, in words. */
  notes: Map<string, string>;
  /** `repair` only: names whose broken marker lines were taken out, their sections kept as the user's. */
  stripped: string[];
}

const REPAIR_HINT =
  "run `aws-sso-sync repair --dry-run` to see the repair, then `aws-sso-sync repair` to write it";

/** `expected`: regions this config wrote into the file (its output records). `force`: `repair` was asked. */
export function recoverRegions(
  file: string,
  text: string,
  targets: readonly RecoverTarget[],
  expected: readonly string[],
  force = false,
): Recovered | null {
  const names = new Set(targets.map((t) => t.spec.name));
  if (
    allWhole(
      text,
      expected.filter((n) => names.has(n)),
    )
  )
    return null;
  const idx = indexLines(text);
  const markers = markerLines(idx);
  const damage = assessMarkers(
    markers,
    expected.filter((n) => names.has(n)),
  );
  if (damage.broken.size === 0 && damage.missing.length === 0) return null;
  const gens = new Map<string, Generated>();
  for (const t of targets) {
    const content = t.content();
    if (content !== undefined) gens.set(t.spec.name, generatedSections(content));
  }
  const scan = scanIni(text);
  const sections = fileSections(idx, scan);
  const moved = new Set<string>();
  // A region that looks whole but holds a section that is not its own was moved into (a sort): rebuild it.
  for (const [name, r] of damage.whole) {
    const gen = gens.get(name);
    if (!gen) continue;
    const words = vocabulary(gen);
    const inside = sections.filter((s) => s.header > r.begin && s.header < r.end && !isOurs(s, gen));
    const strange = inside.some(
      (s) => s.comments || !s.keys.every((k) => words.has(k)) || [...gens.values()].some((g) => isOurs(s, g)),
    );
    if (!strange) continue;
    damage.whole.delete(name);
    damage.broken.set(
      name,
      markers.filter((m) => m.name === name),
    );
    moved.add(name);
  }
  const unclear = [...damage.broken].filter(([name]) => !gens.has(name));
  if (unclear.length > 0 && !force)
    throw new RegionsUnclearError(
      `${file}: aws-sso-sync markers of ${unclear.map(([n]) => `"${n}"`).join(", ")} are broken and ` +
        `no configured output can tell its sections apart; nothing written:\n  ` +
        unclear.map(([n, lines]) => `${where(lines)}: region "${n}": ${describeDamage(lines)}`).join("\n  "),
      `${REPAIR_HINT} (it takes out those marker lines and keeps every section as yours)`,
    );

  const owner = ownerLookup(damage.whole.values());
  const remove = new Uint8Array(idx.count);
  const anchors = new Map<number, RegionSpec[]>();
  const notes = new Map<string, string>();
  const culprit = likelyCulprit(idx, scan);
  for (const [name] of unclear) for (const m of damage.broken.get(name) ?? []) remove[m.line] = 1;
  for (const t of targets) {
    const name = t.spec.name;
    const gen = gens.get(name);
    if (!gen || !(damage.broken.has(name) || damage.missing.includes(name))) continue;
    const own = damage.broken.get(name) ?? [];
    for (const m of own) remove[m.line] = 1;
    let first: number | undefined;
    let taken = 0;
    for (const s of sections) {
      if (owner(s.header) !== null || remove[s.header] || !isOurs(s, gen)) continue;
      let from = s.header;
      const above = gen.above.get(s.id) ?? new Set<string>();
      for (let i = s.header - 1; i >= 0 && scan.kinds[i] === KIND.comment; i--) {
        if (own.some((m) => m.line === i)) continue; // our own marker line: already going
        if (!above.has(normComment(lineText(idx, i)))) break;
        from = i;
      }
      let to = s.last;
      while (to + 1 < idx.count && scan.kinds[to + 1] === KIND.blank) to++;
      for (let i = from; i <= to; i++) remove[i] = 1;
      first ??= from;
      taken++;
    }
    let at = own.find((m) => m.kind === "BEGIN")?.line ?? own[0]?.line ?? first;
    if (at === undefined) at = idx.count; // nothing of it is left: a fresh region at the end
    // Never between a kept section's header and its keys: its keys would change sections.
    for (const s of sections) if (!remove[s.header] && at > s.header && at <= s.last) at = s.last + 1;
    anchors.set(at, [...(anchors.get(at) ?? []), t.spec]);
    const what = moved.has(name)
      ? "other sections had moved into it"
      : describeDamage(damage.broken.get(name));
    const back = taken > 0 ? `; ${taken} of its sections were taken back into it` : "";
    notes.set(name, `recovered its region in ${file}: ${what}, most likely after ${culprit}${back}`);
  }
  const eol = dominantEol(idx);
  let out = "";
  for (let i = 0; i <= idx.count; i++) {
    for (const spec of anchors.get(i) ?? []) {
      if (out !== "" && !out.endsWith("\n") && !out.endsWith("\r")) out += eol;
      out += `${beginLine(spec)}${eol}${endLine(spec)}${eol}`;
    }
    if (i < idx.count && !remove[i]) out += text.slice(idx.starts[i], idx.starts[i + 1]);
  }
  return { text: out, notes, stripped: unclear.map(([n]) => n) };
}

const where = (lines: readonly MarkerLine[]): string =>
  lines.length === 0 ? "(no line)" : `line ${lines.map((l) => l.line + 1).join(", ")}`;
