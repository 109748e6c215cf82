// One sync: token → discovery → model → renderers → managed files. Sessions are independent: one that
// fails keeps its last good discovery, and nothing is written while any session has no data at all, so a
// failed listing can never prune profiles.
import { getValidToken, keepLegacyTokens, oidcTimeouts, type FreshToken } from "./auth/index.ts";
import { profileChanges, type ProfileChanges } from "./model/changes.ts";
import { ModelMemo } from "./model/memo.ts";
import type { Config, SessionConfig } from "./config/index.ts";
import { discoverSession, discoveryTuning, type DiscoveryProgress } from "./discovery/index.ts";
import { AppError, ExitCode, LoginNeededError, messageWithHint, type ExitCodeValue } from "./errors.ts";
import { log } from "./log/logger.ts";
import type { DiscoveredSession, Model } from "./model/model.ts";
import { withWriteLock } from "./lock/index.ts";
import type { Env } from "./paths.ts";
import type { RendererRegistry } from "./render/contract.ts";
import { loadOutputs, type LoadedOutputs } from "./render/loader.ts";
import { applyFilePlans, planFiles, type OutputResult, type PlannedFile } from "./render/write-files.ts";
import { decideRemoval } from "./removal-guard.ts";
import { clearPending, loadDiscovered, sameAccounts, saveDiscovered } from "./state/discovered.ts";
import { lastGoodDiscoveries } from "./state/last-good.ts";
import { unseenWarnings } from "./state/shown-warnings.ts";
import {
  foreignClaims,
  loadOutputRecords,
  ownedFiles,
  retiredOutputs,
  saveOutputRecords,
  type OutputRecord,
} from "./state/outputs.ts";

interface SessionResult {
  name: string;
  status: "ok" | "failed" | "login-needed" | "not-selected";
  accounts: number;
  /** True when the session's profiles come from its last good discovery rather than this run. */
  fromState: boolean;
  error?: string;
}

export interface SyncReport {
  sessions: SessionResult[];
  outputs: OutputResult[];
  warnings: string[];
  /** The warnings no earlier run of this config has shown (all of them without a config file). */
  unseenWarnings: string[];
  /** Profiles added and removed against the previous last good discovery (absent: nothing rendered). */
  changes?: ProfileChanges;
  model?: Model;
  /** Planned files (what --dry-run diffs). */
  files: PlannedFile[];
  exitCode: ExitCodeValue;
}

interface SyncBase {
  /** Only these sessions are discovered; the others are rendered from their last good discovery. */
  only?: string[];
  dryRun?: boolean;
  env?: Env;
  onProgress?: (session: string, p: DiscoveryProgress) => void;
  /** The config file: which outputs it wrote is remembered per config file. */
  configFile?: string;
  /** Where bearer tokens come from; default getValidToken. The daemon passes its token keeper. */
  getToken?: (s: SessionConfig) => Promise<FreshToken>;
  /** Stops discovery; once aborted nothing more is written (a write already under way completes). */
  signal?: AbortSignal;
  /** Apply a mass removal now instead of waiting for the next discovery to confirm it. */
  confirmRemovals?: boolean;
  /** A run nobody waits for (the daemon's): discovery uses discovery.backgroundShare of the portal's rate. */
  background?: boolean;
  /** Models kept between runs (the daemon's): an unchanged cycle builds and renders nothing again. */
  models?: ModelMemo;
}

/**
 * Outputs already loaded (the daemon's current runtime), or the renderer registry to load them from the
 * config now: core does not know the built-ins, the caller (CLI, daemon) passes them.
 */
export type SyncOptions = SyncBase & ({ outputs: LoadedOutputs } | { renderers: RendererRegistry });

