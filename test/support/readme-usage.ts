// What each line of the README's Usage block must visibly do when run as written, in order, in a temp
// home against the emulator. Effects are read from files, counters and the commands' own stdout, never
// from log lines.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readdir, readFile, stat } from "node:fs/promises";
import { join, relative } from "node:path";
import type { CliRun } from "./cli.ts";
import type { TestEmulator } from "./emulator.ts";

export interface UsageContext {
  home: string;
  unit: string;
  stdout: string;
  emu: TestEmulator;
  /** Every file under HOME (size and mtime) before this line ran. */
  before: Map<string, string>;
  /** The stdout of each earlier line, by command. */
  earlier: Map<string, string>;
}

export interface UsageStep {
  /** What a person does while the line runs. */
  during?: (run: CliRun, emu: TestEmulator) => Promise<void>;
  /** One visible effect, checked after the line exited 0. */
  effect: (ctx: UsageContext) => Promise<void>;
}

export async function snapshot(dir: string, root = dir, out = new Map<string, string>()) {
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) await snapshot(p, root, out);
    else out.set(relative(root, p), await stat(p).then((s) => `${s.size}:${s.mtimeMs}`));
  }
  return out;
}

const awsConfig = (home: string) => readFile(join(home, ".aws", "config"), "utf8");
const profilesOf = (ini: string) => [...ini.matchAll(/^\[profile (.+)\]$/gm)].map((m) => m[1] ?? "");

export const USAGE_EFFECTS: Record<string, UsageStep> = {
  "mkdir -p ~/.config/aws-sso-sync": {
    effect: async ({ home }) => assert.ok((await stat(join(home, ".config", "aws-sso-sync"))).isDirectory()),
  },
  "cat > ~/.config/aws-sso-sync/config.yaml <<'YAML'": {
    effect: async ({ home, unit }) => {
      const body = unit.split("\n").slice(1, -1).join("\n") + "\n";
      assert.equal(await readFile(join(home, ".config", "aws-sso-sync", "config.yaml"), "utf8"), body);
    },
  },
  "aws-sso-sync login": {
    // The person opens the URL the line prints (a device-code page here, as no browser can be opened);
    // the emulator approves nothing on its own.
    during: async (run) => {
      const [url] = await run.waitForStderr(/http:\/\/127\.0\.0\.1:\d+\/\S+/);
      assert.equal((await fetch(url)).status, 200);
    },
    effect: async ({ home, emu }) => {
      // One sign-in started: a device authorization, or a PKCE code exchanged (pending polls also count
      // as device_code grants, so those are not the measure).
      const { ops, grants } = emu.counters();
      assert.equal((ops.StartDeviceAuthorization ?? 0) + (grants.authorization_code ?? 0), 1);
      const sha1 = createHash("sha1").update("acme").digest("hex");
      const token = await stat(join(home, ".aws", "sso", "cache", `${sha1}.json`));
      assert.equal(token.mode & 0o777, 0o600);
    },
  },
  "aws-sso-sync sync --dry-run": {
    effect: async ({ home, stdout, before }) => {
      assert.match(stdout, /^\+\+\+ \S*\/\.aws\/config$/m, "a unified diff of ~/.aws/config");
      assert.match(stdout, /^@@ .* @@$/m);
      assert.deepEqual(await snapshot(home), before, "a dry run writes nothing");
    },
  },
  "aws-sso-sync sync": {
    effect: async ({ home, earlier }) => {
      const text = await awsConfig(home);
      assert.ok(profilesOf(text).length > 0, "profiles written");
      // What the dry run showed is what the sync wrote, line for line.
      const dry = earlier.get("aws-sso-sync sync --dry-run");
      assert.ok(dry !== undefined, "the dry run comes first: after a sync it has nothing to show");
      const shown = new Set(dry.split("\n"));
      for (const line of text.trimEnd().split("\n")) assert.ok(shown.has(`+${line}`), line);
    },
  },
  "aws-sso-sync sync --verbose": {
    effect: async ({ home, before }) => {
      const config = join(".aws", "config");
      assert.equal((await snapshot(home)).get(config), before.get(config), "nothing new: not rewritten");
    },
  },
  "aws-sso-sync list": {
    effect: async ({ home, stdout }) => {
      const listed = new Set(stdout.split("\n").map((l) => l.split(/\s+/)[0]));
      for (const name of profilesOf(await awsConfig(home))) assert.ok(listed.has(name), name);
    },
  },
  "aws-sso-sync status": {
    effect: async ({ stdout }) => assert.match(stdout, /^acme: logged in\b/m),
  },
};
