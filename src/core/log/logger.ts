// One winston logger for the process. Readable lines on a TTY, JSON lines otherwise (journald, launchd),
// optionally a size-rotated file. Every record passes through the redaction format first. A record is a
// fixed message (messages.ts) plus flat fields (docs/internals/log-lines.md).
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import winston from "winston";
import { stateDir, type Env } from "../paths.ts";
import { humanLine } from "./logfmt.ts";
import type { LogMessage } from "./messages.ts";
import { redact, redactString } from "./redact.ts";

export type LogLevel = "error" | "warn" | "info" | "debug";

/** A field's value: flat, so a JSON line and a terminal line carry the same data. Numbers are whole. */
export type LogValue = string | number | boolean | null | undefined | readonly string[];
type LogFields = Readonly<Record<string, LogValue>>;

/** The process logger as call sites see it: a listed message and fields, nothing interpolated. */
export interface AppLogger {
  readonly level: string;
  error(message: LogMessage, fields?: LogFields): unknown;
  warn(message: LogMessage, fields?: LogFields): unknown;
  info(message: LogMessage, fields?: LogFields): unknown;
  debug(message: LogMessage, fields?: LogFields): unknown;
  log(level: LogLevel, message: LogMessage, fields?: LogFields): unknown;
}

const redactFormat = winston.format((info) => {
  const record = info as Record<string, unknown>;
  // Wrapped in an object so a top-level field named like a secret (accessToken: …) is masked too.
  for (const key of Object.keys(record)) {
    record[key] = (redact({ [key]: record[key] }) as Record<string, unknown>)[key];
  }
  if (typeof info.message === "string") info.message = redactString(info.message);
  return info;
});

export interface LoggerOptions {
  level?: LogLevel;
  /** Human lines (TTY) or JSON lines. Default: human when stderr is a TTY. */
  json?: boolean;
  /** Also write JSON lines to this file, rotated by size. */
  file?: string;
  /** Silence the console transport (tests, `--json` commands). */
  quiet?: boolean;
  /** Console lines go here instead of stderr (tests read the terminal format this way). */
  stream?: NodeJS.WritableStream;
}

function consoleFormat(json: boolean) {
  if (json) return winston.format.combine(winston.format.timestamp(), winston.format.json());
  return winston.format.combine(
    winston.format.timestamp({ format: "HH:mm:ss" }),
    winston.format.printf((info) => {
      const { level, message, timestamp, ...rest } = info;
      return humanLine(String(timestamp), level, String(message), rest);
    }),
  );
}

export function createLogger(opts: LoggerOptions = {}): winston.Logger {
  const json = opts.json ?? !process.stderr.isTTY;
  const shared = { format: consoleFormat(json), silent: opts.quiet ?? false };
  const transports: winston.transport[] = [
    opts.stream
      ? new winston.transports.Stream({ ...shared, stream: opts.stream })
      : new winston.transports.Console({ ...shared, stderrLevels: ["error", "warn", "info", "debug"] }),
  ];
  if (opts.file) {
    // Log lines name accounts and roles: keep the folder private, as the rest of the state directory.
    mkdirSync(dirname(opts.file), { recursive: true, mode: 0o700 });
    transports.push(
      new winston.transports.File({
        filename: opts.file,
        maxsize: 5 * 1024 * 1024,
        maxFiles: 5,
        tailable: true,
        format: winston.format.combine(winston.format.timestamp(), winston.format.json()),
      }),
    );
  }
  return winston.createLogger({ level: opts.level ?? "info", format: redactFormat(), transports });
}

/** The rotating log file (5 × 5 MB, JSON lines): $XDG_STATE_HOME/aws-sso-sync/logs/aws-sso-sync.log. */
export function logFilePath(env: Env = process.env): string {
  return join(stateDir(env), "logs", "aws-sso-sync.log");
}

/** Flushes and closes a logger, waiting (at most `timeoutMs`) until every transport, the file too, is done. */
export async function closeLogger(logger: winston.Logger, timeoutMs = 2000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const done = Promise.all(logger.transports.map((t) => new Promise((resolve) => t.once("finish", resolve))));
  logger.end();
  await Promise.race([done, new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
  clearTimeout(timer);
}

let current: winston.Logger = createLogger({ level: "warn" });

/** The process-wide logger; the CLI replaces it once flags and config are known. */
export function log(): AppLogger {
  return current;
}

/** The same logger as winston sees it, for the code that swaps or closes it (never for logging). */
export function currentLogger(): winston.Logger {
  return current;
}

export function setLogger(logger: winston.Logger): void {
  current = logger;
}