async function discoverOne(
  s: SessionConfig,
  config: Config,
  opts: SyncOptions,
  previous: DiscoveredSession | undefined,
): Promise<DiscoveredSession> {
  const token = opts.getToken
    ? await opts.getToken(s)
    : await getValidToken(s, {
        refreshLeadSeconds: config.refreshLeadSeconds,
        env: opts.env ?? process.env,
        timeouts: oidcTimeouts(config.timeouts),
      });
  const { result, stats } = await discoverSession(
    { session: s.name, ssoRegion: s.region, accessToken: token.accessToken },
    {
      ...discoveryTuning(config),
      share: opts.background ? config.discovery.backgroundShare : 1,
      filters: { accounts: s.accounts, roles: s.roles },
      env: opts.env ?? process.env,
      ...(opts.signal ? { signal: opts.signal } : {}),
      ...(opts.onProgress ? { onProgress: (p: DiscoveryProgress) => opts.onProgress?.(s.name, p) } : {}),
    },
  );
  // Nothing new and no trouble: debug, so an idle daemon does not grow its log file every cycle.
  const quiet = stats.retries === 0 && sameAccounts(previous, result);
  log().log(quiet ? "debug" : "info", "session discovered", {
    session: s.name,
    accounts: result.accounts.length,
    requests: stats.requests,
    retries: stats.retries,
    throttled: stats.throttled,
    ms: Math.round(stats.elapsedMs),
  });
  return result;
}

/**
 * The mass-removal guard (removal-guard.ts) on one session's fresh discovery: stores it as the last good
 * one, or as pending; returns the discovery to render. A dry run stores nothing.
 */
async function guardRemoval(
  s: SessionConfig,
  previous: DiscoveredSession | undefined,
  fresh: DiscoveredSession,
  config: Config,
  opts: SyncOptions,
  messages: string[],
): Promise<DiscoveredSession> {
  const env = opts.env ?? process.env;
  const pending = previous ? await loadDiscovered(s, env, { pending: true }) : undefined;
  const policy = { threshold: config.confirmRemovalsAbove, confirm: opts.confirmRemovals ?? false };
  const decision = decideRemoval(previous, fresh, pending, policy);
  // A warning of the report: the CLI prints it, the daemon logs it.
  if (decision.message) messages.push(decision.message);
  if (decision.action === "hold" && previous) {
    if (!opts.dryRun) await saveDiscovered(fresh, s.startUrl, env, { pending: true });
    return previous;
  }
  // The same discovery as last time is not written again: an unchanged daemon cycle writes nothing.
  if (!opts.dryRun && (pending || !sameAccounts(previous, fresh))) {
    await saveDiscovered(fresh, s.startUrl, env);
    if (pending) await clearPending(s, env);
  }
  return fresh;
}

