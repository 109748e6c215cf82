// `aws-sso-sync list`: the profiles of the last good model, without the network.
import type { Command } from "commander";
import { lastGoodModel } from "../../core/state/last-good.ts";
import { ExitCode } from "../../core/errors.ts";
import { loadCliConfig } from "../context.ts";
import { returnsCode } from "../exit.ts";

export function register(program: Command): void {
  program
    .command("list")
    .description("show the profiles from the last sync (no network)")
    .option("--json", "print the whole data model as JSON")
    .action(
      returnsCode(async (opts: { json?: boolean }, cmd: Command) => {
        const { config } = await loadCliConfig(cmd);
        // The model's warnings (name conflicts, …) are the sync's to tell, once; list does not repeat them.
        const { model, missing } = await lastGoodModel(config, process.env);
        for (const s of missing)
          process.stderr.write(`session ${s.name}: never synced (run: aws-sso-sync sync)\n`);
        if (opts.json) {
          process.stdout.write(`${JSON.stringify(model, null, 2)}\n`);
          return ExitCode.ok;
        }
        const rows = model.profiles.map((p) => [
          p.name,
          p.accountId,
          p.accountName,
          p.roleName,
          p.region,
          p.session,
        ]);
        const head = ["PROFILE", "ACCOUNT", "NAME", "ROLE", "REGION", "SESSION"];
        const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
        // Names come from the API: control characters would garble the table.
        const cell = (c: string | undefined) => (c ?? "").replace(/\p{Cc}/gu, "?");
        for (const r of [head, ...rows])
          process.stdout.write(
            `${r
              .map((c, i) => cell(c).padEnd(widths[i] ?? 0))
              .join("  ")
              .trimEnd()}\n`,
          );
        return ExitCode.ok;
      }),
    );
}
