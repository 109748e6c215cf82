// Installs, removes and inspects the service: the unit or agent file, then the platform tool
// (systemctl --user, launchctl) when it is on PATH. Each tool call is reported as a step, so the user
// sees exactly what ran and what to run by hand when a step could not (no user session bus, say).
import { execFile } from "node:child_process";
import { constants } from "node:fs";
import { access, mkdir, readFile, rm } from "node:fs/promises";
import { delimiter, dirname, join } from "node:path";
import { AppError } from "../errors.ts";
import { writeFileAtomic } from "../files/atomic-write.ts";
import type { Env } from "../paths.ts";
import { daemonCommand, passedEnv, type DaemonCommand } from "./launch.ts";
import { LABEL, launchdLogPath, launchdPlist, plistPath } from "./launchd.ts";
import { UNIT_NAME, systemdUnit, unitPath } from "./systemd.ts";

export type ServiceManager = "systemd" | "launchd";

export function defaultManager(platform: NodeJS.Platform = process.platform): ServiceManager {
  if (platform === "darwin") return "launchd";
  if (platform === "linux") return "systemd";
  throw new AppError(`service: no service manager support on ${platform}`, {
    hint: "run `aws-sso-sync daemon` under your own service manager",
  });
}

export interface ServiceFile {
  manager: ServiceManager;
  path: string;
  /** What is written: it may hold proxy credentials, so the file is private (0600). */
  text: string;
  /** The same with credentials in URLs masked (`user:****@`): what --dry-run prints. */
  shown: string;
}

/** `http://user:pass@proxy:3128` → `http://user:****@proxy:3128`; values without credentials unchanged. */
export function maskCredentials(value: string): string {
  return value.replace(
    /^([a-z][a-z0-9+.-]*:\/\/)?([^/@\s]+)@/i,
    (_m, scheme: string | undefined, userinfo: string) => {
      const colon = userinfo.indexOf(":");
      return `${scheme ?? ""}${colon >= 0 ? `${userinfo.slice(0, colon)}:****` : "****"}@`;
    },
  );
}

export function serviceFile(
  manager: ServiceManager,
  configFile: string,
  env: Env,
  cmd?: DaemonCommand,
): ServiceFile {
  const command = cmd ?? daemonCommand(configFile);
  const render = (vars: Array<[string, string]>): string =>
    manager === "systemd" ? systemdUnit(command, vars) : launchdPlist(command, vars, env);
  const vars = passedEnv(env);
  return {
    manager,
    path: manager === "systemd" ? unitPath(env) : plistPath(env),
    text: render(vars),
    shown: render(vars.map(([k, v]) => [k, maskCredentials(v)])),
  };
}

/** Owner-only, also when the file already existed, and replaced whole (a unit cut short by a full disk
 *  would not start). launchd wants agents owned by the user and not group/world-writable; systemd reads
 *  user units as the user. */
function writePrivate(path: string, text: string): Promise<void> {
  return writeFileAtomic(path, text, { mode: 0o600, what: "the service unit" });
}

interface Step {
  command: string;
  ok: boolean;
  output: string;
}

async function findTool(name: string, env: Env): Promise<string | undefined> {
  for (const dir of (env.PATH ?? "").split(delimiter).filter(Boolean)) {
    const p = join(dir, name);
    if (
      await access(p, constants.X_OK).then(
        () => true,
        () => false,
      )
    )
      return p;
  }
  return undefined;
}

function runTool(tool: string, args: string[], env: Env): Promise<Step> {
  return new Promise((resolve) => {
    execFile(tool, args, { env: env as NodeJS.ProcessEnv, timeout: 30_000 }, (err, stdout, stderr) => {
      resolve({ command: [tool, ...args].join(" "), ok: !err, output: `${stdout}${stderr}`.trim() });
    });
  });
}

/** The tool calls for an action, or why there are none. */
async function toolSteps(
  manager: ServiceManager,
  action: "install" | "uninstall" | "status",
  file: string,
  env: Env,
): Promise<{ steps: Step[]; skipped?: string }> {
  const name = manager === "systemd" ? "systemctl" : "launchctl";
  const tool = await findTool(name, env);
  if (!tool) return { steps: [], skipped: `${name} not found on PATH` };
  const run = (...args: string[]) => runTool(tool, args, env);
  if (manager === "systemd") {
    if (action === "install")
      return {
        steps: [
          await run("--user", "daemon-reload"),
          await run("--user", "enable", UNIT_NAME),
          await run("--user", "restart", UNIT_NAME),
        ],
      };
    if (action === "uninstall") return { steps: [await run("--user", "disable", "--now", UNIT_NAME)] };
    return { steps: [await run("--user", "is-active", UNIT_NAME)] };
  }
  const domain = `gui/${process.getuid?.() ?? 0}`;
  if (action === "install") {
    await run("bootout", `${domain}/${LABEL}`); // not loaded yet is fine
    return { steps: [await run("bootstrap", domain, file), await run("enable", `${domain}/${LABEL}`)] };
  }
  if (action === "uninstall") return { steps: [await run("bootout", `${domain}/${LABEL}`)] };
  return { steps: [await run("print", `${domain}/${LABEL}`)] };
}

export interface ServiceOptions {
  configFile: string;
  env: Env;
  manager?: ServiceManager;
  /** Run systemctl/launchctl (default true). */
  start?: boolean;
}

export interface ServiceResult {
  file: ServiceFile;
  steps: Step[];
  /** Why no tool ran (not requested, or not found). */
  skipped?: string;
}

export async function installService(o: ServiceOptions): Promise<ServiceResult> {
  const file = serviceFile(o.manager ?? defaultManager(), o.configFile, o.env);
  await mkdir(dirname(file.path), { recursive: true });
  if (file.manager === "launchd") await mkdir(dirname(launchdLogPath(o.env)), { recursive: true });
  await writePrivate(file.path, file.text);
  if (o.start === false) return { file, steps: [], skipped: "--no-start" };
  return { file, ...(await toolSteps(file.manager, "install", file.path, o.env)) };
}

export async function uninstallService(o: ServiceOptions): Promise<ServiceResult & { removed: boolean }> {
  const file = serviceFile(o.manager ?? defaultManager(), o.configFile, o.env);
  const tools =
    o.start === false
      ? { steps: [], skipped: "--no-start" }
      : await toolSteps(file.manager, "uninstall", file.path, o.env);
  const existed = await access(file.path).then(
    () => true,
    () => false,
  );
  await rm(file.path, { force: true });
  if (file.manager === "systemd" && o.start !== false && !tools.skipped) {
    tools.steps.push(
      await runTool((await findTool("systemctl", o.env)) ?? "systemctl", ["--user", "daemon-reload"], o.env),
    );
  }
  return { file, ...tools, removed: existed };
}

export async function serviceStatus(
  o: ServiceOptions,
): Promise<ServiceResult & { installed: boolean; upToDate: boolean }> {
  const file = serviceFile(o.manager ?? defaultManager(), o.configFile, o.env);
  const current = await readFile(file.path, "utf8").catch(() => undefined);
  const tools =
    current === undefined || o.start === false
      ? { steps: [] }
      : await toolSteps(file.manager, "status", file.path, o.env);
  return { file, ...tools, installed: current !== undefined, upToDate: current === file.text };
}
