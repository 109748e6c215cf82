// The last look at one planned file, after every output's region is placed: it must not be a protected
// place, and a file that AWS tools read as INI must still load in botocore and the JS SDK, whatever
// `format` each output declared. Outputs are planned one by one, so only this check sees what two of
// them produce together (docs/internals/output-targets.md).
import { errorMessage } from "../errors.ts";
import { samePlace } from "../canonical-path.ts";
import { describeProtected, protectedPlaces, protectedTarget } from "../config/targets.ts";
import { checkIniJs, jsVisibleExpected } from "../files/ini.ts";
import { KIND, scanIni } from "../files/ini-scan.ts";
import { splitLines } from "../files/lines.ts";
import { findRegions, lineOwners } from "../files/markers.ts";
import { awsConfigFile, awsCredentialsFile, type Env } from "../paths.ts";
import type { ResolvedOutput } from "./loader.ts";
import type { OutputResult } from "./write-files.ts";

/** An INI file: an output writes it as INI, or the AWS CLI and SDKs read it as their config or credentials. */
function isIniTarget(file: string, group: readonly ResolvedOutput[], env: Env): boolean {
  if (group.some((o) => o.renderer.mode.format === "ini")) return true;
  return samePlace(file, awsConfigFile(env)) || samePlace(file, awsCredentialsFile(env));
}

export interface FileVerdict {
  ini: boolean;
  /** Empty: the file may be written. */
  problems: string[];
}

/** The output that owns each line (null: the user's), a whole-file output owning every unmarked line. */
function owners(file: string, text: string, whole: string | undefined): (string | null)[] {
  const lines = splitLines(text);
  return lineOwners(lines.length, findRegions(file, lines).values()).map((o) => o ?? whole ?? null);
}

function iniProblems(text: string, owners: (string | null)[], textOutputs: ReadonlySet<string>): string[] {
  const who = (line: number) => {
    const owner = owners[line - 1];
    return owner == null ? "your own text" : `output "${owner}"`;
  };
  const scan = scanIni(text);
  const problems = scan.problems
    .sort((a, b) => a.line - b.line)
    .map((p) =>
      p.first === undefined
        ? `line ${p.line} (${who(p.line)}): ${p.message}`
        : `line ${p.line} (${who(p.line)}): ${p.message}, already at line ${p.first} (${who(p.first)})`,
    );
  // A text region's keys must sit under its own headers: otherwise they silently join another owner's
  // section (a `region = x` after the aws-config region would change its last profile).
  for (let i = 0; i < scan.kinds.length; i++) {
    const kind = scan.kinds[i];
    const sectionLine = scan.sectionLines[i] ?? 0;
    if ((kind !== KIND.option && kind !== KIND.continuation) || sectionLine === 0) continue;
    const mine = owners[i] ?? null;
    const header = owners[sectionLine - 1] ?? null;
    if (mine === header || !(textOutputs.has(mine ?? "") || textOutputs.has(header ?? ""))) continue;
    problems.push(
      `line ${i + 1} (${who(i + 1)}): the key falls under the section at line ${sectionLine} (${who(sectionLine)})`,
    );
  }
  return problems;
}

/** Checks one file's final planned text; `group` are the outputs that write it. */
export async function checkPlannedFile(
  file: string,
  after: string,
  group: readonly ResolvedOutput[],
  env: Env,
): Promise<FileVerdict> {
  const hit = protectedTarget(file, protectedPlaces(env));
  if (hit) return { ini: false, problems: [describeProtected(file, hit)] };
  const ini = isIniTarget(file, group, env);
  // INI outputs already proved the file loads when they placed their regions; a text output did not.
  const text = new Set(group.filter((o) => o.renderer.mode.format !== "ini").map((o) => o.name));
  if (!ini || text.size === 0) return { ini, problems: [] };
  try {
    const whole = group.find((o) => o.renderer.mode.kind === "file")?.name;
    const owned = owners(file, after, whole);
    const strict = iniProblems(after, owned, text);
    if (strict.length > 0) return { ini, problems: strict };
    const expected = jsVisibleExpected(after, (line) => owned[line - 1] != null);
    return { ini, problems: await checkIniJs(after, expected) };
  } catch (err) {
    return { ini, problems: [errorMessage(err)] };
  }
}

/** Fails every output of a refused file that had not failed already; the problems say why. */
export function refuseFile(
  file: string,
  results: readonly OutputResult[],
  problems: readonly string[],
): void {
  const names = results.map((r) => `"${r.name}"`).join(", ");
  const who = results.length === 1 ? `output ${names}` : `outputs ${names} together`;
  const head = `${file}: ${who} would leave a file that AWS tools cannot load; nothing written to it`;
  for (const r of results) {
    if (r.status === "failed") continue;
    r.status = "failed";
    r.problems = [head, ...problems];
  }
}
