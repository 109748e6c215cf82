// `aws-sso-sync daemon`: runs in the foreground until SIGTERM/SIGINT (a service manager's stop, Ctrl-C).
// Exit codes: 0 after a clean stop, 3 for an invalid config at startup, 7 when a daemon already runs for
// this config.
import type { Command } from "commander";
import { builtinRenderers } from "../../renderers/index.ts";
import { startDaemon } from "../../core/daemon/index.ts";
import { closeLogger, currentLogger } from "../../core/log/logger.ts";
import { configFile } from "../../core/paths.ts";
import { globalOptions, setupLogging } from "../context.ts";
import { returnsCode } from "../exit.ts";

export function register(program: Command): void {
  program
    .command("daemon")
    .description("keep tokens fresh and outputs in sync: runs on the config's schedule, reloads on changes")
    .option(
      "--debounce <ms>",
      "wait this long after a file change before reloading",
      (v) => Number.parseInt(v, 10),
      300,
    )
    .action(
      returnsCode(async (opts: { debounce: number }, cmd: Command) => {
        setupLogging(cmd); // validates --log-level; the daemon then sets up its own logger from the config
        const { config, logLevel } = globalOptions(cmd);
        const daemon = await startDaemon({
          configFile: configFile(config),
          renderers: builtinRenderers,
          ...(logLevel ? { logLevel } : {}),
          debounceMs: Number.isFinite(opts.debounce) && opts.debounce >= 0 ? opts.debounce : 300,
        });
        const code = await daemon.done;
        await closeLogger(currentLogger());
        // Sockets of an abandoned discovery must not keep a stopped daemon alive.
        process.exit(code);
      }),
    );
}
