// The README's commands as a shell would see them, and a way to run them as written: every fenced sh
// block split into command units, the commands table's rows, and an `aws-sso-sync` on PATH that runs
// this checkout from source.
import { chmod, mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { CLI_MAIN, startProcess, type CliRun } from "./cli.ts";
import type { TestEnv } from "./emulator.ts";

export interface ShBlock {
  /** The `## ` heading the block sits under. */
  heading: string;
  /** Command units: one line, or a heredoc from its `<<TAG` line to its TAG line. */
  units: string[];
}

const FENCE_RE = /^```sh\n([\s\S]*?)^```$/gm;
const HEREDOC_RE = /<<-?\s*['"]?(\w+)['"]?/;

/** Splits a block as bash reads it: blank and comment-only lines are not commands, a heredoc is one. */
export function splitUnits(body: string): string[] {
  const lines = body.split("\n");
  const units: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    let unit = lines[i] ?? "";
    if (/^\s*(#|$)/.test(unit)) continue;
    while (unit.endsWith("\\") && i + 1 < lines.length) unit += `\n${lines[++i] ?? ""}`;
    const tag = HEREDOC_RE.exec(unit)?.[1];
    if (tag !== undefined) {
      const end = lines.findIndex((l, j) => j > i && l.trim() === tag);
      if (end === -1) throw new Error(`README: heredoc ${tag} has no end line`);
      unit = lines.slice(i, end + 1).join("\n");
      i = end;
    }
    units.push(unit);
  }
  return units;
}

export function shBlocks(md: string): ShBlock[] {
  return [...md.matchAll(FENCE_RE)].map((m) => {
    const before = md.slice(0, m.index);
    const heading = [...before.matchAll(/^## (.+)$/gm)].at(-1)?.[1] ?? "";
    return { heading, units: splitUnits(m[1] ?? "") };
  });
}

/**
 * The command without its trailing `# comment` (the README's lines hold no `#` inside quotes); for a
 * heredoc its first line (the body is the command's input, which the effect checks).
 */
export const commandOf = (unit: string): string => (unit.split("\n")[0] ?? "").replace(/\s+#(\s.*)?$/, "");

export interface TableRow {
  /** As the README writes it, e.g. `sync [--session N] [--dry-run]`. */
  usage: string;
  command: string;
  flags: string[];
}

/** The rows of the table whose first column is `command`: `aws-sso-sync <command> [flags]`. */
export function tableRows(md: string): TableRow[] {
  const table = /^\| command .*\n\|[- |]+\n((?:\|.*\n)+)/m.exec(md)?.[1] ?? "";
  return [...table.matchAll(/^\|\s*`([^`]+)`/gm)].map((m) => {
    const usage = (m[1] ?? "").replaceAll("\\|", "|");
    return {
      usage,
      command: usage.split(" ")[0] ?? "",
      flags: [...usage.matchAll(/--[a-z][a-z-]*/g)].map((f) => f[0]),
    };
  });
}

/** Writes `DIR/aws-sso-sync`, which runs this checkout's CLI from source; put DIR first on PATH. */
export async function cliShim(dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = join(dir, "aws-sso-sync");
  // Absolute paths, so the line runs from any folder (the README's lines run from HOME).
  const tsx = import.meta.resolve("tsx");
  await writeFile(file, `#!/usr/bin/env bash\nexec node --import '${tsx}' '${CLI_MAIN}' "$@"\n`);
  await chmod(file, 0o755);
  return dir;
}

/** Runs one README unit under `bash -c`, from `cwd`, exactly as it is written. */
export function startBash(unit: string, env: TestEnv, cwd: string, timeoutMs = 120_000): CliRun {
  return startProcess("bash", ["-c", unit], env, { timeoutMs, cwd });
}
