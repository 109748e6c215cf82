// Desktop notifications for "login needed": notify-send (libnotify) on Linux and the BSDs, osascript on
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

export function notifyCommand(
  title: string,
  body: string,
  platform: NodeJS.Platform = process.platform,
): [string, string[]] {
  if (platform === "darwin") {
    return [
      "osascript",
      ["-e", `display notification ${appleScriptString(body)} with title ${appleScriptString(title)}`],
    ];
  }
  return ["notify-send", ["--app-name=aws-sso-sync", "--urgency=critical", title, body]];
}

/** Shows a notification when the platform can; resolves to whether the tool ran successfully. */
export function notify(title: string, body: string, env: Env = process.env): Promise<boolean> {
  if (process.platform === "win32") return Promise.resolve(false);
  const [cmd, args] = notifyCommand(title, body);
  return new Promise((resolve) => {
    execFile(cmd, args, { env: env as NodeJS.ProcessEnv, timeout: TIMEOUT_MS, windowsHide: true }, (err) => {
      if (err) log().debug(`no desktop notification (${cmd}): ${errorMessage(err)}`);
      resolve(!err);
    });
  });
}
