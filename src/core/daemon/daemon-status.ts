// The daemon part of `aws-sso-sync status`: read the state file of this config's daemon, check that its
// process is really there (a SIGKILLed daemon leaves "running" behind), and describe it in a few lines.
import type { Env } from "../paths.ts";
import { daemonFiles } from "./files.ts";
import { isAlive } from "../lock/index.ts";
import { readDaemonState, type DaemonState } from "../state/daemon.ts";

export interface DaemonStatus {
  /** A daemon process for this config is alive. */
  running: boolean;
  /** The state file says running but its process is gone (killed, crashed). */
  stale: boolean;
  stateFile: string;
  state?: DaemonState;
  /** The state file exists but cannot be used (not JSON, wrong shape): why, naming the file. */
  problem?: string;
}

export async function daemonStatus(configFile: string, env: Env = process.env): Promise<DaemonStatus> {
  const stateFile = daemonFiles(configFile, env).state;
  const read = await readDaemonState(stateFile);
  if (read.kind === "missing") return { running: false, stale: false, stateFile };
  if (read.kind === "invalid") return { running: false, stale: false, stateFile, problem: read.reason };
  const state = read.value;
  const alive = state.status !== "stopped" && isAlive(state.pid);
  return { running: alive, stale: state.status !== "stopped" && !alive, stateFile, state };
}

function ago(iso: string | undefined, now: Date): string {
  if (!iso) return "never";
  const s = Math.round((now.getTime() - new Date(iso).getTime()) / 1000);
  const rel =
    Math.abs(s) < 90
      ? `${Math.abs(s)} s`
      : Math.abs(s) < 5400
        ? `${Math.round(Math.abs(s) / 60)} min`
        : `${Math.round(Math.abs(s) / 3600)} h`;
  return `${iso} (${s >= 0 ? `${rel} ago` : `in ${rel}`})`;
}

export function describeDaemon(st: DaemonStatus, now = new Date()): string[] {
  const s = st.state;
  if (st.problem) return [`daemon: unknown: ${st.problem}; the daemon rewrites it when it runs`];
  if (!s)
    return ["daemon: not started for this config (aws-sso-sync daemon, or aws-sso-sync service install)"];
  const lines: string[] = [];
  if (st.running) lines.push(`daemon: running (pid ${s.pid}) since ${s.startedAt}, schedule "${s.schedule}"`);
  else if (st.stale)
    lines.push(
      `daemon: not running (pid ${s.pid} is gone without stopping; last update ${ago(s.updatedAt, now)})`,
    );
  else lines.push(`daemon: stopped (last update ${ago(s.updatedAt, now)})`);
  if (s.running) lines.push(`  running now: ${s.running.trigger} run since ${s.running.startedAt}`);
  const last = s.lastRun;
  lines.push(
    `  last run: ${last ? `${ago(last.finishedAt, now)}, ${last.trigger}, ${last.result} in ${last.durationMs} ms` : "none yet"}`,
  );
  if (st.running && s.nextRun) lines.push(`  next run: ${ago(s.nextRun, now)}`);
  const c = s.counts;
  lines.push(
    `  runs: ${c.runs} (${c.ok} ok, ${c.failed} not ok, ${c.skippedTicks} ticks skipped), token refreshes: ${c.refreshes}, reloads: ${c.reloads} (${c.reloadFailures} refused)`,
  );
  for (const [name, t] of Object.entries(s.tokens)) {
    const when = t.expiresAt ? `, expires ${t.expiresAt}` : "";
    const next = t.nextRefreshAt && st.running ? `, next refresh ${t.nextRefreshAt}` : "";
    lines.push(`  token ${name}: ${t.state}${when}${next}${t.reason ? ` (${t.reason})` : ""}`);
  }
  for (const x of s.sessions)
    lines.push(`  session ${x.name}: ${x.status}, ${x.accounts} accounts${x.error ? ` (${x.error})` : ""}`);
  for (const o of s.outputs)
    lines.push(
      `  output ${o.name}: ${o.status} ${o.file}${o.problems.length > 0 ? ` (${o.problems.join("; ")})` : ""}`,
    );
  if (s.lastReload && !s.lastReload.ok)
    lines.push(`  last reload refused at ${s.lastReload.at}: ${(s.lastReload.problems ?? []).join("; ")}`);
  if (s.lastError) lines.push(`  last error: ${ago(s.lastError.at, now)}: ${s.lastError.message}`);
  return lines;
}
