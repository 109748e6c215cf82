// Shared plumbing for command files: global options, config loading, session selection, logger setup.
import type { Command } from "commander";
import { loadConfig, type Config, type SessionConfig } from "../core/config/index.ts";
import { AppError, ExitCode } from "../core/errors.ts";
import { createLogger, setLogger, type LogLevel } from "../core/log/logger.ts";
import { configFile } from "../core/paths.ts";
import { builtinRenderers } from "../renderers/index.ts";

export interface GlobalOptions {
  config?: string;
  logLevel?: LogLevel;
}

export function globalOptions(cmd: Command): GlobalOptions {
  return cmd.optsWithGlobals<GlobalOptions>();
}

const LEVELS = new Set(["error", "warn", "info", "debug"]);

/**
 * Sets the process logger from --log-level; console only. One-shot commands report through their own
 * output, so their default is "warn"; the daemon takes the config's level instead.
 */
export function setupLogging(cmd: Command, config?: Config, useConfigLevel = false): void {
  const flag = globalOptions(cmd).logLevel;
  if (flag !== undefined && !LEVELS.has(flag)) {
    throw new AppError(`--log-level: unknown level "${flag}"`, {
      exitCode: ExitCode.usage,
      hint: "use one of: error, warn, info, debug",
    });
  }
  const level = flag ?? (useConfigLevel ? config?.log.level : undefined) ?? "warn";
  setLogger(createLogger({ level }));
}

export async function loadCliConfig(cmd: Command): Promise<{ config: Config; file: string }> {
  const file = configFile(globalOptions(cmd).config);
  const { config, warnings } = await loadConfig(file, { renderers: builtinRenderers });
  setupLogging(cmd, config);
  for (const w of warnings) process.stderr.write(`aws-sso-sync: warning: ${w}\n`);
  return { config, file };
}

/** All sessions, or the one named by --session (a clear error when it does not exist). */
export function selectSessions(config: Config, name?: string): SessionConfig[] {
  if (name === undefined) return config.sessions;
  const found = config.sessions.filter((s) => s.name === name);
  if (found.length === 0) {
    const known = config.sessions.map((s) => s.name).join(", ");
    throw new AppError(`no session named "${name}" in the config`, {
      exitCode: ExitCode.usage,
      hint: `known sessions: ${known}`,
    });
  }
  return found;
}
