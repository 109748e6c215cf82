// Whether a browser can be shown here, which flow `auto` means, and opening a URL without ever failing
// the login over it (the URL is always printed too).
import { log } from "../log/logger.ts";
import type { FlowKind } from "./registration.ts";
import type { LoginFlow } from "./session.ts";

type Env = Readonly<Record<string, string | undefined>>;

/** A local graphical session: macOS/Windows, or DISPLAY/WAYLAND_DISPLAY on Linux and others; never over SSH. */
export function canOpenBrowser(
  env: Env = process.env,
  platform: NodeJS.Platform = process.platform,
): boolean {
  if (env.SSH_CONNECTION || env.SSH_CLIENT || env.SSH_TTY) return false;
  if (platform === "darwin" || platform === "win32") return true;
  return !!(env.DISPLAY || env.WAYLAND_DISPLAY);
}

/** Flags override the session's `flow`; `auto` takes PKCE only when a browser can be opened here. */
export function chooseFlow(
  configured: LoginFlow,
  flags: { deviceCode?: boolean; pkce?: boolean },
  env: Env = process.env,
  platform: NodeJS.Platform = process.platform,
): FlowKind {
  if (flags.deviceCode) return "device-code";
  if (flags.pkce) return "pkce";
  if (configured !== "auto") return configured;
  return canOpenBrowser(env, platform) ? "pkce" : "device-code";
}

const HINT = "open the URL above yourself";

export async function openBrowser(url: string): Promise<void> {
  try {
    const { default: open } = await import("open");
    const child = await open(url, { wait: false });
    // A missing xdg-open shows up as an 'error' event on the child, not as a rejection.
    child.once("error", (err) => log().warn("could not open a browser", { error: err.message, hint: HINT }));
    child.unref();
  } catch (err) {
    log().warn("could not open a browser", {
      error: err instanceof Error ? err.message : String(err),
      hint: HINT,
    });
  }
}
