// INI rules for a region in a file botocore reads: a generated section the user already defines outside the
// region is left out and reported (a duplicate would make botocore refuse the whole file); one that another
// output's region defines is an error naming both outputs. The planned file must then load in botocore,
// and no key may change owner: a user's key must not slide into a generated section, nor the reverse.
import { IniCheckError } from "./errors.ts";
import { KIND, scanIni, type IniScan } from "./ini-scan.ts";
import { sectionId } from "./ini.ts";
import type { LineIndex } from "./lines.ts";
import { ownerLookup, type Region } from "./markers.ts";
import type { Conflict } from "./plan.ts";

export interface BodyLine {
  text: string;
  /** 1-based line in the generated content. */
  line: number;
}

/** The planned file: the file's lines [0, head), then `fresh` lines written by this plan (their line in
 * the generated content, 0 for a marker), then the file's lines from `tailFrom` on. */
export interface Planned {
  text: string;
  head: number;
  fresh: number[];
  tailFrom: number;
  /** Lines in the file that was read. */
  fileLines: number;
  /** Owner of a line of the file that was read (0-based): a region name, or null for the user's. */
  fileOwner: (line: number) => string | null;
}

export function resolveIniBlocks(
  file: string,
  name: string,
  idx: LineIndex,
  regions: Map<string, Region>,
  body: BodyLine[],
): { kept: BodyLine[]; dropped: Conflict[]; scan: IniScan } {
  const ownerOf = ownerLookup(regions.values());
  const user = new Map<string, number>();
  const others = new Map<string, { owner: string; line: number }>();
  const fileScan = scanIni(idx.text);
  for (const s of fileScan.sections) {
    const owner = ownerOf(s.line - 1);
    const id = sectionId(s.header);
    if (owner === null) user.set(id, user.get(id) ?? s.line);
    else if (owner !== name && !others.has(id)) others.set(id, { owner, line: s.line });
  }
  const scan = scanIni(body.map((b) => b.text).join("\n"));
  const starts = scan.sections.map((s) => s.line - 1);
  const firstHeader = starts[0] ?? body.length;
  const stray = scan.kinds.subarray(0, firstHeader).findIndex((k) => k !== KIND.blank && k !== KIND.comment);
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
  return { kept, dropped, scan: fileScan };
}

/**
 * `scanned`: a scan of planned.text made already (a plan that changes nothing scans the file once).
 * Returns the scan of planned.text, for the write's own check (verifyPlan) to reuse.
 */
export function assertIniLoads(file: string, name: string, planned: Planned, scanned?: IniScan): IniScan {
  const { head, fresh, tailFrom, fileOwner } = planned;
  const total = head + fresh.length + planned.fileLines - tailFrom;
  const scan = scanned ?? scanIni(planned.text);
  /** Where planned line i (0-based) came from: src is its line in the file or in the generated content. */
  const origin = (i: number): { fresh: boolean; src: number; owner: string | null } => {
    if (i < head) return { fresh: false, src: i + 1, owner: fileOwner(i) };
    if (i < head + fresh.length) return { fresh: true, src: fresh[i - head] as number, owner: name };
    const j = i - head - fresh.length + tailFrom;
    return { fresh: false, src: j + 1, owner: fileOwner(j) };
  };
  const ownerAt = (i: number): string | null =>
    i < head ? fileOwner(i) : i < head + fresh.length ? name : fileOwner(i - head - fresh.length + tailFrom);
  const where = (n: number): string => {
    if (n < 1 || n > total) return `line ${n}`;
    const l = origin(n - 1);
    if (l.fresh && l.src === 0) return `line ${n}`;
    if (l.fresh) return `generated line ${l.src} of output "${name}"`;
    return l.owner === null ? `line ${l.src}` : `line ${l.src} (region "${l.owner}")`;
  };
  const problems = scan.problems.map(
    (p) => `${where(p.line)}: ${p.message}${p.first ? ` (first at ${where(p.first)})` : ""}`,
  );
  let headers: Map<number, string> | undefined;
  for (let i = 0; i < scan.kinds.length; i++) {
    const kind = scan.kinds[i];
    const sectionLine = scan.sectionLines[i] as number;
    if ((kind !== KIND.option && kind !== KIND.continuation) || sectionLine === 0) continue;
    const mine = ownerAt(i) === name;
    if (mine === (ownerAt(sectionLine - 1) === name)) continue;
    headers ??= new Map(scan.sections.map((s) => [s.line, s.header]));
    const header = headers.get(sectionLine) ?? "";
    problems.push(
      mine
        ? `${where(i + 1)}: botocore would read this as a key of the user's section [${header}]`
        : `${where(i + 1)}: this key would become part of generated section [${header}]; put a [section] header before it`,
    );
  }
  if (problems.length > 0)
    throw new IniCheckError(
      file,
      "the result would not load cleanly in botocore",
      problems,
      "lines outside the aws-sso-sync region are yours to fix by hand; generated lines come from the template",
    );
  return scan;
}
