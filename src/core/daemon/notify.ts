// Desktop notifications for "login needed" and "profiles changed": notify-send (libnotify) on Linux and the BSDs, osascript on
// macOS. Best effort by design: a headless machine, a missing tool or a session bus that is not there
// only means the log line is all the user gets, so every failure is swallowed (and logged at debug).
import { execFile } from "node:child_process";
import { errorMessage } from "../errors.ts";
import { log } from "../log/logger.ts";
import type { Env } from "../paths.ts";

const TIMEOUT_MS = 5_000;

/** An AppleScript string literal. */
export function appleScriptString(text: string): string {
  return `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

/** "critical" stays on screen until dismissed (a login is needed); "normal" is news (profiles changed). */
export type Urgency = "critical" | "normal";

export function notifyCommand(
  title: string,
  body: string,
  platform: NodeJS.Platform = process.platform,
  urgency: Urgency = "critical",
): [string, string[]] {
  if (platform === "darwin") {
    return [
      "osascript",
      ["-e", `display notification ${appleScriptString(body)} with title ${appleScriptString(title)}`],
    ];
  }
  return ["notify-send", ["--app-name=aws-sso-sync", `--urgency=${urgency}`, title, body]];
}

/** Shows a notification when the platform can; resolves to whether the tool ran successfully. */
export function notify(
  title: string,
  body: string,
  env: Env = process.env,
  urgency: Urgency = "critical",
): Promise<boolean> {
  if (process.platform === "win32") return Promise.resolve(false);
  const [cmd, args] = notifyCommand(title, body, process.platform, urgency);
  return new Promise((resolve) => {
    execFile(cmd, args, { env: env as NodeJS.ProcessEnv, timeout: TIMEOUT_MS, windowsHide: true }, (err) => {
      if (err) log().debug("no desktop notification", { command: cmd, error: errorMessage(err) });
      resolve(!err);
    });
  });
}
