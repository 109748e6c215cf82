// What a service runs: absolute paths only, because neither systemd nor launchd gives a user's shell PATH.
// Installed package (dist/ built): node <pkg>/bin/aws-sso-sync.js daemon --config <file>.
// Running from a source checkout (this file is .ts): node --import <pkg>/node_modules/tsx/… <pkg>/src/cli/main.ts,
// the same way the tests run it. Node itself is process.execPath: reinstall the service after moving Node
// (nvm, Homebrew upgrades) — `service status` warns when the recorded node is gone.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { AppError } from "../errors.ts";
import { PACKAGE_ROOT } from "../package-files.ts";
import type { Env } from "../paths.ts";

export interface DaemonCommand {
  /** argv[0]: the absolute path of node. */
  program: string;
  args: string[];
  mode: "dist" | "source";
}

/** Environment passed from the installing shell into the service, when set there. */
const PASSED_ENV = [
  "AWS_CONFIG_FILE",
  "AWS_SSO_SYNC_STATE_DIR",
  "XDG_CONFIG_HOME",
  "XDG_STATE_HOME",
  "AWS_CA_BUNDLE",
  "HTTPS_PROXY",
  "HTTP_PROXY",
  "NO_PROXY",
  "https_proxy",
  "http_proxy",
  "no_proxy",
  "AWS_ENDPOINT_URL_SSO",
  "AWS_ENDPOINT_URL_SSO_OIDC",
] as const;

export function passedEnv(env: Env): Array<[string, string]> {
  return PASSED_ENV.flatMap((k) => (env[k] ? [[k, env[k]] as [string, string]] : []));
}

/**
 * V8 heap flags of the long-lived daemon (docs/benchmarks.md, daemon and findings): what an idle daemon
 * holds between cycles is garbage left for V8's next collection, not data. Semi-spaces of 1 MB and a heap
 * that grows by 20 % before its next full collection keep it near its live data: peak RSS at 30 accounts
 * about 98 MB instead of 121 MB, at 1000 accounts about 124 MB instead of 180–220 MB. The price is CPU per
 * cycle (0.77 s in the 200-cycle run, 0.5–0.9 s without, at 1000 accounts), under a per mille of one core at the
 * default half-hourly schedule. Node refuses both in NODE_OPTIONS, so they go on the command line.
 */
export const DAEMON_NODE_FLAGS = ["--max-semi-space-size=1", "--heap-growing-percent=20"];

export function daemonCommand(
  configFile: string,
  opts: { root?: string; source?: boolean } = {},
): DaemonCommand {
  const root = opts.root ?? PACKAGE_ROOT;
  const tail = ["daemon", "--config", configFile];
  const source = opts.source ?? import.meta.url.endsWith(".ts");
  if (!source) {
    const bin = join(root, "bin", "aws-sso-sync.js");
    if (!existsSync(join(root, "dist", "cli", "main.js"))) {
      throw new AppError(`${join(root, "dist")} is missing`, {
        hint: "build the package first: npm run build",
      });
    }
    return { program: process.execPath, args: [...DAEMON_NODE_FLAGS, bin, ...tail], mode: "dist" };
  }
  const tsx = fileURLToPath(import.meta.resolve("tsx"));
  return {
    program: process.execPath,
    args: [...DAEMON_NODE_FLAGS, "--import", tsx, join(root, "src", "cli", "main.ts"), ...tail],
    mode: "source",
  };
}
