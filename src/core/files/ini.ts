// What botocore and the JS SDK make of an INI text: section kinds and names by botocore's rules
// (build_profile_map), the strict verdict (checkIniStrict ⇔ botocore loads the file), and the JS SDK's own
// view through its real loader (checkIniJs). idc-api.md 7.2 lists where the two disagree.
import { externalDataInterceptor, loadSharedConfigFiles } from "@smithy/shared-ini-file-loader";
import { scanIni } from "./ini-scan.ts";
import { shlexSplit } from "./shlex.ts";

export type SectionKind = "profile" | "default" | "sso-session" | "services" | "other";

export interface IniSection {
  /** Text between the brackets, as written. */
  header: string;
  kind: SectionKind;
  /** Profile / session / services name; the header itself for "other". */
  name: string;
  /** 1-based line number. */
  line: number;
}

function secondPart(header: string): string | null {
  try {
    const parts = shlexSplit(header);
    return parts.length === 2 ? (parts[1] as string) : null;
  } catch {
    return null;
  }
}

/** botocore's reading of one header: a prefix test, then shlex with exactly two parts (else ignored). */
export function classifySection(header: string): { kind: SectionKind; name: string } {
  for (const kind of ["profile", "sso-session", "services"] as const) {
    if (!header.startsWith(kind)) continue;
    const name = secondPart(header);
    return name === null ? { kind: "other", name: header } : { kind, name };
  }
  if (header === "default") return { kind: "default", name: "default" };
  return { kind: "other", name: header };
}

/** Identity for collisions: `[default]` and `[profile default]` are the same profile to botocore. */
export function sectionId(header: string): string {
  const { kind, name } = classifySection(header);
  if (kind === "default") return "profile\0default";
  return kind === "other" ? `[${header}]` : `${kind}\0${name}`;
}

export function iniSections(text: string): IniSection[] {
  return scanIni(text).sections.map((s) => ({
    header: s.header,
    line: s.line,
    ...classifySection(s.header),
  }));
}

/** Problems that make botocore refuse the file (empty ⇔ it loads), as "line N: …". */
export function checkIniStrict(text: string): string[] {
  return scanIni(text)
    .problems.sort((a, b) => a.line - b.line)
    .map((p) => `line ${p.line}: ${p.message}${p.first ? ` (first at line ${p.first})` : ""}`);
}

/** Headers botocore sees as profiles, sessions or services and that hold at least one key. */
export function jsVisibleExpected(text: string, inRange: (line: number) => boolean = () => true): string[] {
  const scan = scanIni(text);
  const withKeys = new Set(scan.lines.filter((l) => l.kind === "option").map((l) => l.sectionLine));
  return scan.sections
    .filter((s) => inRange(s.line) && withKeys.has(s.line) && classifySection(s.header).kind !== "other")
    .map((s) => s.header);
}

let probeCount = 0;
async function jsParse(text: string): Promise<Record<string, Record<string, string | undefined>>> {
  // The loader reads through its intercept table when a path is registered there: no temp file needed.
  // Each call registers its own path and removes it afterwards, so concurrent checks stay apart.
  const base = `/nonexistent/aws-sso-sync/ini-check/${process.pid}-${++probeCount}`;
  const record = externalDataInterceptor.getFileRecord();
  externalDataInterceptor.interceptFile(`${base}/config`, text);
  externalDataInterceptor.interceptFile(`${base}/credentials`, "");
  try {
    const loaded = loadSharedConfigFiles({
      configFilepath: `${base}/config`,
      filepath: `${base}/credentials`,
    });
    return (await loaded).configFile;
  } finally {
    delete record[`${base}/config`];
    delete record[`${base}/credentials`];
  }
}

/** Problems if the JS SDK's loader does not see each expected section (header text, e.g. "profile x"). */
export async function checkIniJs(text: string, expected: readonly string[]): Promise<string[]> {
  if (expected.length === 0) return [];
  const probeKey = (i: number) => `aws_sso_sync_probe_${i}`;
  // Where each header lands in the SDK's map comes from the SDK itself, not from a copy of its rules.
  const probe = await jsParse(expected.map((h, i) => `[${h}]\n${probeKey(i)} = 1\n`).join(""));
  const full = await jsParse(text);
  const problems: string[] = [];
  expected.forEach((header, i) => {
    const key = Object.keys(probe).find((k) => probe[k]?.[probeKey(i)] !== undefined);
    if (key === undefined) problems.push(`the JS SDK ignores [${header}] (a name it does not accept)`);
    else if (full[key] === undefined)
      problems.push(`the JS SDK does not see [${header}] when it loads the file`);
  });
  return problems;
}
