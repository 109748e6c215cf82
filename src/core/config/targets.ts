// Places no output may ever write: the AWS token and registration cache, the AWS CLI's credential cache,
// our own state folder and the config file itself. Writing there logs the user out, corrupts what we
// rely on, or replaces the config with generated text (docs/internals/output-targets.md).
import { homedir } from "node:os";
import { join } from "node:path";
import { canonicalPath, isWithin } from "../canonical-path.ts";
import { ssoCacheDir, stateDir, type Env } from "../paths.ts";
import { isRecord } from "./describe.ts";
import { problem, type Problem } from "./problem.ts";
import { resolveConfigPath } from "./resolve.ts";

export interface ProtectedPlace {
  /** Canonical path of the folder (or file) that is off limits. */
  path: string;
  /** Whether everything below `path` is protected too. */
  folder: boolean;
  /** What the place is, as it reads after "is inside" / "is". */
  rule: string;
  /** Why nothing may be written there. */
  why: string;
}

/**
 * Every protected place for this environment. The SSO cache is where this process reads tokens (from
 * $HOME) and, when that differs, where the account's own home puts it: an AWS tool started without our
 * environment looks there.
 */
export function protectedPlaces(env: Env, configFile?: string): ProtectedPlace[] {
  const caches = [...new Set([ssoCacheDir(env), join(homedir(), ".aws", "sso", "cache")])];
  const places: ProtectedPlace[] = caches.flatMap((cache) => [
    {
      path: canonicalPath(cache),
      folder: true,
      rule: "the AWS SSO token and registration cache",
      why: "a write there logs every AWS tool out",
    },
    {
      path: canonicalPath(join(cache, "..", "..", "cli", "cache")),
      folder: true,
      rule: "the AWS CLI's role-credential cache",
      why: "the AWS CLI reads credentials from it",
    },
  ]);
  places.push({
    path: canonicalPath(stateDir(env)),
    folder: true,
    rule: "aws-sso-sync's state folder",
    why: "it holds the last discoveries, output records and backups",
  });
  if (configFile !== undefined)
    places.push({
      path: canonicalPath(configFile),
      folder: false,
      rule: "the aws-sso-sync config file itself",
      why: "generated text would replace your settings",
    });
  return places;
}

/** The protected place `file` would write into, if any. */
export function protectedTarget(file: string, places: readonly ProtectedPlace[]): ProtectedPlace | undefined {
  const target = canonicalPath(file);
  // Nothing can be written below a file either, so one test serves folders and files.
  return places.find((p) => isWithin(target, p.path));
}

export function describeProtected(target: string, hit: ProtectedPlace): string {
  const where = hit.folder ? `is inside ${hit.rule} ${hit.path}` : `is ${hit.rule}`;
  return `${target} ${where}; no output may write there (${hit.why})`;
}

/** One problem per output whose `file` lands in a protected place (paths resolved as the loader does). */
export function targetProblems(raw: unknown, baseDir: string, env: Env, configFile?: string): Problem[] {
  const outputs = isRecord(raw) && Array.isArray(raw.outputs) ? (raw.outputs as unknown[]) : [];
  const places = protectedPlaces(env, configFile);
  return outputs.flatMap((entry, i) => {
    const file = isRecord(entry) ? entry.file : undefined;
    if (typeof file !== "string" || file === "") return [];
    const target = canonicalPath(resolveConfigPath(file, baseDir, env));
    const hit = protectedTarget(target, places);
    if (!hit) return [];
    return [
      problem(
        ["outputs", i, "file"],
        describeProtected(target, hit),
        "point this output at a file of its own, e.g. ~/.aws/config or a file under ~/.config",
      ),
    ];
  });
}
