// The daemon's working parts wired together: schedule ticks, token events and file changes all become
// run requests; a reload swaps the runtime only after the new one is built and checked.
import { ConfigError, errorMessage } from "../errors.ts";
import { log } from "../log/logger.ts";
import type { Env } from "../paths.ts";
import { runSync, type SyncReport } from "../sync.ts";
import { logReport, recordFailure, recordReport, shouldRetry } from "./record.ts";
import { Runner, type RunRequest } from "./runner.ts";
import { buildRuntime, changedSessions, type Runtime } from "./runtime.ts";
import { startSchedule, type Schedule } from "./scheduler.ts";
import type { StateFile } from "./state.ts";
import { TokenEvents } from "./token-events.ts";
import { TokenKeeper } from "./token-keeper.ts";
import { startWatcher, type WatchTargets, type Watcher } from "./watch.ts";
import { writing } from "./write-lock.ts";

const STOP_WAIT_MS = 15_000;

export class DaemonLoop {
  private schedule: Schedule | undefined;
  private watcher: Watcher | undefined;
  private watched = "";
  private readonly keeper: TokenKeeper;
  private readonly runner = new Runner((req) => this.run(req));
  private readonly abort = new AbortController();
  private reloading: Promise<void> = Promise.resolve();
  private readonly events: TokenEvents;
  private stopped = false;

  constructor(
    private runtime: Runtime,
    private readonly state: StateFile,
    private readonly env: Env,
    private readonly debounceMs: number,
    private readonly onSwap: (next: Runtime) => void,
  ) {
    this.events = new TokenEvents({
      env,
      state,
      runtime: () => this.runtime,
      keeper: () => this.keeper,
      request: (req) => this.runner.request(req),
    });
    this.keeper = new TokenKeeper(env, runtime.config.refreshLeadSeconds, this.events);
  }

  get expression(): string {
    return this.runtime.config.schedule;
  }

  async start(): Promise<void> {
    this.keeper.setSessions(this.runtime.config.sessions, this.runtime.config.refreshLeadSeconds);
    this.schedule = startSchedule(this.runtime.config.schedule, () => this.tick());
    await this.rewatch();
    this.runner.request({ trigger: "startup" });
  }

  reload(reason: string): void {
    if (this.stopped) return;
    this.reloading = this.reloading
      .then(() => this.swap(reason))
      .catch((err: unknown) => void log().error(`reload: ${errorMessage(err)}`));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.runner.stop();
    this.keeper.stop();
    await this.schedule?.stop();
    await this.watcher?.close();
    const wasWriting = writing();
    this.abort.abort(); // discovery stops; a run that has not started writing will not start
    let timer: NodeJS.Timeout | undefined;
    const waits = Promise.all([this.keeper.idle(), wasWriting ? this.runner.idle() : undefined]);
    await Promise.race([waits, new Promise((r) => (timer = setTimeout(r, STOP_WAIT_MS)))]);
    clearTimeout(timer);
    await this.state.update((s) => {
      s.status = "stopped";
      delete s.running;
      delete s.nextRun;
      s.tokens = this.keeper.status();
    });
  }

  private tick(): void {
    this.runner.request({ trigger: "schedule" });
    void this.state.update((s) => {
      s.counts.skippedTicks = this.runner.skippedTicks;
      const next = this.schedule?.nextRun();
      if (next) s.nextRun = next.toISOString();
    });
  }

  private async run(req: RunRequest): Promise<{ retry: boolean }> {
    const rt = this.runtime;
    const startedAt = new Date();
    await this.state.update(
      (s) => (s.running = { trigger: req.trigger, startedAt: startedAt.toISOString() }),
    );
    let report: SyncReport;
    try {
      report = await runSync(rt.config, {
        env: this.env,
        outputs: rt.outputs,
        getToken: (s) => this.keeper.token(s),
        signal: this.abort.signal,
        ...(req.only ? { only: req.only } : {}),
      });
    } catch (err) {
      await this.state.update((s) => recordFailure(s, req, startedAt, err));
      throw err;
    }
    logReport(req, report, Date.now() - startedAt.getTime());
    this.events.afterRun(report);
    await this.state.update((s) => {
      recordReport(s, req, startedAt, report);
      s.tokens = this.keeper.status();
      const next = this.schedule?.nextRun();
      if (next) s.nextRun = next.toISOString();
    });
    return { retry: shouldRetry(report) };
  }

  private targets(): WatchTargets {
    return { reload: this.runtime.watched, tokens: this.keeper.tokenFiles() };
  }

  private async rewatch(): Promise<void> {
    const targets = this.targets();
    const key = JSON.stringify(targets);
    if (key === this.watched) return;
    await this.watcher?.close();
    this.watched = key;
    this.watcher = await startWatcher(
      targets,
      {
        onReload: (paths) => this.reload(`changed: ${paths.join(", ")}`),
        onToken: (file) => this.keeper.cacheChanged(file),
      },
      this.debounceMs,
    );
  }

  private async swap(reason: string): Promise<void> {
    let next: Runtime;
    try {
      next = await buildRuntime(this.runtime.file, this.env);
    } catch (err) {
      const problems =
        err instanceof ConfigError && err.problems.length > 0 ? [...err.problems] : [errorMessage(err)];
      log().error(`reload refused (${reason}); the previous config keeps running: ${errorMessage(err)}`);
      for (const p of problems) log().error(`  ${p}`);
      await this.state.update((s) => {
        s.counts.reloadFailures++;
        s.lastReload = { at: new Date().toISOString(), ok: false, problems };
      });
      return;
    }
    if (this.stopped) return;
    const prev = this.runtime;
    this.runtime = next;
    this.onSwap(next);
    if (next.config.schedule !== prev.config.schedule) {
      await this.schedule?.stop();
      this.schedule = startSchedule(next.config.schedule, () => this.tick());
    }
    this.keeper.setSessions(next.config.sessions, next.config.refreshLeadSeconds);
    await this.rewatch();
    log().info(`config reloaded (${reason})`);
    await this.state.update((s) => {
      s.counts.reloads++;
      s.schedule = next.config.schedule;
      s.lastReload = { at: new Date().toISOString(), ok: true };
    });
    // Changed or new sessions are discovered; the rest re-render from their last discovery (no network).
    this.runner.request({ trigger: "reload", only: changedSessions(prev.config, next.config) });
  }
}
