// What a finished run leaves behind: the state file's run fields and a few log lines. Kept apart from
// the daemon loop so the loop reads as "run, record, decide".
import { ExitCode, errorMessage } from "../errors.ts";
import { log } from "../log/logger.ts";
import { describeChanges, hasChanges } from "../model/changes.ts";
import type { SyncReport } from "../sync.ts";
import { summariseWarnings } from "../warning-summary.ts";
import type { RunRequest } from "./runner.ts";
import type { DaemonState } from "../state/daemon.ts";

type RunResult = NonNullable<DaemonState["lastRun"]>["result"];

function runResult(report: SyncReport): RunResult {
  if (report.exitCode === ExitCode.ok) return "ok";
  if (report.exitCode === ExitCode.loginNeeded) return "login-needed";
  if (report.exitCode === ExitCode.partial) return "partial";
  return "failed";
}

/** Session failures that another try may cure: network, DNS, 5xx, deadline (not "login needed"). */
export function shouldRetry(report: SyncReport): boolean {
  return report.sessions.some((s) => s.status === "failed");
}

export function recordReport(s: DaemonState, req: RunRequest, startedAt: Date, report: SyncReport): void {
  const finishedAt = new Date();
  const result = runResult(report);
  delete s.running;
  s.counts.runs++;
  if (result === "ok") s.counts.ok++;
  else s.counts.failed++;
  s.lastRun = {
    trigger: req.trigger,
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    durationMs: finishedAt.getTime() - startedAt.getTime(),
    exitCode: report.exitCode,
    result,
  };
  // A session left out of this run (rendered from its last discovery) keeps its last recorded result.
  const before = new Map(s.sessions.map((x) => [x.name, x]));
  s.sessions = report.sessions.map((x) => {
    const kept = x.status === "not-selected" ? before.get(x.name) : undefined;
    return (
      kept ?? {
        name: x.name,
        status: x.status,
        accounts: x.accounts,
        fromState: x.fromState,
        ...(x.error ? { error: x.error } : {}),
      }
    );
  });
  // A run that wrote nothing (a session with no data, or stopped) keeps the last per-output results.
  if (report.outputs.length > 0) {
    s.outputs = report.outputs.map((o) => ({
      name: o.name,
      file: o.file,
      status: o.status,
      problems: o.problems,
    }));
  }
  const problems = [
    ...report.sessions.filter((x) => x.error).map((x) => `session ${x.name}: ${x.error}`),
    ...report.outputs
      .filter((o) => o.status === "failed")
      .map((o) => `output ${o.name}: ${o.problems.join("; ")}`),
  ];
  if (problems.length > 0) s.lastError = { at: finishedAt.toISOString(), message: problems.join(" | ") };
}

export function recordFailure(s: DaemonState, req: RunRequest, startedAt: Date, err: unknown): void {
  const finishedAt = new Date();
  delete s.running;
  s.counts.runs++;
  s.counts.failed++;
  const exitCode = (err as { exitCode?: number }).exitCode ?? ExitCode.failure;
  s.lastRun = {
    trigger: req.trigger,
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    durationMs: finishedAt.getTime() - startedAt.getTime(),
    exitCode,
    result: "failed",
  };
  s.lastError = { at: finishedAt.toISOString(), message: errorMessage(err) };
}

/** Shows a desktop notification (notify.ts); absent when the config turned change notifications off. */
export type Notifier = (title: string, body: string) => void;

/**
 * The run's change report: a log line with the names as data, and a notification when profiles came or
 * went (not for a first sync, where every profile is new).
 */
function reportChanges(report: SyncReport, notify: Notifier | undefined): void {
  const c = report.changes;
  if (!c || !hasChanges(c)) return;
  const summary = describeChanges(c);
  log().info("profiles changed", { summary, added: c.added, removed: c.removed, total: c.total });
  if (notify && !c.initial) notify("aws-sso-sync: profiles changed", summary);
}

/** Warnings no earlier run told, one line per kind; each member at debug (the state file keeps the rest). */
function logWarnings(report: SyncReport): void {
  for (const line of summariseWarnings(report.unseenWarnings)) {
    log().warn("warning", { kind: line.kind, count: line.count, detail: line.text });
  }
  if (report.unseenWarnings.length > 0)
    for (const w of report.unseenWarnings) log().debug("warning in full", { detail: w });
}

export function logReport(req: RunRequest, report: SyncReport, ms: number, notify?: Notifier): void {
  // How many outputs ended each way, as numbers a filter can compare (would-write: dry runs only).
  const counts = { written: 0, unchanged: 0, failed: 0, wouldWrite: 0 };
  for (const o of report.outputs) counts[o.status === "would-write" ? "wouldWrite" : o.status]++;
  const { wouldWrite, ...outputs } = counts;
  // A scheduled run that changed nothing logs at debug: an idle daemon must not grow its log file every
  // cycle. The first run and a reload's run are logged whatever they did: they answer "did it start".
  const ok = runResult(report) === "ok";
  const idle =
    ok &&
    req.trigger === "schedule" &&
    report.unseenWarnings.length === 0 &&
    (report.changes === undefined || !hasChanges(report.changes)) &&
    report.outputs.every((o) => o.status === "unchanged");
  const level = idle ? "debug" : ok ? "info" : "warn";
  log().log(level, "sync done", {
    trigger: req.trigger,
    ms: Math.round(ms),
    exitCode: report.exitCode,
    ...outputs,
    ...(wouldWrite > 0 ? { wouldWrite } : {}),
    ...(report.changes ? { added: report.changes.added.length, removed: report.changes.removed.length } : {}),
  });
  reportChanges(report, notify);
  for (const s of report.sessions) {
    if (s.error)
      log().warn("session not synced", {
        session: s.name,
        status: s.status,
        error: s.error,
        ...(s.fromState ? { effect: "its last good profiles are kept" } : {}),
      });
  }
  for (const o of report.outputs) {
    if (o.status === "failed")
      log().warn("output failed", {
        output: o.name,
        file: o.file || undefined,
        problems: o.problems,
        effect: "its file is left as it was",
      });
  }
  logWarnings(report);
}
