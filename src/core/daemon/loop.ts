// The daemon's working parts wired together: schedule ticks, token events and file changes all become
// run requests. A reload swaps the runtime only after the new one is built and checked and everything it
// needs (logger, watcher, schedule) is made: any failure before the switch leaves the old one running.
import { oidcTimeouts, tokenCachePath } from "../auth/index.ts";
import { errorMessage, problemsOf } from "../errors.ts";
import { log } from "../log/logger.ts";
import type { Env } from "../paths.ts";
import { runSync, type SyncReport } from "../sync.ts";
import { notify } from "./notify.ts";
import { logReport, recordFailure, recordReport, shouldRetry } from "./record.ts";
import { Runner, type RunRequest } from "./runner.ts";
import { buildRuntime, changedSessions, type Runtime } from "./runtime.ts";
import { startSchedule, type Schedule } from "./scheduler.ts";
import type { StateFile } from "../state/daemon.ts";
import { TokenEvents } from "./token-events.ts";
import { TokenKeeper } from "./token-keeper.ts";
import { startWatcher, type WatchTargets, type Watcher } from "./watch.ts";
import { writing } from "../lock/index.ts";

const STOP_WAIT_MS = 15_000;
/** A run still going after this long shows as "running now" in the state file. */
const RUNNING_MARK_MS = 3_000;

/** A change prepared beside the running parts: commit switches to it (and cannot fail), discard drops it. */
export interface SwapStep {
  commit(): void | Promise<void>;
  discard(): void | Promise<void>;
}

