// What botocore and the JS SDK make of an INI text: section kinds and names by botocore's rules
// (build_profile_map), the strict verdict (checkIniStrict ⇔ botocore loads the file), and the JS SDK's own
// view through its real loader (checkIniJs). docs/internals/ini-scanning.md names the sources.
import { externalDataInterceptor, loadSharedConfigFiles } from "@smithy/shared-ini-file-loader";
import { scanIni, type IniScan } from "./ini-scan.ts";
import { indexLines, type LineIndex } from "./lines.ts";
import { findRegionsIn, type Region } from "./markers.ts";
import { shlexSplit } from "./shlex.ts";

type SectionKind = "profile" | "default" | "sso-session" | "services" | "other";

export interface IniSection {
  /** Text between the brackets, as written. */
  header: string;
  kind: SectionKind;
  /** Profile / session / services name; the header itself for "other". */
  name: string;
  /** 1-based line number. */
  line: number;
}

// Without quotes or backslashes shlex only splits on whitespace; most headers take this way.
const PLAIN_RE = /^[^'"\\ \t\r\n]+[ \t\r\n]+([^'"\\ \t\r\n]+)[ \t\r\n]*$/;
const SIMPLE_RE = /^[^'"\\]*$/;

function secondPart(header: string): string | null {
  const plain = PLAIN_RE.exec(header);
  if (plain) return plain[1] as string;
  if (SIMPLE_RE.test(header)) {
    const parts = header.split(/[ \t\r\n]+/).filter((p) => p !== "");
    return parts.length === 2 ? (parts[1] as string) : null;
  }
  try {
    const parts = shlexSplit(header);
    return parts.length === 2 ? (parts[1] as string) : null;
  } catch {
    return null;
  }
}

/** botocore's reading of one header: a prefix test, then shlex with exactly two parts (else ignored). */
function classifySection(header: string): { kind: SectionKind; name: string } {
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
export function jsVisibleExpected(
  text: string,
  inRange: (line: number) => boolean = () => true,
  scanned: IniScan = scanIni(text),
): string[] {
  return scanned.sections
    .filter((s) => s.hasKeys && inRange(s.line) && classifySection(s.header).kind !== "other")
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

// A section's keys in the JS SDK's map come only from the lines after its header up to the next header,
// and loading only ever adds entries; so a section it sees in our regions alone (each region's own lines,
// after a header that resets its state) it also sees in the whole file. Only sections not proven that way
// are looked for in a load of the whole file; a "__proto__" section anywhere makes the SDK throw for the
// whole file, so then the whole file is loaded. docs/internals/ini-scanning.md has the argument.
const BOUNDARY = "\n[aws-sso-sync region boundary]\n";

function regionsOnly(text: string, indexed?: LineIndex): string | null {
  if (text.includes("__proto__")) return null;
  const idx = indexed ?? indexLines(text);
  let regions: Map<string, Region>;
  try {
    regions = findRegionsIn("(text)", idx);
  } catch {
    return null;
  }
  if (regions.size === 0) return null;
  const parts = [...regions.values()].map(
    (r) => `${BOUNDARY}${text.slice(idx.starts[r.begin], idx.starts[r.end + 1])}`,
  );
  return `${parts.join("")}${BOUNDARY}`;
}

/** Problems if the JS SDK's loader does not see each expected section (header text, e.g. "profile x"). */
/** `idx`: the text's line index, when the caller has one (it is 2 MB on a 10 MB file). */
export async function checkIniJs(
  text: string,
  expected: readonly string[],
  idx?: LineIndex,
): Promise<string[]> {
  if (expected.length === 0) return [];
  const probeKey = (i: number) => `aws_sso_sync_probe_${i}`;
  // Where each header lands in the SDK's map comes from the SDK itself, not from a copy of its rules.
  const probe = await jsParse(expected.map((h, i) => `[${h}]\n${probeKey(i)} = 1\n`).join(""));
  const slot = new Map<string, string>(); // probe key → the first map entry holding it
  for (const [k, keys] of Object.entries(probe))
    for (const p of Object.keys(keys ?? {})) if (!slot.has(p)) slot.set(p, k);
  const keyOf = expected.map((_, i) => slot.get(probeKey(i)));
  let unseen = new Set(keyOf.flatMap((k, i) => (k === undefined ? [] : [i])));
  for (const view of [regionsOnly(text, idx), text]) {
    if (unseen.size === 0 || view === null) continue;
    const loaded = await jsParse(view);
    unseen = new Set([...unseen].filter((i) => loaded[keyOf[i] as string] === undefined));
  }
  const problems: string[] = [];
  expected.forEach((header, i) => {
    if (keyOf[i] === undefined) problems.push(`the JS SDK ignores [${header}] (a name it does not accept)`);
    else if (unseen.has(i)) problems.push(`the JS SDK does not see [${header}] when it loads the file`);
  });
  return problems;
}
