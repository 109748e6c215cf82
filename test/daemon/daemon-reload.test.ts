// The daemon as a real subprocess against the emulator: org changes reach the outputs within a tick,
// config and template edits are swapped in only when valid, SIGHUP reloads, SIGTERM exits 0, and no
// token ever reaches its output or its log file.
import assert from "node:assert/strict";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { tokenCachePath } from "../../src/core/auth/index.ts";
import { logFilePath } from "../../src/core/log/logger.ts";
import { generateOrg } from "../../src/emulator/index.ts";
import { runCli } from "../support/cli.ts";
import { SESSION, baseConfig, syncFixture, type SyncFixture } from "../support/sync-fixture.ts";
import {
  accountIds,
  daemonState,
  logged,
  readText,
  spawnDaemon,
  waitFor,
  type DaemonProc,
} from "./support.ts";

const SCHEDULE = `schedule: "*/2 * * * * *"\n`;

describe("daemon: schedule and hot reload", { timeout: 120_000 }, () => {
  const orgA = generateOrg(3, { seed: 1 });
  const orgB = generateOrg(4, { seed: 2 });
  let fx: SyncFixture;
  let d: DaemonProc;
  let tpl: string;
  let listing: string;
  const withTemplate = (extra = "") =>
    `${baseConfig}${SCHEDULE}${extra}outputs:\n  - renderer: aws-config\n  - template: ${tpl}\n    file: ${listing}\n    mode: file\n`;

  before(async () => {
    fx = await syncFixture(orgA, baseConfig + SCHEDULE);
    tpl = join(fx.home, "templates", "listing.hbs");
    listing = join(fx.home, "listing.txt");
    await mkdir(join(fx.home, "templates"), { recursive: true });
    await writeFile(tpl, "{{#each profiles}}{{name}} {{accountId}}\n{{/each}}");
    d = spawnDaemon(fx.env);
  });
  after(async () => {
    await d.stop("SIGKILL");
    await fx.cleanup();
  });

  test("the first sync writes the org's accounts", async () => {
    const want = orgA.accounts.map((a) => a.accountId).sort();
    await waitFor(
      "accounts of org A in ~/.aws/config",
      async () => [...accountIds(await readText(fx.awsConfig))].sort().join() === want.join(),
      15_000,
      d,
    );
  });

  test("accounts added and removed in the emulator show up within one tick", async () => {
    // Counted in runs, not milliseconds. The org changes first, then the finished runs are counted:
    // at most one run was under way at the change (runs never overlap) and it is counted by the next
    // finished run at the latest, so the second finished run after the count started after the change.
    // Org B replaces every account, a mass removal: that run holds it and the next one confirms it.
    fx.emu.setOrg(orgB);
    const runs = (await daemonState(fx.configFile, fx.env))?.counts.runs ?? 0;
    await waitFor(
      "three finished runs after the change",
      async () => ((await daemonState(fx.configFile, fx.env))?.counts.runs ?? 0) >= runs + 3,
      30_000,
      d,
    );
    const want = orgB.accounts.map((a) => a.accountId).sort();
    assert.deepEqual([...accountIds(await readText(fx.awsConfig))].sort(), want);
  });

  test("a config edit that adds an output takes effect", async () => {
    await fx.writeConfig(withTemplate());
    const text = await waitFor(
      "the new output's file",
      async () => (await readText(listing)) || undefined,
      8_000,
      d,
    );
    for (const a of orgB.accounts) assert.match(text, new RegExp(` ${a.accountId}$`, "m"));
  });

  test("an invalid config is refused: the daemon keeps running on the old one and the outputs stay", async () => {
    const config = await readFile(fx.awsConfig, "utf8");
    const runs = (await daemonState(fx.configFile, fx.env))?.counts.runs ?? 0;
    // Valid YAML with a profile-name change (which would rewrite every profile) and one invalid field.
    await fx.writeConfig(withTemplate(`profiles:\n  name: "broken-{{role.name}}"\nrefreshLeadSeconds: 5\n`));
    await waitFor(
      "the reload to be refused",
      () => logged(d.output(), "reload refused").length > 0,
      5_000,
      d,
    );
    await waitFor(
      "two more scheduled runs",
      async () => ((await daemonState(fx.configFile, fx.env))?.counts.runs ?? 0) >= runs + 2,
      8_000,
      d,
    );
    assert.equal(d.child.exitCode, null, "the daemon is still running");
    assert.equal(await readFile(fx.awsConfig, "utf8"), config);
    const state = await daemonState(fx.configFile, fx.env);
    assert.equal(state?.lastReload?.ok, false);
    assert.ok(
      state?.lastReload?.problems?.some((p) => p.includes("refreshLeadSeconds")),
      JSON.stringify(state?.lastReload),
    );
  });

  test("fixing the config resumes: the edit is applied", async () => {
    await fx.writeConfig(withTemplate(`profiles:\n  name: "fixed-{{slug account.name}}-{{role.name}}"\n`));
    await waitFor(
      "profiles renamed by the fixed config",
      // Both outputs: the run writes them one after the other, and the next test snapshots the listing.
      async () =>
        /^\[profile fixed-/m.test(await readText(fx.awsConfig)) && /^fixed-/m.test(await readText(listing)),
      8_000,
      d,
    );
    assert.equal((await daemonState(fx.configFile, fx.env))?.lastReload?.ok, true);
  });

  test("a broken template is refused and its output left alone; fixing it resumes", async () => {
    const before = await readFile(listing, "utf8");
    await writeFile(tpl, "{{#each profiles}}{{nmae}}\n{{/each}}"); // unknown field: strict mode fails the trial render
    await waitFor(
      "the template reload to be refused",
      () => logged(d.output(), "reload refused").length >= 2,
      5_000,
      d,
    );
    const runs = (await daemonState(fx.configFile, fx.env))?.counts.runs ?? 0;
    await waitFor(
      "a scheduled run with the old template",
      async () => ((await daemonState(fx.configFile, fx.env))?.counts.runs ?? 0) >= runs + 1,
      8_000,
      d,
    );
    assert.equal(d.child.exitCode, null);
    assert.equal(await readFile(listing, "utf8"), before);
    await writeFile(tpl, "{{#each profiles}}{{accountId}}={{name}}\n{{/each}}");
    await waitFor(
      "the fixed template's output",
      async () => /^\d{12}=fixed-/m.test(await readText(listing)),
      6_000,
      d,
    );
  });

  test("SIGHUP reloads", async () => {
    d.child.kill("SIGHUP");
    await waitFor(
      "a reload for SIGHUP",
      () => logged(d.output(), "config reloaded", { reason: "SIGHUP" }).length > 0,
      5_000,
      d,
    );
  });

  test("no token, refresh token or client secret appears in the output or the log file", async () => {
    const token = JSON.parse(await readFile(tokenCachePath(SESSION, { env: fx.env }), "utf8")) as Record<
      string,
      string
    >;
    const log = await readText(logFilePath(fx.env));
    assert.ok(logged(log, "sync done", { trigger: "schedule" }).length > 0, "the log file is written");
    for (const key of ["accessToken", "refreshToken", "clientSecret"]) {
      const secret = token[key];
      assert.ok(secret && secret.length > 8, key);
      assert.ok(!d.output().includes(secret), `${key} in the daemon's output`);
      assert.ok(!log.includes(secret), `${key} in the log file`);
    }
  });

  test("`aws-sso-sync status` shows the daemon next to the token state", async () => {
    const r = await runCli(["status"], fx.env);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^acme: logged in/m);
    assert.match(r.stdout, new RegExp(`^daemon: running \\(pid ${d.child.pid}\\)`, "m"));
    assert.match(r.stdout, /^ {2}last run: .*, ok in \d+ ms$/m);
    assert.match(r.stdout, /^ {2}output listing: (written|unchanged) /m);
  });

  test("SIGTERM: exit 0, state stopped", async () => {
    const r = await d.stop("SIGTERM");
    assert.deepEqual(r, { code: 0, signal: null });
    assert.equal((await daemonState(fx.configFile, fx.env))?.status, "stopped");
  });
});
