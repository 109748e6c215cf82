// Service files: the systemd unit passes `systemd-analyze verify`, the launchd plist is valid against
// Apple's PropertyList-1.0 DTD and round-trips through a real plist parser with hostile paths, the
// command line they hold really starts the CLI from anywhere, and install/status/uninstall drive
// systemctl/launchctl (fakes on PATH here: a test must never touch the real user manager).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { chmod, mkdir, readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import {
  DAEMON_NODE_FLAGS,
  daemonCommand,
  launchdPlist,
  systemdQuote,
  systemdUnit,
} from "../../src/core/service/index.ts";
import { maskCredentials } from "../../src/core/service/install.ts";
import { run } from "../support/aws-cli.ts";
import { runCli } from "../support/cli.ts";
import { tempHome, type TempHome } from "../support/emulator.ts";

const DTD = fileURLToPath(new URL("../fixtures/PropertyList-1.0.dtd", import.meta.url));
const HOSTILE = `/tmp/it's a "dir" & <more> 100% $HOME \\ ünï/config.yaml`;

function tool(name: string): string | false {
  const found = spawnSync("sh", ["-c", `command -v ${name}`])
    .stdout.toString()
    .trim();
  if (found) return false;
  if (process.env.CI === "true") throw new Error(`${name} is required when CI=true`);
  return `${name} not installed`;
}

let h: TempHome;
before(async () => (h = await tempHome()));
after(() => h.cleanup());

describe("systemd unit", () => {
  test(
    "passes systemd-analyze verify, with a hostile config path",
    { skip: tool("systemd-analyze") },
    async () => {
      const dir = join(h.home, "unit");
      await mkdir(dir, { recursive: true });
      const file = join(dir, "aws-sso-sync.service");
      await writeFile(file, systemdUnit(daemonCommand(HOSTILE), [["AWS_CONFIG_FILE", '/x/100% "cfg"']]));
      const r = await run("systemd-analyze", ["verify", file], {});
      assert.equal(r.code, 0, r.stderr);
      // verify only warns (exit 0) about unknown or malformed settings: any line about our file is a failure.
      assert.doesNotMatch(r.stderr, /aws-sso-sync\.service/, r.stderr);
    },
  );

  test(
    "a broken unit is caught by the same check (the check can fail)",
    { skip: tool("systemd-analyze") },
    async () => {
      const file = join(h.home, "unit", "aws-sso-sync.service");
      await writeFile(
        file,
        systemdUnit(daemonCommand("/c.yaml"), []).replace("Restart=on-failure", "Restart=sometimes"),
      );
      const r = await run("systemd-analyze", ["verify", file], {});
      assert.match(r.stderr, /aws-sso-sync\.service:\d+: Failed to parse service restart specifier/);
    },
  );

  test("quoting: spaces, quotes, backslashes, % and $ survive", () => {
    assert.equal(systemdQuote(`a b"c\\d%e$f`), `"a b\\"c\\\\d%%e$$f"`);
    assert.throws(() => systemdQuote("a\nb"), /line break/);
  });
});

describe("launchd plist", () => {
  const plist = () =>
    launchdPlist(daemonCommand(HOSTILE), [["AWS_CONFIG_FILE", "/x/<&>"]], { HOME: "/Users/me" });

  test("is valid against Apple's PropertyList-1.0 DTD", { skip: tool("xmllint") }, async () => {
    const file = join(h.home, "agent.plist");
    await writeFile(file, plist());
    const ok = await run("xmllint", ["--noout", "--nonet", "--dtdvalid", DTD, file], {});
    assert.equal(ok.code, 0, ok.stderr);
    await writeFile(file, plist().replace("<true/>", "<yes/>"));
    const bad = await run("xmllint", ["--noout", "--nonet", "--dtdvalid", DTD, file], {});
    assert.notEqual(bad.code, 0, "the DTD check can fail");
  });

  test("round-trips through python's plistlib: every argument exact", async () => {
    const file = join(h.home, "agent2.plist");
    await writeFile(file, plist());
    const r = await run(
      "python3",
      ["-c", "import plistlib,sys,json; print(json.dumps(plistlib.load(open(sys.argv[1],'rb'))))", file],
      {},
    );
    assert.equal(r.code, 0, r.stderr);
    const p = JSON.parse(r.stdout) as Record<string, unknown>;
    const cmd = daemonCommand(HOSTILE);
    assert.deepEqual(p.ProgramArguments, [cmd.program, ...cmd.args]);
    assert.equal((p.EnvironmentVariables as Record<string, string>).AWS_CONFIG_FILE, "/x/<&>");
    assert.deepEqual(p.KeepAlive, { SuccessfulExit: false });
    assert.equal(p.RunAtLoad, true);
    assert.equal(p.StandardErrorPath, "/Users/me/Library/Logs/aws-sso-sync/daemon.log");
  });
});

