// The daemon's state file: what `aws-sso-sync status` shows next to the token state. Rewritten atomically
// after every run and every notable event; writes are chained so an older snapshot never lands last.
// Everything in it has passed redaction: error texts can quote server messages.
import { mkdir, readFile } from "node:fs/promises";
import { dirname } from "node:path";
import { errorMessage, type LoginReasonCode } from "../errors.ts";
import { writeFileAtomic } from "../files/atomic-write.ts";
import { log } from "../log/logger.ts";
import { redact } from "../log/redact.ts";

export type RunTrigger = "startup" | "schedule" | "reload" | "token" | "retry";

export interface TokenState {
  state: "ok" | "login-needed" | "refresh-failing" | "unknown";
  expiresAt?: string;
  nextRefreshAt?: string;
  lastRefreshAt?: string;
  refreshes: number;
  reason?: string;
  /** Why a login is needed, as LoginNeededError's reason code (state "login-needed"). */
  reasonCode?: LoginReasonCode;
}

export interface DaemonState {
  format: 1;
  pid: number;
  configFile: string;
  status: "running" | "stopping" | "stopped";
  startedAt: string;
  updatedAt: string;
  schedule: string;
  nextRun?: string;
  running?: { trigger: RunTrigger; startedAt: string };
  lastRun?: {
    trigger: RunTrigger;
    startedAt: string;
    finishedAt: string;
    durationMs: number;
    exitCode: number;
    result: "ok" | "partial" | "login-needed" | "failed";
  };
  counts: {
    runs: number;
    ok: number;
    failed: number;
    skippedTicks: number;
    refreshes: number;
    reloads: number;
    reloadFailures: number;
  };
  sessions: Array<{ name: string; status: string; accounts: number; fromState: boolean; error?: string }>;
  tokens: Record<string, TokenState>;
  outputs: Array<{ name: string; file: string; status: string; problems: string[] }>;
  lastError?: { at: string; message: string };
  lastReload?: { at: string; ok: boolean; problems?: string[] };
}

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
    const text = `${JSON.stringify(redact(this.state), null, 2)}\n`;
    this.chain = this.chain.then(() => this.write(text));
    return this.chain;
  }

  private async write(text: string): Promise<void> {
    try {
      await mkdir(dirname(this.path), { recursive: true, mode: 0o700 });
      await writeFileAtomic(this.path, text, { mode: 0o600, what: "the daemon state file" });
    } catch (err) {
      log().warn(`cannot write the daemon state file ${this.path}: ${errorMessage(err)}`);
    }
  }
}

export async function readDaemonState(path: string): Promise<DaemonState | undefined> {
  try {
    const s = JSON.parse(await readFile(path, "utf8")) as DaemonState;
    return s.format === 1 && typeof s.pid === "number" ? s : undefined;
  } catch {
    return undefined;
  }
}
