// `aws-sso-sync sync`: discover, render, write (or with --dry-run, print the diffs and write nothing).
import type { Command } from "commander";
import { builtinRenderers } from "../../renderers/index.ts";
import { installStopSignals, signalExitCode } from "../../core/daemon/signals.ts";
import { progressReporter } from "../../core/discovery/index.ts";
import { AppError, ExitCode, errorMessage } from "../../core/errors.ts";
import { unifiedDiff } from "../../core/files/index.ts";
import { redactString } from "../../core/log/redact.ts";
import { describeChanges, hasChanges } from "../../core/model/changes.ts";
import { runSync, type SyncReport } from "../../core/sync.ts";
import { summariseWarnings } from "../../core/warning-summary.ts";
import { loadCliConfig, selectSessions } from "../context.ts";
import { returnsCode } from "../exit.ts";

/** The warnings to print: new ones summarised by kind; with --verbose every current one in full. */
function warningLines(report: SyncReport, verbose: boolean): string[] {
  const lines = summariseWarnings(verbose ? report.warnings : report.unseenWarnings, verbose);
  return lines.map((l) => `warning: ${l.text}${l.count > 1 ? " (--verbose lists them)" : ""}`);
}

/** An ok run that wrote nothing and changed no profile: said in one line. */
function unchangedLine(report: SyncReport): string | undefined {
  const c = report.changes;
  const quiet =
    report.exitCode === ExitCode.ok &&
    c !== undefined &&
    !hasChanges(c) &&
    report.outputs.every((o) => o.status === "unchanged");
  if (!quiet) return undefined;
  const accounts = report.sessions.reduce((n, s) => n + s.accounts, 0);
  const outs = report.outputs.map((o) => `output ${o.name}: unchanged`).join("; ");
  return `unchanged: ${c.total} profiles from ${accounts} accounts, none added or removed (${outs})\n`;
}

function printReport(
  report: SyncReport,
  opts: { dryRun: boolean; verbose: boolean },
  out: NodeJS.WritableStream,
  err: NodeJS.WritableStream,
): void {
  for (const w of warningLines(report, opts.verbose)) err.write(`${w}\n`);
  const unchanged = unchangedLine(report);
  if (unchanged !== undefined) return void out.write(unchanged);
  // Every output renders the whole model: what changed in it is what changed in each written file.
  const changed = report.changes ? ` (${describeChanges(report.changes)})` : "";
  for (const s of report.sessions) {
    if (s.status === "not-selected") continue;
    const from = s.fromState ? " (kept from the last good sync)" : "";
    const line = s.status === "ok" ? `${s.accounts} accounts` : `${s.status}: ${s.error ?? ""}${from}`;
    (s.status === "ok" ? out : err).write(`session ${s.name}: ${line}\n`);
  }
  for (const o of report.outputs) {
    if (o.status === "failed") {
      err.write(`output ${o.name}: failed, ${o.file || "nothing"} left as it was\n`);
      for (const p of o.problems) err.write(`  ${p}\n`);
    } else {
      out.write(`output ${o.name}: ${o.status} ${o.file}${o.status === "written" ? changed : ""}\n`);
    }
  }
  if (opts.dryRun) for (const f of report.files) if (f.plan.changed) out.write(unifiedDiff(f.plan));
}

export function register(program: Command): void {
  program
    .command("sync")
    .description("discover accounts and roles and write every configured output")
    .option(
      "-s, --session <name>",
      "only discover this session (the others are rendered from their last sync)",
    )
    .option("-n, --dry-run", "print a unified diff per file and write nothing")
    .option(
      "--confirm-removals",
      "apply a discovery that removes more than confirmRemovalsAbove of a session's profiles now",
    )
    .option("--json", "print the report as JSON")
    .option("-v, --verbose", "list every warning in full, also those an earlier sync showed")
    .action(
      returnsCode((opts: SyncCommandOptions, cmd: Command) =>
        // With --json, stdout is JSON also when the sync cannot run at all; the message still goes to stderr.
        syncAction(opts, cmd).catch((err: unknown) => {
          if (opts.json)
            process.stdout.write(`${JSON.stringify({ error: jsonError(err) }, null, 2)}
`);
          throw err;
        }),
      ),
    );
}

function jsonError(err: unknown): { message: string; hint?: string; exitCode: number } {
  if (!(err instanceof AppError))
    return { message: redactString(errorMessage(err)), exitCode: ExitCode.failure };
  return {
    message: redactString(err.message),
    ...(err.hint ? { hint: redactString(err.hint) } : {}),
    exitCode: err.exitCode,
  };
}

async function syncAction(opts: SyncCommandOptions, cmd: Command): Promise<number> {
  const { config, file } = await loadCliConfig(cmd);
  const only = opts.session ? selectSessions(config, opts.session).map((s) => s.name) : undefined;
  const progress = opts.json ? undefined : progressReporter(process.stderr);
  // SIGTERM/SIGINT: stop discovery and write nothing more; a second signal exits at once.
  const stop = new AbortController();
  let stoppedBy: NodeJS.Signals | undefined;
  const uninstall = installStopSignals((signal) => {
    stoppedBy = signal;
    stop.abort(new Error(`stopped by ${signal}`));
  });
  const report = await runSync(config, {
    renderers: builtinRenderers,
    configFile: file,
    ...(only ? { only } : {}),
    dryRun: opts.dryRun ?? false,
    confirmRemovals: opts.confirmRemovals ?? false,
    signal: stop.signal,
    ...(progress ? { onProgress: (_s: string, p: Parameters<typeof progress>[0]) => progress(p) } : {}),
  }).finally(uninstall);
  if (opts.json) {
    const { model: _model, files, ...rest } = report;
    process.stdout.write(
      `${JSON.stringify({ ...rest, files: files.map((f) => ({ file: f.plan.file, changed: f.plan.changed, outputs: f.outputs, ...(opts.dryRun && f.plan.changed ? { diff: unifiedDiff(f.plan) } : {}) })) }, null, 2)}
`,
    );
  } else {
    const flags = { dryRun: opts.dryRun ?? false, verbose: opts.verbose ?? false };
    printReport(report, flags, process.stdout, process.stderr);
  }
  return stoppedBy ? signalExitCode(stoppedBy) : report.exitCode;
}

interface SyncCommandOptions {
  session?: string;
  dryRun?: boolean;
  confirmRemovals?: boolean;
  json?: boolean;
  verbose?: boolean;
}
