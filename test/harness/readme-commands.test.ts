// Every command the README shows is run: here, as written under bash against the emulator in a temp home,
// or by a place this file names and checks still runs it. A README command that is neither fails the
// first test, so a new one cannot go untested.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { test } from "node:test";
import { parse } from "yaml";
import { PACKAGE_ROOT } from "../../src/core/package-files.ts";
import { type CliResult } from "../support/cli.ts";
import { startTestEmulator, tempHome, type TempHome } from "../support/emulator.ts";
import { cliShim, commandOf, shBlocks, startBash, tableRows } from "../support/readme.ts";
import { snapshot, USAGE_EFFECTS } from "../support/readme-usage.ts";

const read = (file: string) => readFileSync(join(PACKAGE_ROOT, file), "utf8");
const README = read("README.md");

/** Asserts that `file` runs `command` word for word on a line that is not a comment. */
function runsIn(file: string, command: string): number {
  const line = read(file)
    .split("\n")
    .findIndex((l) => !/^\s*#/.test(l) && l.includes(command));
  assert.notEqual(line, -1, `${file} no longer runs \`${command}\``);
  return line;
}
/** `npm ci` is how .ci/run starts, before the install check and the tests. */
function ciStartsWithNpmCi(): void {
  const ci = runsIn(".ci/run", "npm ci");
  assert.ok(ci < runsIn(".ci/run", "bash scripts/check-install.sh") && ci < runsIn(".ci/run", "npm test"));
}

const HERE_USAGE = "the Usage block runs as written";
const HERE_INSTALL = "Install's init line runs as written";
const HERE_EMULATOR = "emulator --accounts N --port 0 starts on loopback and prints export lines";
type Cover = { here: string } | { elsewhere: string; proof: () => void };
/** Per README heading, each command of its sh blocks and where it runs. */
const COVER: Record<string, Record<string, Cover>> = {
  Install: {
    'npm ci && npm install -g "$(npm pack --silent)"': {
      elsewhere: ".ci/run (npm ci), then scripts/check-install.sh in a clean prefix",
      proof: () => {
        ciStartsWithNpmCi();
        runsIn("scripts/check-install.sh", 'npm install -g "$(npm pack --silent)"');
      },
    },
    "aws-sso-sync --version": {
      elsewhere: "scripts/check-install.sh, against package.json's version",
      proof: () => void runsIn("scripts/check-install.sh", "aws-sso-sync --version"),
    },
    "aws-sso-sync init --start-url https://YOUR-PORTAL.awsapps.com/start --region eu-north-1": {
      here: HERE_INSTALL,
    },
  },
  "Try it first": {
    "npm ci && npm run demo": {
      elsewhere: "test/demo/demo.test.ts runs the demo script's command",
      proof: () => {
        ciStartsWithNpmCi();
        const pkg = JSON.parse(read("package.json")) as { scripts: Record<string, string> };
        assert.equal(pkg.scripts.demo, "tsx src/cli/main.ts demo", "what demo.test.ts runs");
        runsIn("test/demo/demo.test.ts", 'runCli(["demo"]');
      },
    },
    "npm ci && npm test": { elsewhere: ".ci/run", proof: ciStartsWithNpmCi },
  },
  Usage: Object.fromEntries(Object.keys(USAGE_EFFECTS).map((c) => [c, { here: HERE_USAGE }])),
};

test("every command in the README is run here or by a place that is checked", () => {
  const unclassified: string[] = [];
  for (const block of shBlocks(README)) {
    for (const unit of block.units) {
      const cover = COVER[block.heading]?.[commandOf(unit)];
      if (cover === undefined) unclassified.push(`## ${block.heading}: ${commandOf(unit)}`);
      else if ("proof" in cover) cover.proof();
    }
  }
  assert.deepEqual(unclassified, [], "run these in this file, or name and check the place that runs them");
});

test("the first screen: what it is, Install, the two commands (demo, tests), then Usage", () => {
  const headings = [...README.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
  assert.deepEqual(headings.slice(0, 3), ["Install", "Try it first", "Usage"]);
  assert.match(README.slice(0, README.indexOf("## Install")), /^# aws-sso-sync\n\n\S/);
  const tryIt = shBlocks(README).filter((b) => b.heading === "Try it first");
  assert.deepEqual(
    tryIt.flatMap((b) => b.units.map(commandOf)),
    ["npm ci && npm run demo", "npm ci && npm test"],
  );
});

/** A temp home with `aws-sso-sync` (this checkout, from source) first on PATH, in ~/.local/bin. */
async function userHome(): Promise<{ h: TempHome; env: Record<string, string | undefined> }> {
  const h = await tempHome();
  const bin = await cliShim(join(h.home, ".local", "bin"));
  return { h, env: { ...h.env, PATH: `${bin}:${process.env.PATH ?? ""}` } };
}

test(HERE_USAGE, async () => {
  const { h, env } = await userHome();
  // Manual approval: only opening the URL that `login` prints signs in, as for a person.
  const emu = await startTestEmulator({ approval: "manual" });
  try {
    const earlier = new Map<string, string>();
    for (const unit of shBlocks(README).find((b) => b.heading === "Usage")?.units ?? []) {
      const command = commandOf(unit);
      const step = USAGE_EFFECTS[command];
      assert.ok(step, `no effect known for ${command}`);
      const before = await snapshot(h.home);
      const run = startBash(unit, { ...env, ...emu.env }, h.home);
      await step.during?.(run, emu);
      const r: CliResult = await run.done;
      assert.equal(r.code, 0, `${command}\n${r.stdout}\n${r.stderr}`);
      await step.effect({ home: h.home, unit, stdout: r.stdout, emu, before, earlier });
      earlier.set(command, r.stdout);
    }
    assert.ok(earlier.has("aws-sso-sync sync"), "the block ran");
  } finally {
    await emu.close();
    await h.cleanup();
  }
});

test(HERE_INSTALL, async () => {
  const { h, env } = await userHome();
  try {
    const unit = shBlocks(README)
      .find((b) => b.heading === "Install")
      ?.units.find((u) => u.startsWith("aws-sso-sync init "));
    assert.ok(unit);
    const r = await startBash(unit, env, h.home).done; // no network: the placeholder URL is fine
    assert.equal(r.code, 0, r.stderr);
    const config = await readFile(join(h.home, ".config", "aws-sso-sync", "config.yaml"), "utf8");
    const { sessions } = parse(config) as { sessions: Array<{ startUrl: string; region: string }> };
    assert.deepEqual(
      sessions.map((s) => [s.startUrl, s.region]),
      [["https://YOUR-PORTAL.awsapps.com/start", "eu-north-1"]],
    );
    // The README says init names the next two commands.
    assert.match(r.stdout, /aws-sso-sync login\n\s*aws-sso-sync sync\n/);
  } finally {
    await h.cleanup();
  }
});

/** Where each command of the table runs; its flags are checked against its --help either way. */
const TABLE: Record<string, Cover> = {
  init: { here: HERE_INSTALL },
  login: { here: HERE_USAGE },
  sync: { here: HERE_USAGE },
  list: { here: HERE_USAGE },
  status: { here: HERE_USAGE },
  demo: {
    elsewhere: "test/demo/demo.test.ts (with and without --keep)",
    proof: () => void runsIn("test/demo/demo.test.ts", 'startCli(["demo", "--keep"]'),
  },
  emulator: { here: HERE_EMULATOR },
};

test("each row of the commands table runs somewhere, and its flags are in that command's --help", async () => {
  const { h, env } = await userHome();
  try {
    const rows = tableRows(README);
    assert.ok(rows.length >= 7, "the table was found");
    for (const row of rows) {
      const cover = TABLE[row.command];
      assert.ok(cover, `\`${row.usage}\`: run it here, or name and check the place that runs it`);
      if ("proof" in cover) cover.proof();
      const r = await startBash(`aws-sso-sync ${row.command} --help`, env, h.home).done;
      assert.equal(r.code, 0, r.stderr);
      for (const flag of row.flags)
        assert.match(r.stdout, new RegExp(`(^|[\\s,])${flag}\\b`, "m"), `${row.usage}: ${flag}`);
    }
  } finally {
    await h.cleanup();
  }
});

test(HERE_EMULATOR, async () => {
  const { h, env } = await userHome();
  // `exec` all the way down (bash, then the shim), so the PID we stop is the emulator's own.
  const run = startBash("exec aws-sso-sync emulator --accounts 3 --port 0", env, h.home);
  try {
    let lines: string[] = [];
    for (let i = 0; i < 1200 && lines.length < 2 && run.child.exitCode === null; i++) {
      lines = run
        .stdout()
        .split("\n")
        .filter((l) => l.startsWith("export AWS_ENDPOINT_URL_SSO"));
      if (lines.length < 2) await delay(100);
    }
    assert.equal(lines.length, 2, `${run.stdout()}\n${run.stderr()}`);
    // The lines work as `eval` takes them, and point at a live emulator on loopback.
    const script = `eval "$LINES"; echo "$AWS_ENDPOINT_URL_SSO $AWS_ENDPOINT_URL_SSO_OIDC"`;
    const ev = await startBash(script, { ...env, LINES: lines.join("\n") }, h.home).done;
    const [sso, oidc] = ev.stdout.trim().split(" ");
    assert.match(sso ?? "", /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(oidc, sso);
    const counters = await fetch(`${sso}/_emulator/counters`);
    assert.equal(counters.status, 200);
    assert.ok(run.child.pid);
    process.kill(run.child.pid, "SIGINT");
    const done = await run.done;
    assert.equal(done.code, 0, done.stderr);
  } finally {
    if (run.child.exitCode === null && run.child.pid) process.kill(run.child.pid, "SIGKILL");
    await run.done;
    await h.cleanup();
  }
});
