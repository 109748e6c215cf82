// The systemd user unit. Quoting follows systemd.service(5) "Command lines": every argument in double
// quotes with C-style escapes, "%" doubled (specifiers) and "$" doubled (variable expansion), so a path
// with spaces, quotes, percent or dollar signs reaches the daemon unchanged.
import { join } from "node:path";
import { AppError } from "../errors.ts";
import { xdgConfigHome, type Env } from "../paths.ts";
import type { DaemonCommand } from "./launch.ts";

export const UNIT_NAME = "aws-sso-sync.service";

export function unitPath(env: Env): string {
  return join(xdgConfigHome(env), "systemd", "user", UNIT_NAME);
}

function checkLine(value: string): string {
  if (/[\r\n\0]/.test(value))
    throw new AppError(`cannot put a value with a line break into a systemd unit: ${JSON.stringify(value)}`);
  return value;
}

/** One ExecStart= argument. */
export function systemdQuote(arg: string): string {
  const body = checkLine(arg)
    .replace(/\\/g, "\\\\")
    .replace(/"/g, '\\"')
    .replace(/%/g, "%%")
    .replace(/\$/g, "$$$$");
  return `"${body}"`;
}

/** One Environment= assignment ("$" is not expanded there, specifiers are). */
function envAssignment(key: string, value: string): string {
  const body = `${key}=${checkLine(value)}`.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/%/g, "%%");
  return `"${body}"`;
}

export function systemdUnit(cmd: DaemonCommand, env: Array<[string, string]>): string {
  const exec = [cmd.program, ...cmd.args].map(systemdQuote).join(" ");
  return [
    "# Written by `aws-sso-sync service install`; `aws-sso-sync service uninstall` removes it.",
    "[Unit]",
    "Description=aws-sso-sync: keeps AWS tools logged in and configured for IAM Identity Center",
    "After=network-online.target",
    "",
    "[Service]",
    "Type=simple",
    `ExecStart=${exec}`,
    ...env.map(([k, v]) => `Environment=${envAssignment(k, v)}`),
    "Restart=on-failure",
    "RestartSec=30",
    "# 7: another daemon holds the lock for this config; restarting cannot help.",
    "RestartPreventExitStatus=7",
    "# SIGTERM lets a write in progress finish before exit 0.",
    "TimeoutStopSec=30",
    "# Logs go to the journal (journalctl --user -u aws-sso-sync) as JSON lines.",
    "StandardOutput=journal",
    "StandardError=journal",
    "",
    "[Install]",
    "WantedBy=default.target",
    "",
  ].join("\n");
}
