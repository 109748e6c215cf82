// One daemon per config; SIGKILL at any moment leaves every target file whole (old or new) and the next
// daemon takes over the dead one's lock at once; a hand-run `sync` and the daemon never write at the same
// time (both wait for the write lock).
import assert from "node:assert/strict";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { withWriteLock } from "../../src/core/lock/index.ts";
import { ExitCode } from "../../src/core/errors.ts";
import { generateOrg, type Org } from "../../src/emulator/index.ts";
import { runCli } from "../support/cli.ts";
import { baseConfig, syncFixture, type SyncFixture } from "../support/sync-fixture.ts";
import { accountIds, readText, spawnDaemon, waitFor } from "./support.ts";

const ids = (org: Org) =>
  org.accounts
    .map((a) => a.accountId)
    .sort()
    .join();

describe("daemon: lock, SIGKILL, hand-run sync", { timeout: 120_000 }, () => {
  const orgA = generateOrg(150, { seed: 5 });
  const orgB = generateOrg(120, { seed: 6 });
  const profiles = orgA.accounts.reduce((n, a) => n + a.roles.length, 0);
  let fx: SyncFixture;
  let listing: string;
  let tpl: string;
  const config = (prefix: string) =>
    `${baseConfig}schedule: "* * * * * *"\nprofiles:\n  name: "${prefix}-{{slug account.name}}-{{role.name}}"\n` +
    `outputs:\n  - renderer: aws-config\n  - template: ${tpl}\n    file: ${listing}\n    mode: file\n`;
  /** Every profile named with one prefix, none missing: a file from one single render. */
  const whole = (names: string[]) =>
    names.length === profiles &&
    (names.every((n) => n.startsWith("a-")) || names.every((n) => n.startsWith("b-")));

  before(async () => {
    fx = await syncFixture(orgA);
    tpl = join(fx.home, "listing.hbs");
    listing = join(fx.home, "listing.txt");
    await writeFile(tpl, "{{#each profiles}}{{name}}\n{{/each}}");
    await fx.writeConfig(config("a"));
  });
  after(() => fx.cleanup());

  test("a second daemon on the same config exits with a clear message (locked)", async () => {
    const first = spawnDaemon(fx.env);
    try {
      await waitFor(
        "the first daemon's sync",
        async () => accountIds(await readText(fx.awsConfig)).size > 0,
        15_000,
        first,
      );
      const second = spawnDaemon(fx.env);
      const r = await second.exited;
      assert.equal(r.code, ExitCode.locked, second.output());
      assert.match(second.output(), /a daemon is already running for .*config\.yaml \(process \d+/);
      assert.equal(first.child.exitCode, null, "the first one keeps running");
    } finally {
      await first.stop("SIGTERM");
    }
  });

  test("SIGKILL during writes leaves every target file whole, and the lock is taken over at once", async () => {
    // Each config flip is a reload and a re-render of both files from the last discovery: a write every
    // few hundred milliseconds, and a SIGKILL lands at a random moment among them.
    let flip = false;
    const flipper = setInterval(() => {
      flip = !flip;
      void fx.writeConfig(config(flip ? "b" : "a"));
    }, 250);
    try {
      for (let i = 0; i < 4; i++) {
        const t0 = Date.now();
        const d = spawnDaemon(fx.env);
        try {
          await waitFor(
            "the daemon to start (a dead daemon's lock must not hold it up)",
            () => /daemon started/.test(d.output()),
            10_000,
            d,
          );
          assert.ok(Date.now() - t0 < 8_000, `start took ${Date.now() - t0} ms`);
          await waitFor(
            "a write",
            () => /sync \(\w+\) done in \d+ ms: .*written/.test(d.output()),
            10_000,
            d,
          );
          await sleep(100 + Math.floor(Math.random() * 1500));
        } finally {
          d.child.kill("SIGKILL");
          await d.exited;
        }
        const text = await readFile(fx.awsConfig, "utf8");
        assert.ok(
          whole([...text.matchAll(/^\[profile (.+)\]$/gm)].map((m) => m[1] ?? "")),
          `~/.aws/config is not whole after kill ${i}`,
        );
        assert.match(text, /# END aws-sso-sync:aws-config\s*$/);
        assert.ok(
          whole((await readFile(listing, "utf8")).trim().split("\n")),
          `listing.txt is not whole after kill ${i}`,
        );
      }
    } finally {
      clearInterval(flipper);
    }
    await fx.writeConfig(config("a"));
  });

  test("a hand-run sync and the daemon wait for the write lock", async () => {
    fx.emu.setOrg(orgA);
    const d = spawnDaemon(fx.env);
    try {
      await waitFor(
        "org A written",
        async () => [...accountIds(await readText(fx.awsConfig))].sort().join() === ids(orgA),
        15_000,
        d,
      );
      let release = (): void => undefined;
      const held = withWriteLock(fx.env, () => new Promise<void>((r) => (release = r)));
      await sleep(100);
      fx.emu.setOrg(orgB);
      const sync = runCli(["sync"], fx.env);
      let synced = false;
      void sync.then(() => (synced = true));
      await sleep(3_000); // three ticks and a sync, all waiting
      assert.equal(synced, false, "sync did not wait for the lock");
      assert.equal(
        [...accountIds(await readFile(fx.awsConfig, "utf8"))].sort().join(),
        ids(orgA),
        "a write happened under someone else's lock",
      );
      release();
      await held;
      const r = await sync;
      assert.equal(r.code, 0, r.stderr);
      await waitFor(
        "org B written",
        async () => [...accountIds(await readText(fx.awsConfig))].sort().join() === ids(orgB),
        5_000,
        d,
      );
    } finally {
      assert.deepEqual(await d.stop("SIGTERM"), { code: 0, signal: null });
    }
  });

  test("SIGTERM while a run waits for the write lock: exit 0 at once, and that write never happens", async () => {
    fx.emu.setOrg(orgA);
    const d = spawnDaemon(fx.env);
    let release = (): void => undefined;
    let held: Promise<void> | undefined;
    try {
      await waitFor(
        "org A written",
        async () => [...accountIds(await readText(fx.awsConfig))].sort().join() === ids(orgA),
        15_000,
        d,
      );
      held = withWriteLock(fx.env, () => new Promise<void>((r) => (release = r)));
      await sleep(100);
      fx.emu.setOrg(orgB);
      await sleep(2_000); // a tick has discovered org B and now waits for the lock
      const t0 = Date.now();
      assert.deepEqual(await d.stop("SIGTERM"), { code: 0, signal: null });
      assert.ok(Date.now() - t0 < 5_000, `stopping took ${Date.now() - t0} ms`);
    } finally {
      release();
      await held;
      await d.stop("SIGKILL");
    }
    await sleep(300);
    assert.equal([...accountIds(await readFile(fx.awsConfig, "utf8"))].sort().join(), ids(orgA));
  });
});
