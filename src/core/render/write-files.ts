// From outputs to written files: renders every output, plans each file (planFiles), then writes the plans
// (applyFilePlans). Outputs that share a file are applied one after the other to the same text, so each
// owns its own region. One output failing (template error, failed check, collision) leaves its region as
// it was and does not stop the others.
import { join } from "node:path";
import {
  applyPlan,
  planRegion,
  planRemoveRegion,
  planWholeFile,
  readIfExists,
  type Conflict,
  type FilePlan,
} from "../files/index.ts";
import { AppError, problemsOf } from "../errors.ts";
import type { Model } from "../model/model.ts";
import { stateDir, type Env } from "../paths.ts";
import type { OutputRecord } from "../state/outputs.ts";
import { splitClaimed, unclaimed, type Claims } from "./claimed.ts";
import { checkPlannedFile, refuseFile } from "./file-check.ts";
import { runHook } from "./hooks.ts";
import { hookOwner, type ResolvedOutput } from "./loader.ts";
import { hookContext, renderChecked, renderOutput } from "./output.ts";
import { recordedRegions, recoverFile } from "./recover.ts";

export { renderOutput };

export interface OutputResult {
  name: string;
  file: string;
  status: "written" | "unchanged" | "would-write" | "failed";
  problems: string[];
  /** Generated sections left out because the user defines the same name outside the region. */
  dropped: Conflict[];
  warnings: string[];
}

export interface PlannedFile {
  plan: FilePlan;
  outputs: string[];
  /** Plans the file again from other text, when another program wrote it while we did (applyPlan). */
  replan?: (before: string | null) => FilePlan;
  /** Another tool had broken our regions in it and this plan puts them back. */
  recovered?: boolean;
}

export interface PlannedFiles {
  files: PlannedFile[];
  results: OutputResult[];
  warnings: string[];
}

export interface PlanHistory {
  /** Outputs gone from the config: their regions are taken out. */
  retired: OutputRecord[];
  /** Files whole-file outputs wrote before: only those may be replaced. */
  owned: ReadonlySet<string>;
  /** What other configs own: an output that would take it over is refused. */
  claims?: Claims;
  /** This config's output records from last time: a region written there and gone now is recovered. */
  recorded?: readonly OutputRecord[];
  /** `repair`: also take out broken markers that no configured output can rebuild (content kept). */
  repair?: boolean;
}

interface FileOutcome {
  last: FilePlan | undefined;
  names: string[];
  results: OutputResult[];
}

/** Plans one file: retired regions out, then each current output's region (or the whole file). */
function planOneFile(
  file: string,
  before: string | null,
  group: ResolvedOutput[],
  retired: OutputRecord[],
  owned: boolean,
  model: Model,
  env: Env,
): FileOutcome {
  let text = before;
  let last: FilePlan | undefined;
  const names: string[] = [];
  const results: OutputResult[] = [];
  const result = (name: string, warnings: string[] = []): OutputResult => {
    const r: OutputResult = { name, file, status: "unchanged", problems: [], dropped: [], warnings };
    results.push(r);
    return r;
  };
  // Retired regions go first, so a renamed output does not collide with its own old region.
  for (const r of retired) {
    const removal = planRemoveRegion(file, text, r.name);
    if (!removal.changed) continue;
    result(r.name, [`no longer configured: its region in ${file} is removed`]);
    // Keep the format of what the file holds, so an INI file is still checked before it is written.
    last = last ? { ...removal, format: last.format } : removal;
    text = removal.after;
    names.push(r.name);
  }
  for (const out of group) {
    const res = result(out.name);
    try {
      const { inspect } = out.renderer;
      const existing = text;
      if (existing !== null && inspect) {
        const ctx = hookContext(out, model, env);
        res.warnings.push(...(runHook(hookOwner(out), "inspect()", () => inspect(existing, ctx)) ?? []));
      }
      const { text: content, problems } = renderChecked(out, model, env);
      if (content === undefined || problems.length > 0) {
        res.status = "failed";
        res.problems = problems;
        continue;
      }
      const mode = out.renderer.mode;
      if (mode.kind === "file" && text !== null && !owned) {
        throw new AppError(`${file} exists and was not written by aws-sso-sync; left as it is`, {
          hint: `move it away (or point output "${out.name}" at another file) to let aws-sso-sync own it`,
        });
      }
      const plan =
        mode.kind === "region"
          ? planRegion(file, text, { name: out.name, comment: mode.comment, format: mode.format }, content)
          : planWholeFile(file, text, content, mode.format);
      res.dropped = plan.dropped;
      for (const d of plan.dropped) {
        res.warnings.push(
          `${file}:${d.userLine}: [${d.section}] is defined outside the managed region; not generated (rename or remove yours to let aws-sso-sync manage it)`,
        );
      }
      text = plan.after;
      last = plan;
      names.push(out.name);
    } catch (err) {
      res.status = "failed";
      res.problems = problemsOf(err);
    }
  }
  return { last, names, results };
}

