// `aws-sso-sync shell-init SHELL`: prints the one line to add to the shell's rc file; it sources the file
// the shell output for that shell writes (its configured file, else the default one).
import { existsSync } from "node:fs";
import type { Command } from "commander";
import { AppError, ExitCode } from "../../core/errors.ts";
import { configFile, expandHome } from "../../core/paths.ts";
import { shell as shellRenderer, defaultShellFile, SHELLS } from "../../renderers/shell/index.ts";
import { RC_FILES, sourceLine } from "../../renderers/shell/init.ts";
import type { Shell } from "../../renderers/shell/names.ts";
import { globalOptions, loadCliConfig, setupLogging } from "../context.ts";
import { returnsCode } from "../exit.ts";

async function configuredFile(cmd: Command, shell: Shell): Promise<string | undefined> {
  if (!existsSync(configFile(globalOptions(cmd).config))) {
    setupLogging(cmd);
    return undefined;
  }
  const { config } = await loadCliConfig(cmd);
  for (const o of config.outputs) {
    if (!("renderer" in o) || o.renderer !== "shell" || o.enabled === false) continue;
    const parsed = shellRenderer.options?.safeParse(o.options ?? {});
    if (parsed?.success && parsed.data.shell === shell)
      return o.file ? expandHome(o.file) : defaultShellFile(process.env, shell);
  }
  return undefined;
}

export function register(program: Command): void {
  program
    .command("shell-init")
    .description(
      `print the line that loads the generated shell functions (${SHELLS.join(", ")}); add it to your rc file`,
    )
    .argument("<shell>", SHELLS.join(" | "))
    .action(
      returnsCode(async (shell: string, _opts: unknown, cmd: Command) => {
        if (!(SHELLS as readonly string[]).includes(shell)) {
          throw new AppError(`unknown shell "${shell}"`, {
            exitCode: ExitCode.usage,
            hint: `use one of: ${SHELLS.join(", ")}`,
          });
        }
        const sh = shell as Shell;
        const file = await configuredFile(cmd, sh);
        if (file === undefined) {
          process.stderr.write(
            `note: no shell output for ${sh} in the config yet; add to outputs:\n  - renderer: shell\n    name: shell-${sh}\n    options: { shell: ${sh} }\n`,
          );
        }
        process.stderr.write(`# add this line to ${RC_FILES[sh]}:\n`);
        process.stdout.write(`${sourceLine(sh, file ?? defaultShellFile(process.env, sh))}\n`);
        return ExitCode.ok;
      }),
    );
}
