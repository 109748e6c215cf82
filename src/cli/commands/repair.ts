// `aws-sso-sync repair [--dry-run]`: puts our regions back together in a file another tool rewrote, when a
// sync would not do it alone (marker lines of a region no configured output can recognise, for example an
// output removed from the config while go-ini dropped its END line). It shows the diff first; those marker
// lines are taken out and every section stays, as the user's. Rendered from the last good discovery: no
// network. Only the files that need repairing are written.
import type { Command } from "commander";
import { withWriteLock } from "../../core/lock/index.ts";
import { ExitCode } from "../../core/errors.ts";
import { unifiedDiff } from "../../core/files/index.ts";
import { loadOutputs } from "../../core/render/loader.ts";
import { applyFilePlans, planFiles, type PlannedFiles } from "../../core/render/write-files.ts";
import type { Config } from "../../core/config/index.ts";
import { foreignClaims, loadOutputRecords, ownedFiles, retiredOutputs } from "../../core/state/outputs.ts";
import { builtinRenderers } from "../../renderers/index.ts";
import { loadCliConfig } from "../context.ts";
import { returnsCode } from "../exit.ts";
import { lastModel } from "./render.ts";

async function planRepair(config: Config, configFile: string): Promise<PlannedFiles> {
  const env = process.env;
  const model = await lastModel(config);
  const loaded = await loadOutputs(config, { env, renderers: builtinRenderers });
  const previous = await loadOutputRecords(configFile, env);
  const planned = await planFiles(loaded.outputs, model, env, {
    retired: retiredOutputs(previous, new Set(config.outputs.map((o) => o.name))),
    owned: await ownedFiles(env),
    claims: { own: configFile, others: await foreignClaims(configFile, env) },
    recorded: previous,
    repair: true,
  });
  const files = planned.files.filter((f) => f.recovered && f.plan.changed);
  const touched = new Set(files.map((f) => f.plan.file));
  return {
    files,
    results: planned.results.filter((r) => touched.has(r.file) || r.status === "failed"),
    warnings: planned.warnings,
  };
}

export function register(program: Command): void {
  program
    .command("repair")
    .description("rebuild aws-sso-sync's regions another tool broke; prints the diff first")
    .option("-n, --dry-run", "print the diff and write nothing")
    .action(
      returnsCode(async (opts: { dryRun?: boolean }, cmd: Command) => {
        const { config, file } = await loadCliConfig(cmd);
        const out = process.stdout;
        const err = process.stderr;
        const report = async () => {
          const planned = await planRepair(config, file);
          for (const w of planned.warnings) err.write(`warning: ${w}\n`);
          for (const f of planned.files) out.write(unifiedDiff(f.plan));
          return planned;
        };
        /** Reports the results; the exit code: 1 when an output failed. */
        const show = (results: PlannedFiles["results"], repairing: boolean): number => {
          if (!repairing) out.write("nothing to repair: every region is whole\n");
          let code: number = ExitCode.ok;
          for (const r of results) {
            if (r.status !== "failed") continue;
            err.write(`output ${r.name}: failed, ${r.file || "nothing"} left as it was\n`);
            for (const p of r.problems) err.write(`  ${p}\n`);
            code = ExitCode.failure;
          }
          return code;
        };
        if (opts.dryRun) {
          const planned = await report();
          const code = show(planned.results, planned.files.length > 0);
          if (planned.files.length > 0)
            out.write("dry run: nothing written (run `aws-sso-sync repair` to write it)\n");
          return code;
        }
        // Planned again under the write lock, so a daemon's sync cannot interleave with the repair.
        const { planned, results } = await withWriteLock(process.env, async () => {
          const p = await report();
          return {
            planned: p,
            results: p.files.length === 0 ? p.results : await applyFilePlans(p, process.env, config.files),
          };
        });
        const code = show(results, planned.files.length > 0);
        for (const f of planned.files)
          if (results.some((r) => r.file === f.plan.file && r.status === "written"))
            out.write(`repaired ${f.plan.file}\n`);
        return code;
      }),
    );
}