export async function runSync(config: Config, opts: SyncOptions): Promise<SyncReport> {
  const env = opts.env ?? process.env;
  const selected = new Set(opts.only ?? config.sessions.map((s) => s.name));
  const sessions: SessionResult[] = [];
  const discovered: DiscoveredSession[] = [];
  const removals: string[] = [];
  /** The exit code of each failed session's error (login needed, network, partial). */
  const failedWith: ExitCodeValue[] = [];
  let missing = false;

  const last = await lastGoodDiscoveries(config, env);
  await Promise.all(
    config.sessions.map(async (s) => {
      const previous = last.found.get(s.name);
      if (!selected.has(s.name)) {
        if (previous) discovered.push(previous);
        // Rendering without it would remove its profiles: a session with no usable state blocks the write.
        else missing = true;
        sessions.push({
          name: s.name,
          status: "not-selected",
          accounts: previous?.accounts.length ?? 0,
          fromState: previous !== undefined,
          ...(previous ? {} : { error: "no earlier discovery: run a sync for this session first" }),
        });
        return;
      }
      try {
        const fresh = await discoverOne(s, config, opts, previous);
        const use = await guardRemoval(s, previous, fresh, config, opts, removals);
        discovered.push(use);
        sessions.push({
          name: s.name,
          status: "ok",
          accounts: use.accounts.length,
          fromState: use !== fresh,
        });
      } catch (err) {
        const status = err instanceof LoginNeededError ? "login-needed" : "failed";
        // The error says whether no connection was made (5: NetworkError, DiscoveryError).
        failedWith.push(err instanceof AppError ? err.exitCode : ExitCode.partial);
        sessions.push({
          name: s.name,
          status,
          accounts: previous?.accounts.length ?? 0,
          fromState: previous !== undefined,
          error: messageWithHint(err),
        });
        if (previous) discovered.push(previous);
        else missing = true;
      }
    }),
  );
  sessions.sort((a, b) => (a.name < b.name ? -1 : 1));

  // Every failed session for the same reason: that reason's code (4 login, 5 network); mixed: 6, partial.
  const sessionExit: ExitCodeValue =
    failedWith.length === 0
      ? ExitCode.ok
      : failedWith.every((c) => c === failedWith[0]) &&
          (failedWith[0] === ExitCode.loginNeeded || failedWith[0] === ExitCode.network)
        ? failedWith[0]
        : ExitCode.partial;
  if (missing) {
    // Writing now would render those sessions' profiles away: keep every file as it is.
    const warnings = [
      ...removals,
      `no output written: ${sessions
        .filter((x) => !x.fromState && x.status !== "ok")
        .map((x) => x.name)
        .join(", ")} has no earlier discovery to fall back on`,
    ];
    return {
      sessions,
      outputs: [],
      files: [],
      warnings,
      unseenWarnings: warnings,
      exitCode: sessionExit === ExitCode.ok ? ExitCode.partial : sessionExit,
    };
  }

  // This run's model and the previous run's (for the change report): one build when they are the same.
  const models = opts.models ?? new ModelMemo();
  const { model, warnings } = models.build(config, discovered);
  const loaded =
    "outputs" in opts ? opts.outputs : await loadOutputs(config, { env, renderers: opts.renderers });
  const current: OutputRecord[] = loaded.outputs.map((o) => ({
    name: o.name,
    file: o.file,
    kind: o.renderer.mode.kind,
  }));
  const configured = new Set(config.outputs.map((o) => o.name));
  const key = opts.configFile ?? "";
  const plan = async () => {
    const previous = await loadOutputRecords(key, env);
    const retired = retiredOutputs(previous, configured);
    // Disabled or broken outputs are still configured: their records stay with their regions.
    const kept = previous.filter((r) => configured.has(r.name));
    const claims = { own: key, others: await foreignClaims(key, env) };
    const planned = await planFiles(loaded.outputs, model, env, {
      retired,
      owned: await ownedFiles(env),
      claims,
      recorded: previous,
    });
    return { planned, records: [...kept, ...current] };
  };
  // Planned and written under the write lock, so a daemon and a hand-run sync never interleave.
  const phase = opts.dryRun
    ? await plan().then(({ planned }) => ({ planned, results: planned.results }))
    : await withWriteLock(env, async (lockSignal) => {
        if (opts.signal?.aborted) return undefined;
        const { planned, records } = await plan();
        // Lost the lock while planning (another writer took it over), or told to stop: write nothing.
        if (lockSignal.aborted || opts.signal?.aborted) return undefined;
        const results = await applyFilePlans(planned, env, { allowReadOnly: config.files.allowReadOnly });
        await saveOutputRecords(key, records, env);
        // Legacy-form profiles in what we wrote read sha1(start URL).json: keep it (auth/legacy.ts).
        const ini = planned.files.filter((f) => f.plan.format === "ini").map((f) => f.plan.after);
        const complete = results.every((r) => r.status !== "failed") && loaded.failed.length === 0;
        await keepLegacyTokens(config.sessions, ini, { env, complete });
        return { planned, results };
      });
  if (!phase)
    return {
      sessions,
      outputs: [],
      files: [],
      warnings: ["stopped before writing: every file left as it was"],
      unseenWarnings: ["stopped before writing: every file left as it was"],
      exitCode: sessionExit,
    };
  const { planned } = phase;
  const outputs: OutputResult[] = [
    ...loaded.failed.map((f) => ({
      name: f.name,
      file: "",
      status: "failed" as const,
      problems: [...f.error.problems, f.error.message],
      dropped: [],
      warnings: [],
    })),
    ...phase.results,
  ];
  const outputsFailed = outputs.some((o) => o.status === "failed");
  const exitCode = sessionExit !== ExitCode.ok ? sessionExit : outputsFailed ? ExitCode.failure : ExitCode.ok;
  const all = [...removals, ...warnings, ...planned.warnings];
  const previousModel =
    last.found.size > 0 ? models.build(config, [...last.found.values()]).model : undefined;
  return {
    sessions,
    outputs,
    files: planned.files,
    warnings: all,
    // Told once per config: a dry run looks without remembering.
    unseenWarnings: opts.configFile
      ? await unseenWarnings(opts.configFile, all, env, { remember: !opts.dryRun })
      : all,
    changes: profileChanges(previousModel, model),
    model,
    exitCode,
  };
}