export async function planFiles(
  outputs: ResolvedOutput[],
  model: Model,
  env: Env,
  history: PlanHistory = { retired: [], owned: new Set() },
): Promise<PlannedFiles> {
  const retired = unclaimed(history.retired, history.claims);
  const { free, refused } = splitClaimed(outputs, history.claims);
  const byFile = new Map<string, ResolvedOutput[]>();
  for (const o of free) byFile.set(o.file, [...(byFile.get(o.file) ?? []), o]);
  for (const r of retired) if (r.kind === "region" && !byFile.has(r.file)) byFile.set(r.file, []);
  const files: PlannedFile[] = [];
  const results: OutputResult[] = [...refused];
  const warnings: string[] = [];

  for (const [file, group] of byFile) {
    const before = await readTarget(file, group, results);
    if (before === undefined) continue;
    const gone = retired.filter((r) => r.file === file && r.kind === "region");
    const owned = history.owned.has(file);
    const expected = recordedRegions(history.recorded ?? [], file);
    const prepare = (b: string | null) =>
      recoverFile(file, b, group, expected, model, env, history.repair ?? false);
    let prepared;
    try {
      prepared = prepare(before);
    } catch (err) {
      // Broken markers nobody can rebuild: the file is kept as it is, and the message names `repair`.
      for (const out of group) results.push(failed(out.name, file, err));
      continue;
    }
    const { text: start, notes, stripped } = prepared;
    let outcome = planOneFile(file, start, group, gone, owned, model, env);
    // A retired region (say, an output that was renamed) goes only once its successors render: otherwise a
    // broken successor would leave the file with neither.
    if (gone.length > 0 && outcome.results.some((r) => r.status === "failed")) {
      outcome = planOneFile(file, start, group, [], owned, model, env);
    }
    for (const r of outcome.results) {
      const note = notes.get(r.name);
      if (note !== undefined) r.warnings.unshift(note);
    }
    for (const name of stripped)
      warnings.push(
        `${file}: the broken marker lines of region "${name}" are taken out; its sections stay as yours`,
      );
    const { last, names } = outcome;
    results.push(...outcome.results);
    // Whole-file check once every region is placed: a refused file is not written at all.
    const verdict = last ? await checkPlannedFile(file, last.after, group, env) : undefined;
    if (last && verdict?.problems.length) refuseFile(file, outcome.results, verdict.problems);
    else if (last) {
      const format = verdict?.ini ? "ini" : last.format;
      const plan: FilePlan = { ...last, format, before, changed: last.after !== before };
      // No diff here: on a large change it costs far more than the write, and only --dry-run shows it.
      files.push({
        plan,
        outputs: names,
        replan: replanner(outcome, (b) =>
          planOneFile(file, prepare(b).text, group, kept(gone, names), owned, model, env),
        ),
        ...(notes.size > 0 || stripped.length > 0 ? { recovered: true } : {}),
      });
      for (const r of outcome.results)
        if (r.status !== "failed") r.status = plan.changed ? "would-write" : "unchanged";
    }
    for (const r of outcome.results) warnings.push(...r.warnings.map((w) => `${r.name}: ${w}`));
  }
  return { files, results, warnings };
}

/**
 * The text of an output's target, or undefined when it cannot be read (a directory, a FIFO, a path through
 * a regular file, no permission): then that file's outputs fail alone, with the errno, and the rest go on.
 */
async function readTarget(
  file: string,
  group: ResolvedOutput[],
  results: OutputResult[],
): Promise<string | null | undefined> {
  try {
    return await readIfExists(file);
  } catch (err) {
    for (const out of group) results.push(failed(out.name, file, err));
    return undefined;
  }
}

const failed = (name: string, file: string, err: unknown): OutputResult => ({
  name,
  file,
  status: "failed",
  problems: problemsOf(err),
  dropped: [],
  warnings: [],
});

/** The retired regions a plan took out (none when a failing successor made it keep them). */
const kept = (gone: OutputRecord[], names: string[]) => gone.filter((g) => names.includes(g.name));

/**
 * The same planning again on new text (planOneFile is pure given `before`). An output that planned now
 * but not then makes the whole file fail: its region must not go stale silently.
 */
function replanner(
  first: FileOutcome,
  plan: (before: string | null) => FileOutcome,
): (before: string | null) => FilePlan {
  const ok = new Set(first.results.filter((r) => r.status !== "failed").map((r) => r.name));
  return (before) => {
    const again = plan(before);
    const lost = again.results.filter((r) => r.status === "failed" && ok.has(r.name));
    if (lost.length > 0 || !again.last)
      throw new AppError(`${lost[0]?.file ?? "the file"} changed on disk and could not be planned again`, {
        hint: lost.flatMap((r) => r.problems).join("; ") || "sync again",
      });
    return { ...again.last, before, changed: again.last.after !== before };
  };
}

export interface ApplyFileOptions {
  /** config files.allowReadOnly: replace files whose owner write bit is off. */
  allowReadOnly?: boolean;
}

/** Writes every changed file (atomic, with a backup); returns the final per-output results. */
export async function applyFilePlans(
  planned: PlannedFiles,
  env: Env,
  opts: ApplyFileOptions = {},
): Promise<OutputResult[]> {
  const backupDir = join(stateDir(env), "backups");
  for (const f of planned.files) {
    const owned = planned.results.filter((r) => r.file === f.plan.file && r.status !== "failed");
    try {
      const outcome = await applyPlan(f.plan, {
        backupDir,
        ...(f.replan ? { replan: f.replan } : {}),
        ...(opts.allowReadOnly ? { allowReadOnly: true } : {}),
      });
      for (const r of owned) r.status = outcome;
    } catch (err) {
      for (const r of owned) {
        r.status = "failed";
        r.problems = problemsOf(err);
      }
    }
  }
  return planned.results;
}