test("maskCredentials hides the password (or a lone token) of a URL and nothing else", () => {
  assert.equal(maskCredentials("http://u:p%40ss@proxy:3128"), "http://u:****@proxy:3128");
  assert.equal(maskCredentials("https://tok@proxy"), "https://****@proxy");
  assert.equal(maskCredentials("user:pw@proxy:8080"), "user:****@proxy:8080");
  assert.equal(maskCredentials("http://proxy:3128/a@b"), "http://proxy:3128/a@b");
  assert.equal(maskCredentials("/home/me@corp/config"), "/home/me@corp/config");
  assert.equal(maskCredentials("localhost,.corp"), "localhost,.corp");
});

test("the service's command line starts the CLI from any working directory", async () => {
  const cmd = daemonCommand("/nonexistent/config.yaml");
  assert.equal(cmd.program, process.execPath);
  assert.ok(
    cmd.args.every((a) => !a.includes("/") || a.startsWith("/")),
    "only absolute paths",
  );
  // The daemon's heap flags come first, where node reads its own options (it exits 9 on one it lacks).
  assert.deepEqual(cmd.args.slice(0, DAEMON_NODE_FLAGS.length), DAEMON_NODE_FLAGS);
  const argv = [...cmd.args.slice(0, -3), "daemon", "--help"];
  const r = spawnSync(cmd.program, argv, { cwd: "/", encoding: "utf8", timeout: 30_000 });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /keep tokens fresh/);
});

