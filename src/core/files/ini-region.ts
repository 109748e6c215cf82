// INI rules for a region in a file botocore reads: a generated section the user already defines outside the
// region is left out and reported (a duplicate would make botocore refuse the whole file); one that another
// output's region defines is an error naming both outputs. The planned file must then load in botocore,
// and no key may change owner: a user's key must not slide into a generated section, nor the reverse.
import { IniCheckError } from "./errors.ts";
import { scanIni } from "./ini-scan.ts";
import { sectionId } from "./ini.ts";
import { joinLines, type Line } from "./lines.ts";
import { lineOwners, type Region } from "./markers.ts";
import type { Conflict } from "./plan.ts";
import type { PlannedLine } from "./region.ts";

export interface BodyLine {
  text: string;
  /** 1-based line in the generated content. */
  line: number;
}

export function resolveIniBlocks(
  file: string,
  name: string,
  lines: Line[],
  regions: Map<string, Region>,
  body: BodyLine[],
): { kept: BodyLine[]; dropped: Conflict[] } {
  const owners = lineOwners(lines.length, regions.values());
  const user = new Map<string, number>();
  const others = new Map<string, { owner: string; line: number }>();
  for (const s of scanIni(joinLines(lines)).sections) {
    const owner = owners[s.line - 1] ?? null;
    const id = sectionId(s.header);
    if (owner === null) user.set(id, user.get(id) ?? s.line);
    else if (owner !== name && !others.has(id)) others.set(id, { owner, line: s.line });
  }
  const scan = scanIni(body.map((b) => b.text).join("\n"));
  const starts = scan.sections.map((s) => s.line - 1);
  const firstHeader = starts[0] ?? body.length;
  const stray = scan.lines.slice(0, firstHeader).findIndex((l) => l.kind !== "blank" && l.kind !== "comment");
  if (stray >= 0)
    throw new IniCheckError(
      file,
      `output "${name}" writes text before its first [section]`,
      [`generated line ${stray + 1}: ${body[stray]?.text ?? ""}`],
      "start the template with a [section] header",
    );

  const kept = body.slice(0, firstHeader);
  const dropped: Conflict[] = [];
  const clashes: string[] = [];
  scan.sections.forEach((s, k) => {
    const id = sectionId(s.header);
    const userLine = user.get(id);
    const other = others.get(id);
    // The user's own definition wins over any generated one, so check it first.
    if (userLine !== undefined) dropped.push({ section: s.header, userLine });
    else if (other)
      clashes.push(
        `[${s.header}]: output "${name}" and output "${other.owner}" (line ${other.line}) both define it`,
      );
    else kept.push(...body.slice(starts[k], starts[k + 1] ?? body.length));
  });
  if (clashes.length > 0)
    throw new IniCheckError(
      file,
      `outputs collide on section names`,
      clashes,
      "give the outputs different profile names (for example a prefix in one) or write them to different files",
    );
  return { kept, dropped };
}

export function assertIniLoads(file: string, name: string, planned: PlannedLine[]): void {
  const scan = scanIni(joinLines(planned));
  const where = (n: number): string => {
    const l = planned[n - 1];
    if (!l || (l.fresh && l.src === 0)) return `line ${n}`;
    if (l.fresh) return `generated line ${l.src} of output "${name}"`;
    return l.owner === null ? `line ${l.src}` : `line ${l.src} (region "${l.owner}")`;
  };
  const problems = scan.problems.map(
    (p) => `${where(p.line)}: ${p.message}${p.first ? ` (first at ${where(p.first)})` : ""}`,
  );
  scan.lines.forEach((l, i) => {
    if ((l.kind !== "option" && l.kind !== "continuation") || l.sectionLine === 0) return;
    const mine = planned[i]?.owner === name;
    if (mine === (planned[l.sectionLine - 1]?.owner === name)) return;
    const header = scan.sections.find((s) => s.line === l.sectionLine)?.header ?? "";
    problems.push(
      mine
        ? `${where(i + 1)}: botocore would read this as a key of the user's section [${header}]`
        : `${where(i + 1)}: this key would become part of generated section [${header}]; put a [section] header before it`,
    );
  });
  if (problems.length > 0)
    throw new IniCheckError(
      file,
      "the result would not load cleanly in botocore",
      problems,
      "lines outside the aws-sso-sync region are yours to fix by hand; generated lines come from the template",
    );
}
