// The daemon's logger: console (readable on a TTY, JSON lines for journald and launchd) plus, when the
// config asks, the rotating file under the state directory. The --log-level flag beats the config, also
// across reloads; a reload that changes log settings swaps the logger.
import type { Config } from "../config/index.ts";
import {
  closeLogger,
  createLogger,
  currentLogger,
  logFilePath,
  setLogger,
  type LogLevel,
} from "../log/logger.ts";
import type { Env } from "../paths.ts";

export interface LogSettings {
  level: LogLevel;
  file: string | undefined;
}

export function logSettings(config: Config, flag: LogLevel | undefined, env: Env): LogSettings {
  return { level: flag ?? config.log.level, file: config.log.file ? logFilePath(env) : undefined };
}

export function applyLogSettings(next: LogSettings, prev?: LogSettings): void {
  if (prev && prev.level === next.level && prev.file === next.file) return;
  const old = currentLogger();
  setLogger(createLogger({ level: next.level, ...(next.file ? { file: next.file } : {}) }));
  if (prev) void closeLogger(old);
}