const noStep: SwapStep = { commit: () => undefined, discard: () => undefined };

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
    /** Prepares what else a new runtime needs (the logger); it may throw, which refuses the reload. */
    private readonly onSwap: (next: Runtime) => SwapStep,
    private readonly watch: typeof startWatcher = startWatcher,
  ) {
    this.events = new TokenEvents({
      env,
      state,
      runtime: () => this.runtime,
      keeper: () => this.keeper,
      request: (req) => this.runner.request(req),
    });
    const { refreshLeadSeconds, timeouts } = runtime.config;
    this.keeper = new TokenKeeper(env, refreshLeadSeconds, this.events, oidcTimeouts(timeouts));
  }

  get expression(): string {
    return this.runtime.config.schedule;
  }

  /** Starts watcher, schedule and token keeper; on failure nothing is left running. */
  async start(): Promise<void> {
    await (await this.prepare(this.runtime)).commit();
    this.runner.request({ trigger: "startup" });
  }

  reload(reason: string): void {
    if (this.stopped) return;
    this.reloading = this.reloading
      .then(() => this.swap(reason))
      .catch((err: unknown) => void log().error("reload failed", { reason, error: errorMessage(err) }));
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

  /** A tick that starts a run writes nothing itself: the run's end records the next run time. */
  private tick(): void {
    if (this.runner.request({ trigger: "schedule" }) !== "skipped") return;
    void this.state.update((s) => {
      s.counts.skippedTicks = this.runner.skippedTicks;
      const next = this.schedule?.nextRun();
      if (next) s.nextRun = next.toISOString();
    });
  }

  private async run(req: RunRequest): Promise<{ retry: boolean }> {
    const rt = this.runtime;
    const startedAt = new Date();
    // "running now" reaches the state file only for a run that lasts, so a quick cycle writes it once.
    this.state.state.running = { trigger: req.trigger, startedAt: startedAt.toISOString() };
    const mark = setTimeout(() => void this.state.update(() => undefined), RUNNING_MARK_MS);
    let report: SyncReport;
    try {
      report = await runSync(rt.config, {
        configFile: rt.file,
        env: this.env,
        outputs: rt.outputs,
        models: rt.models,
        getToken: (s) => this.keeper.token(s),
        signal: this.abort.signal,
        // Runs nobody waits for leave most of the portal's rate to the user's other tools; the startup
        // run uses all of it, once, and so learns the limit the later runs take their share of.
        background: req.trigger !== "startup",
        ...(req.only ? { only: req.only } : {}),
      });
    } catch (err) {
      await this.state.update((s) => recordFailure(s, req, startedAt, err));
      throw err;
    } finally {
      clearTimeout(mark);
    }
    const notifier = rt.config.notifyChanges
      ? (title: string, body: string) => void notify(title, body, this.env, "normal")
      : undefined;
    logReport(req, report, Date.now() - startedAt.getTime(), notifier);
    this.events.afterRun(report);
    await this.state.update((s) => {
      recordReport(s, req, startedAt, report);
      s.tokens = this.keeper.status();
      const next = this.schedule?.nextRun();
      if (next) s.nextRun = next.toISOString();
    });
    return { retry: shouldRetry(report) };
  }

  private targets(rt: Runtime): WatchTargets {
    const tokens = rt.config.sessions.map((s) => tokenCachePath(s, { env: this.env }));
    return { reload: rt.watched, tokens };
  }

  /**
   * Makes what `next` needs beside the running parts: the logger (reloads only), a watcher when the
   * watched files change, a schedule when the expression does. Nothing running is touched until commit;
   * if a step fails, the ones already made are dropped and the error is thrown.
   */
  private async prepare(next: Runtime, prev?: Runtime): Promise<SwapStep> {
    const made: SwapStep[] = [];
    try {
      const extra = prev ? this.onSwap(next) : noStep;
      made.push(extra);
      const targets = this.targets(next);
      const key = JSON.stringify(targets);
      const handlers = {
        onReload: (paths: string[]) => this.reload(`changed: ${paths.join(", ")}`),
        onToken: (file: string) => this.keeper.cacheChanged(file),
      };
      const watcher = key === this.watched ? undefined : await this.watch(targets, handlers, this.debounceMs);
      if (watcher) made.push({ commit: () => undefined, discard: () => watcher.close() });
      const schedule =
        prev && prev.config.schedule === next.config.schedule
          ? undefined
          : startSchedule(next.config.schedule, () => this.tick());
      if (schedule) made.push({ commit: () => undefined, discard: () => schedule.stop() });
      return {
        commit: async () => {
          const [oldWatcher, oldSchedule] = [watcher && this.watcher, schedule && this.schedule];
          this.runtime = next;
          extra.commit();
          if (schedule) this.schedule = schedule;
          const { sessions, refreshLeadSeconds, timeouts } = next.config;
          this.keeper.setSessions(sessions, refreshLeadSeconds, oidcTimeouts(timeouts));
          if (watcher) [this.watcher, this.watched] = [watcher, key];
          await Promise.all([oldWatcher?.close(), oldSchedule?.stop()]).catch((err: unknown) =>
            log().warn("reload cleanup failed", {
              part: "the replaced watcher or schedule",
              error: errorMessage(err),
            }),
          );
        },
        discard: () => discardAll(made),
      };
    } catch (err) {
      await discardAll(made);
      throw err;
    }
  }

  private async swap(reason: string): Promise<void> {
    let next: Runtime;
    let step: SwapStep;
    try {
      next = await buildRuntime(this.runtime.file, this.env, this.runtime.renderers);
      if (this.stopped) return;
      step = await this.prepare(next, this.runtime);
    } catch (err) {
      const problems = problemsOf(err);
      log().error("reload refused", {
        reason,
        error: errorMessage(err),
        problems,
        effect: "the previous config keeps running",
      });
      await this.state.update((s) => {
        s.counts.reloadFailures++;
        s.lastReload = { at: new Date().toISOString(), ok: false, problems };
      });
      return;
    }
    if (this.stopped) return void (await step.discard());
    const prev = this.runtime;
    await step.commit();
    log().info("config reloaded", { reason });
    await this.state.update((s) => {
      s.counts.reloads++;
      s.schedule = next.config.schedule;
      s.lastReload = { at: new Date().toISOString(), ok: true };
    });
    // Changed or new sessions are discovered; the rest re-render from their last discovery (no network).
    this.runner.request({ trigger: "reload", only: changedSessions(prev.config, next.config) });
  }
}

async function discardAll(steps: SwapStep[]): Promise<void> {
  for (const step of steps.reverse()) {
    await Promise.resolve()
      .then(() => step.discard())
      .catch((err: unknown) =>
        log().warn("reload cleanup failed", { part: "a prepared part", error: errorMessage(err) }),
      );
  }
}
