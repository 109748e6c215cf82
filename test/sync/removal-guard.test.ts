// The mass-removal guard end to end: the emulator's organisation shrinks between syncs (a real second
// discovery, through the real SDK), and a removal of most profiles waits for the next sync to confirm it.
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { afterEach, describe, test } from "node:test";
import { generateOrg } from "../../src/emulator/index.ts";
import { runCli } from "../support/cli.ts";
import { syncFixture, type SyncFixture } from "../support/sync-fixture.ts";

const org = generateOrg(10, { minRoles: 2, maxRoles: 2, seed: 5 });
const profiles = async (fx: SyncFixture) =>
  (await readFile(fx.awsConfig, "utf8")).split("\n").filter((l) => l.startsWith("[profile ")).length;

async function synced(fx: SyncFixture, args: string[] = []) {
  const r = await runCli(["sync", ...args], fx.env);
  assert.equal(r.code, 0, r.stderr);
  return r;
}

describe("mass-removal guard", () => {
  let fx: SyncFixture;
  afterEach(() => fx.cleanup());

  test("80 % of the profiles gone: kept and said so; the next sync confirms and removes them", async () => {
    fx = await syncFixture(org);
    await synced(fx);
    assert.equal(await profiles(fx), 20);
    fx.emu.setOrg({ accounts: org.accounts.slice(0, 2) });
    const first = await synced(fx);
    assert.match(
      first.stderr,
      /session acme: 16 of 20 profiles would go; kept until the next sync confirms it \(or run sync --confirm-removals\)/,
    );
    assert.equal(await profiles(fx), 20);
    const second = await synced(fx);
    assert.match(second.stderr, /16 of 20 profiles removed/);
    assert.equal(await profiles(fx), 4);
  });

  test("an empty organisation is held too, and a different answer does not confirm it", async () => {
    fx = await syncFixture(org);
    await synced(fx);
    fx.emu.setOrg({ accounts: [] });
    assert.match((await synced(fx)).stderr, /20 of 20 profiles would go/);
    fx.emu.setOrg({ accounts: org.accounts.slice(0, 1) });
    assert.match((await synced(fx)).stderr, /18 of 20 profiles would go/);
    assert.equal(await profiles(fx), 20);
  });

  test("sync --confirm-removals applies the removal at once", async () => {
    fx = await syncFixture(org);
    await synced(fx);
    fx.emu.setOrg({ accounts: org.accounts.slice(0, 2) });
    const r = await synced(fx, ["--confirm-removals"]);
    assert.match(r.stderr, /16 of 20 profiles removed \(--confirm-removals\)/);
    assert.equal(await profiles(fx), 4);
  });

  test("a removal under the threshold applies at once, without a word", async () => {
    fx = await syncFixture(org);
    await synced(fx);
    fx.emu.setOrg({ accounts: org.accounts.slice(0, 8) });
    const r = await synced(fx);
    assert.doesNotMatch(r.stderr, /profiles would go|profiles removed/);
    assert.equal(await profiles(fx), 16);
  });
});
