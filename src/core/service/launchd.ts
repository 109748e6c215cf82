// The launchd agent (~/Library/LaunchAgents). Written as XML by hand with every string escaped, and
// checked in the tests against Apple's PropertyList-1.0 DTD (xmllint) and a real plist parser.
import { dirname, join } from "node:path";
import { AppError } from "../errors.ts";
import { homeDir, type Env } from "../paths.ts";
import type { DaemonCommand } from "./launch.ts";

export const LABEL = "io.github.aws-sso-sync";

export function plistPath(env: Env): string {
  return join(homeDir(env), "Library", "LaunchAgents", `${LABEL}.plist`);
}

/** Where launchd sends the daemon's stdout and stderr: ~/Library/Logs is where macOS users look. */
export function launchdLogPath(env: Env): string {
  return join(homeDir(env), "Library", "Logs", "aws-sso-sync", "daemon.log");
}

function xmlEscape(text: string): string {
  // XML 1.0 cannot carry most control characters at all, escaped or not.
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/.test(text)) {
    throw new AppError(`cannot put a control character into a property list: ${JSON.stringify(text)}`);
  }
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

const str = (v: string, indent: string): string => `${indent}<string>${xmlEscape(v)}</string>`;
const key = (k: string, indent: string): string => `${indent}<key>${xmlEscape(k)}</key>`;

export function launchdPlist(cmd: DaemonCommand, env: Array<[string, string]>, home: Env): string {
  const log = launchdLogPath(home);
  // launchd starts agents with a bare PATH: node's own folder first, then the system's (osascript).
  const path = [
    dirname(cmd.program),
    "/usr/local/bin",
    "/opt/homebrew/bin",
    "/usr/bin",
    "/bin",
    "/usr/sbin",
    "/sbin",
  ];
  const vars: Array<[string, string]> = [["PATH", [...new Set(path)].join(":")], ...env];
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">',
    '<plist version="1.0">',
    "<dict>",
    key("Label", "\t"),
    str(LABEL, "\t"),
    key("ProgramArguments", "\t"),
    "\t<array>",
    ...[cmd.program, ...cmd.args].map((a) => str(a, "\t\t")),
    "\t</array>",
    key("EnvironmentVariables", "\t"),
    "\t<dict>",
    ...vars.flatMap(([k, v]) => [key(k, "\t\t"), str(v, "\t\t")]),
    "\t</dict>",
    key("RunAtLoad", "\t"),
    "\t<true/>",
    key("KeepAlive", "\t"),
    "\t<dict>",
    key("SuccessfulExit", "\t\t"),
    "\t\t<false/>",
    "\t</dict>",
    key("ThrottleInterval", "\t"),
    "\t<integer>30</integer>",
    key("ExitTimeOut", "\t"),
    "\t<integer>30</integer>",
    key("ProcessType", "\t"),
    str("Background", "\t"),
    key("StandardOutPath", "\t"),
    str(log, "\t"),
    key("StandardErrorPath", "\t"),
    str(log, "\t"),
    "</dict>",
    "</plist>",
    "",
  ].join("\n");
}
