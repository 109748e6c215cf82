// One daemon per config; SIGKILL at any moment leaves every target file whole (old or new) and the next
// daemon takes over the dead one's lock at once; a hand-run `sync` and the daemon never write at the same
// time (both wait for the write lock). Every wait is on something the daemon did (a log line, a count of
// writes), never on how long something took: the machine may be loaded.
import assert from "node:assert/strict";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { withWriteLock } from "../../src/core/lock/index.ts";
import { ExitCode } from "../../src/core/errors.ts";
import { generateOrg, type Org } from "../../src/emulator/index.ts";
import { startCli } from "../support/cli.ts";
import { baseConfig, syncFixture, type SyncFixture } from "../support/sync-fixture.ts";
import { accountIds, logged, readText, spawnDaemon, waitFor } from "./support.ts";

const ids = (org: Org) =>
  org.accounts
    .map((a) => a.accountId)
    .sort()
    .join();

/** A bound that only turns a hang into a message; nothing is measured against it. */
const HANG = 90_000;
/** Runs the daemon has finished so far, and those of them that wrote a file. */
const runs = (out: string) => logged(out, "sync done").length;
const writes = (out: string) => logged(out, "sync done").filter((r) => Number(r.written) > 0).length;

describe("daemon: lock, SIGKILL, hand-run sync", { timeout: 900_000 }, () => {
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
        HANG,
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
    // Each config flip is a reload and a re-render of both files from the last discovery. The next flip
    // follows the end of the last run, however long that took: the daemon is always writing, and a
    // SIGKILL after a random number of writes lands at a random moment among them.
    let flip = false;
    for (let i = 0; i < 4; i++) {
      const d = spawnDaemon(fx.env);
      let flipping = true;
      const flipper = (async () => {
        for (let seen = 0; flipping;) {
          await waitFor("the next run", () => !flipping || runs(d.output()) > seen, HANG, d);
          seen = runs(d.output());
          flip = !flip;
          if (flipping) await fx.writeConfig(config(flip ? "b" : "a"));
        }
      })().catch(() => undefined); // a daemon that stops writing fails the wait below, with its output
      try {
        // The daemon takes its lock with no wait at all (a held one is exit 7, "already running"): started
        // means the dead one's lock was taken over at once, not left to age out.
        await waitFor("the daemon to start", () => logged(d.output(), "daemon started").length > 0, HANG, d);
        const kills = 1 + Math.floor(Math.random() * 3);
        await waitFor(`${kills} writes`, () => writes(d.output()) >= kills, HANG, d);
        await sleep(Math.floor(Math.random() * 200));
      } finally {
        d.child.kill("SIGKILL");
        await d.exited;
        flipping = false;
        await flipper;
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
    await fx.writeConfig(config("a"));
  });

  /** Takes the write lock in this process and holds it until `release()`; resolves once it is held. */
  async function holdWriteLock(): Promise<{ release(): void; done: Promise<void> }> {
    let release = (): void => undefined;
    let entered = (): void => undefined;
    const inside = new Promise<void>((r) => (entered = r));
    const done = withWriteLock(fx.env, () => {
      entered();
      return new Promise<void>((r) => (release = r));
    });
    await inside;
    return { release: () => release(), done };
  }
  /** The daemon's runs that have discovered org B (120 accounts; org A has 150). */
  const discoveredB = (out: string) =>
    logged(out, "session discovered", { session: "acme", accounts: 120 }).length;

  test("a hand-run sync and the daemon wait for the write lock", async () => {
    fx.emu.setOrg(orgA);
    const d = spawnDaemon(fx.env);
    try {
      await waitFor(
        "org A written",
        async () => [...accountIds(await readText(fx.awsConfig))].sort().join() === ids(orgA),
        HANG,
        d,
      );
      const held = await holdWriteLock();
      fx.emu.setOrg(orgB);
      const sync = startCli(["--log-level", "info", "sync"], fx.env, 5 * HANG);
      // Both have discovered org B: all that is left for them is the write, under the lock we hold.
      await sync.waitForStderr(
        /^(?=.*"message":"session discovered")(?=.*"session":"acme")(?=.*"accounts":120[,}]).*$/m,
        HANG,
      );
      await waitFor("a daemon run discovering org B", () => discoveredB(d.output()) > 0, HANG, d);
      assert.equal(sync.child.exitCode, null, "sync did not wait for the lock");
      assert.equal(
        [...accountIds(await readFile(fx.awsConfig, "utf8"))].sort().join(),
        ids(orgA),
        "a write happened under someone else's lock",
      );
      held.release();
      await held.done;
      const r = await sync.done;
      assert.equal(r.code, 0, r.stderr);
      await waitFor(
        "org B written",
        async () => [...accountIds(await readText(fx.awsConfig))].sort().join() === ids(orgB),
        HANG,
        d,
      );
    } finally {
      assert.deepEqual(await d.stop("SIGTERM", HANG), { code: 0, signal: null });
    }
  });

  test("SIGTERM while a run waits for the write lock: exit 0 without it, and that write never happens", async () => {
    fx.emu.setOrg(orgA);
    const d = spawnDaemon(fx.env);
    let held: Awaited<ReturnType<typeof holdWriteLock>> | undefined;
    try {
      await waitFor(
        "org A written",
        async () => [...accountIds(await readText(fx.awsConfig))].sort().join() === ids(orgA),
        HANG,
        d,
      );
      held = await holdWriteLock();
      const before = discoveredB(d.output());
      fx.emu.setOrg(orgB);
      await waitFor(
        "a tick that discovers org B and waits for the lock",
        () => discoveredB(d.output()) > before,
        HANG,
        d,
      );
      // We hold the lock until after the exit: exit 0 proves the stop did not wait for it (SIGKILL after HANG).
      assert.deepEqual(await d.stop("SIGTERM", HANG), { code: 0, signal: null });
    } finally {
      held?.release();
      await held?.done;
      await d.stop("SIGKILL");
    }
    assert.equal([...accountIds(await readFile(fx.awsConfig, "utf8"))].sort().join(), ids(orgA));
  });
});
