// `aws-sso-sync service install | uninstall | status`: the daemon as a systemd user service (Linux) or a
// launchd agent (macOS). --dry-run prints the file and changes nothing; --no-start writes or removes the
// file without calling systemctl/launchctl.
import type { Command } from "commander";
import { daemonStatus, describeDaemon } from "../../core/daemon/index.ts";
import { AppError, ExitCode } from "../../core/errors.ts";
import { configFile } from "../../core/paths.ts";
import {
  defaultManager,
  installService,
  serviceFile,
  serviceStatus,
  uninstallService,
  type ServiceManager,
  type ServiceResult,
} from "../../core/service/index.ts";
import { globalOptions, setupLogging } from "../context.ts";
import { returnsCode } from "../exit.ts";

interface Flags {
  dryRun?: boolean;
  start?: boolean;
  manager?: string;
}

function manager(flags: Flags): ServiceManager {
  if (flags.manager === undefined) return defaultManager();
  if (flags.manager === "systemd" || flags.manager === "launchd") return flags.manager;
  throw new AppError(`--manager: unknown service manager "${flags.manager}"`, {
    exitCode: ExitCode.usage,
    hint: "use systemd or launchd",
  });
}

/** Prints the tool steps; true when every one worked. */
function report(r: ServiceResult, out: NodeJS.WritableStream, manual: string): boolean {
  for (const s of r.steps)
    out.write(
      `${s.ok ? "ran" : "failed"}: ${s.command}${s.output ? `\n  ${s.output.replace(/\n/g, "\n  ")}` : ""}\n`,
    );
  if (r.skipped) out.write(`not run (${r.skipped}); to do it by hand: ${manual}\n`);
  return r.steps.every((s) => s.ok);
}

const manualStart = (m: ServiceManager, path: string): string =>
  m === "systemd"
    ? "systemctl --user daemon-reload && systemctl --user enable --now aws-sso-sync.service"
    : `launchctl bootstrap gui/$(id -u) ${path}`;
const manualStop = (m: ServiceManager, path: string): string =>
  m === "systemd"
    ? "systemctl --user disable --now aws-sso-sync.service"
    : `launchctl bootout gui/$(id -u) ${path}`;

function addFlags(cmd: Command): Command {
  return cmd
    .option("-n, --dry-run", "print the service file and change nothing")
    .option("--no-start", "do not call systemctl/launchctl")
    .option("--manager <name>", "systemd or launchd (default: this platform's)");
}

/** What every service subcommand acts on: this config's service under the chosen manager. */
function target(flags: Flags, cmd: Command) {
  setupLogging(cmd);
  const env = process.env;
  return { env, m: manager(flags), config: configFile(globalOptions(cmd).config, env) };
}

export function register(program: Command): void {
  const service = program
    .command("service")
    .description("run the daemon as a systemd user service or a launchd agent");

  addFlags(
    service.command("install").description("write the unit (or agent), then enable and start it"),
  ).action(
    returnsCode(async (flags: Flags, cmd: Command) => {
      const { env, m, config } = target(flags, cmd);
      if (flags.dryRun) {
        const f = serviceFile(m, config, env);
        process.stderr.write(`# would write ${f.path} (mode 0600; credentials in URLs are masked here)\n`);
        process.stdout.write(f.shown);
        return ExitCode.ok;
      }
      const r = await installService({ configFile: config, env, manager: m, start: flags.start !== false });
      process.stdout.write(`wrote ${r.file.path} (runs the daemon for ${config})\n`);
      return report(r, process.stdout, manualStart(m, r.file.path)) ? ExitCode.ok : ExitCode.failure;
    }),
  );

  addFlags(
    service.command("uninstall").description("stop and disable the service and remove its file"),
  ).action(
    returnsCode(async (flags: Flags, cmd: Command) => {
      const { env, m, config } = target(flags, cmd);
      if (flags.dryRun) {
        process.stdout.write(`would stop the service and remove ${serviceFile(m, config, env).path}\n`);
        return ExitCode.ok;
      }
      const r = await uninstallService({ configFile: config, env, manager: m, start: flags.start !== false });
      process.stdout.write(r.removed ? `removed ${r.file.path}\n` : `${r.file.path} was not installed\n`);
      return report(r, process.stdout, manualStop(m, r.file.path)) ? ExitCode.ok : ExitCode.failure;
    }),
  );

  addFlags(
    service
      .command("status")
      .description("show whether the service is installed and what the daemon last did"),
  ).action(
    returnsCode(async (flags: Flags, cmd: Command) => {
      const { env, m, config } = target(flags, cmd);
      const r = await serviceStatus({ configFile: config, env, manager: m, start: flags.start !== false });
      if (!r.installed)
        process.stdout.write(`service: not installed (${r.file.path}); aws-sso-sync service install\n`);
      else if (!r.upToDate)
        process.stdout.write(
          `service: installed at ${r.file.path}, but it differs from what install would write now (Node or the package moved?): run aws-sso-sync service install\n`,
        );
      else process.stdout.write(`service: installed at ${r.file.path}\n`);
      for (const s of r.steps)
        process.stdout.write(`${s.command}: ${s.output || (s.ok ? "ok" : "failed")}\n`);
      for (const line of describeDaemon(await daemonStatus(config, env))) process.stdout.write(`${line}\n`);
      if (flags.dryRun)
        process.stdout.write(
          `\n# ${r.file.path} as install would write it (credentials masked):\n${r.file.shown}`,
        );
      return ExitCode.ok;
    }),
  );
}
