// The log records a process wrote: with stderr not a terminal, the logger writes one JSON object a line
// (a fixed message plus fields, src/core/log/messages.ts), so tests match on message and fields, not text.
import type { LogMessage } from "../../src/core/log/messages.ts";

export type LogRecord = Record<string, unknown>;

/** The JSON log records in a process's output (the daemon's stderr, `sync --log-level …`); other lines are skipped. */
export function logRecords(out: string): LogRecord[] {
  return out.split("\n").flatMap((l) => {
    if (!l.startsWith("{")) return [];
    try {
      return [JSON.parse(l) as LogRecord];
    } catch {
      return []; // a line still being written
    }
  });
}

/** The records with this message whose fields hold these values. */
export function logged(out: string, message: LogMessage, fields: LogRecord = {}): LogRecord[] {
  return logRecords(out).filter(
    (r) => r.message === message && Object.entries(fields).every(([k, v]) => r[k] === v),
  );
}