describe("service install / status / uninstall (CLI)", () => {
  let calls: string;
  let env: Record<string, string | undefined>;
  before(async () => {
    const bin = join(h.home, "fake-bin");
    calls = join(h.home, "calls.txt");
    await mkdir(bin, { recursive: true });
    for (const name of ["systemctl", "launchctl"]) {
      await writeFile(join(bin, name), `#!/bin/sh\necho "${name} $*" >> '${calls}'\n`);
      await chmod(join(bin, name), 0o755);
    }
    env = { ...h.env, PATH: `${bin}:${process.env.PATH ?? ""}` };
  });

  test("--dry-run prints the unit and writes nothing", async () => {
    const r = await runCli(["service", "install", "--dry-run", "--manager", "systemd"], env);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^ExecStart=".*" "daemon" "--config" ".*config\.yaml"$/m);
    assert.equal(existsSync(join(h.home, ".config", "systemd", "user", "aws-sso-sync.service")), false);
  });

  test("--dry-run masks proxy credentials (systemd and launchd)", async () => {
    const proxied = { ...env, HTTPS_PROXY: "http://alice:s3cret-pw@proxy.example:3128" };
    for (const m of ["systemd", "launchd"]) {
      const r = await runCli(["service", "install", "--dry-run", "--manager", m], proxied);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /HTTPS_PROXY.*http:\/\/alice:\*\*\*\*@proxy\.example:3128/s, m);
      assert.doesNotMatch(r.stdout + r.stderr, /s3cret-pw/, m);
    }
  });

  test("the unit holds the real proxy URL and is private (0600), also when it existed before", async () => {
    const unit = join(h.home, ".config", "systemd", "user", "aws-sso-sync.service");
    await mkdir(join(h.home, ".config", "systemd", "user"), { recursive: true });
    await writeFile(unit, "old\n", { mode: 0o644 });
    await chmod(unit, 0o644);
    const proxied = { ...env, HTTPS_PROXY: "http://alice:s3cret-pw@proxy.example:3128" };
    const r = await runCli(["service", "install", "--no-start", "--manager", "systemd"], proxied);
    assert.equal(r.code, 0, r.stderr);
    assert.doesNotMatch(r.stdout + r.stderr, /s3cret-pw/);
    assert.equal((await stat(unit)).mode & 0o777, 0o600);
    assert.match(await readFile(unit, "utf8"), /^Environment="HTTPS_PROXY=http:\/\/alice:s3cret-pw@proxy/m);
    const launchd = await runCli(["service", "install", "--no-start", "--manager", "launchd"], proxied);
    assert.equal(launchd.code, 0, launchd.stderr);
    const plist = join(h.home, "Library", "LaunchAgents", "io.github.aws-sso-sync.plist");
    assert.equal((await stat(plist)).mode & 0o777, 0o600);
    await runCli(["service", "uninstall", "--no-start", "--manager", "launchd"], proxied);
  });

  test("install writes ~/.config/systemd/user/aws-sso-sync.service, then enables and starts it", async () => {
    const r = await runCli(["service", "install", "--manager", "systemd"], env);
    assert.equal(r.code, 0, r.stderr + r.stdout);
    const unit = await readFile(join(h.home, ".config", "systemd", "user", "aws-sso-sync.service"), "utf8");
    assert.match(unit, /^Restart=on-failure$/m);
    assert.deepEqual((await readFile(calls, "utf8")).trim().split("\n"), [
      "systemctl --user daemon-reload",
      "systemctl --user enable aws-sso-sync.service",
      "systemctl --user restart aws-sso-sync.service",
    ]);
  });

  test("status: installed and up to date, plus the daemon's state", async () => {
    const r = await runCli(["service", "status", "--manager", "systemd"], env);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^service: installed at .*aws-sso-sync\.service$/m);
    assert.match(r.stdout, /daemon: not started for this config/);
  });

  test("uninstall stops it and removes the file", async () => {
    await writeFile(calls, "");
    const r = await runCli(["service", "uninstall", "--manager", "systemd"], env);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(existsSync(join(h.home, ".config", "systemd", "user", "aws-sso-sync.service")), false);
    assert.deepEqual((await readFile(calls, "utf8")).trim().split("\n"), [
      "systemctl --user disable --now aws-sso-sync.service",
      "systemctl --user daemon-reload",
    ]);
  });

  test("launchd: the agent goes to ~/Library/LaunchAgents and is bootstrapped", async () => {
    await writeFile(calls, "");
    const r = await runCli(["service", "install", "--manager", "launchd"], env);
    assert.equal(r.code, 0, r.stderr);
    const path = join(h.home, "Library", "LaunchAgents", "io.github.aws-sso-sync.plist");
    assert.match(
      await readFile(path, "utf8"),
      /<key>Label<\/key>\n\t<string>io\.github\.aws-sso-sync<\/string>/,
    );
    assert.match(
      await readFile(calls, "utf8"),
      new RegExp(`^launchctl bootstrap gui/\\d+ ${path.replace(/[.]/g, "\\.")}$`, "m"),
    );
    const u = await runCli(["service", "uninstall", "--manager", "launchd"], env);
    assert.equal(u.code, 0, u.stderr);
    assert.equal(existsSync(path), false);
  });

  test("--no-start writes the file without calling any tool", async () => {
    await writeFile(calls, "");
    const r = await runCli(["service", "install", "--no-start", "--manager", "systemd"], env);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /not run \(--no-start\); to do it by hand: systemctl --user daemon-reload/);
    assert.equal(await readFile(calls, "utf8"), "");
  });
});
