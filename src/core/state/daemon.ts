// The daemon's state file (kept in the state directory beside the other state; paths in daemon/files.ts): what `aws-sso-sync status` shows next to the token state. Rewritten atomically
// after every run and every notable event; writes are chained so an older snapshot never lands last.
// Everything in it has passed redaction: error texts can quote server messages.
import { z } from "zod";
import { errorMessage, LOGIN_REASON_CODES } from "../errors.ts";
import { readJson, writeJson, type JsonRead } from "../files/json.ts";
import { log } from "../log/logger.ts";
import { redact } from "../log/redact.ts";

const RunTrigger = z.enum(["startup", "schedule", "reload", "token", "retry"]);
export type RunTrigger = z.infer<typeof RunTrigger>;

const TokenStateSchema = z.object({
  state: z.enum(["ok", "login-needed", "refresh-failing", "unknown"]),
  expiresAt: z.string().optional(),
  nextRefreshAt: z.string().optional(),
  lastRefreshAt: z.string().optional(),
  refreshes: z.number(),
  reason: z.string().optional(),
  /** Why a login is needed, as LoginNeededError's reason code (state "login-needed"). */
  reasonCode: z.enum(LOGIN_REASON_CODES).optional(),
});
export type TokenState = z.infer<typeof TokenStateSchema>;

/** The file's one definition: its type, what is written, and what a read accepts. */
const DaemonStateSchema = z.object({
  format: z.literal(1),
  pid: z.number().int(),
  configFile: z.string(),
  status: z.enum(["running", "stopping", "stopped"]),
  startedAt: z.string(),
  updatedAt: z.string(),
  schedule: z.string(),
  nextRun: z.string().optional(),
  running: z.object({ trigger: RunTrigger, startedAt: z.string() }).optional(),
  lastRun: z
    .object({
      trigger: RunTrigger,
      startedAt: z.string(),
      finishedAt: z.string(),
      durationMs: z.number(),
      exitCode: z.number(),
      result: z.enum(["ok", "partial", "login-needed", "failed"]),
    })
    .optional(),
  counts: z.object({
    runs: z.number(),
    ok: z.number(),
    failed: z.number(),
    skippedTicks: z.number(),
    refreshes: z.number(),
    reloads: z.number(),
    reloadFailures: z.number(),
  }),
  sessions: z.array(
    z.object({
      name: z.string(),
      status: z.string(),
      accounts: z.number(),
      fromState: z.boolean(),
      error: z.string().optional(),
    }),
  ),
  tokens: z.record(z.string(), TokenStateSchema),
  outputs: z.array(
    z.object({ name: z.string(), file: z.string(), status: z.string(), problems: z.array(z.string()) }),
  ),
  lastError: z.object({ at: z.string(), message: z.string() }).optional(),
  lastReload: z
    .object({ at: z.string(), ok: z.boolean(), problems: z.array(z.string()).optional() })
    .optional(),
});
export type DaemonState = z.infer<typeof DaemonStateSchema>;

const WHAT = "the daemon state file";

export function initialState(configFile: string, schedule: string): DaemonState {
  const now = new Date().toISOString();
  return {
    format: 1,
    pid: process.pid,
    configFile,
    status: "running",
    startedAt: now,
    updatedAt: now,
    schedule,
    counts: { runs: 0, ok: 0, failed: 0, skippedTicks: 0, refreshes: 0, reloads: 0, reloadFailures: 0 },
    sessions: [],
    tokens: {},
    outputs: [],
  };
}

export class StateFile {
  private chain: Promise<void> = Promise.resolve();
  constructor(
    readonly path: string,
    readonly state: DaemonState,
  ) {}

  /** Applies `change` and queues a write of the whole state. */
  update(change: (s: DaemonState) => void): Promise<void> {
    change(this.state);
    this.state.updatedAt = new Date().toISOString();
    // Redacted (and copied) now: the write is queued, and the state changes on.
    const snapshot = redact(this.state) as DaemonState;
    this.chain = this.chain.then(() => this.write(snapshot));
    return this.chain;
  }

  private async write(snapshot: DaemonState): Promise<void> {
    try {
      await writeJson(this.path, DaemonStateSchema, snapshot, { what: WHAT });
    } catch (err) {
      log().warn("state file not written", { file: this.path, error: errorMessage(err) });
    }
  }
}

/** The state file as `status` finds it: missing (never started), unusable (the reason names it), or read. */
export function readDaemonState(path: string): Promise<JsonRead<DaemonState>> {
  return readJson(path, DaemonStateSchema, { what: WHAT });
}
