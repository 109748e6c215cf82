// A full disk never truncates a file: on a real tmpfs filled to just below the size of the new file, the
// AWS config (a real `sync`), a whole-file shell output and the token cache stay byte for byte as they were,
// no temp file stays, the exit code is non-zero and the message names the file and the space it needs.
// A backup that cannot be written stops the write of its target.
import assert from "node:assert/strict";
import { readdir, readFile, writeFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { test } from "node:test";
import { generateOrg } from "../../src/emulator/index.ts";
import { applyPlan, planRegion } from "../../src/core/files/index.ts";
import { runCli } from "../support/cli.ts";
import { baseConfig, SESSION, syncFixture, writeIssuedToken } from "../support/sync-fixture.ts";
import { mountTmpfs, PAGE } from "../support/tmpfs.ts";
import { tempHome } from "../support/emulator.ts";

const org = generateOrg(40, { minRoles: 2, maxRoles: 4, seed: 11 });
const userProfiles = Array.from({ length: 2000 }, (_, i) => `[profile user${i}]\nregion = eu-west-1\n`).join(
  "",
);

function assertNamesFileAndSpace(stderr: string, file: string) {
  assert.ok(stderr.includes(file), stderr);
  assert.match(stderr, /\d+ bytes needed, \d+ bytes free/);
  assert.match(stderr, /ENOSPC/);
}

test("AWS config: a sync on a full disk leaves the user's 2000 profiles whole and fails", async (t) => {
  const fx = await syncFixture(org);
  const mnt = await mountTmpfs(t, 1 << 20);
  if (!mnt) return fx.cleanup();
  try {
    // The size the new file will have, from the same sync on a roomy disk.
    const trial = join(fx.home, "trial-config");
    await writeFile(trial, userProfiles);
    const dry = await runCli(["sync"], { ...fx.env, AWS_CONFIG_FILE: trial });
    assert.equal(dry.code, 0, dry.stderr);
    const newSize = (await readFile(trial)).length;
    assert.ok(newSize > userProfiles.length + PAGE, "the generated region is more than a page");

    const file = join(mnt.dir, "config");
    await writeFile(file, userProfiles);
    await mnt.leaveFree(newSize - 1);
    const r = await runCli(["sync"], { ...fx.env, AWS_CONFIG_FILE: file });
    assert.notEqual(r.code, 0, r.stdout);
    assert.equal(await readFile(file, "utf8"), userProfiles);
    assert.deepEqual(await mnt.names(), ["config"]);
    assertNamesFileAndSpace(r.stderr, file);
    assert.doesNotMatch(r.stdout, /aws-config: written/);
  } finally {
    await mnt.unmount();
    await fx.cleanup();
  }
});

test("whole-file shell output: a bigger file on a full disk leaves the old one and fails", async (t) => {
  const fx = await syncFixture(org);
  const mnt = await mountTmpfs(t, 1 << 20);
  if (!mnt) return fx.cleanup();
  try {
    const file = join(mnt.dir, "aliases.bash");
    const config = (name: string) =>
      `${baseConfig}profiles:\n  name: "${name}"\noutputs:\n  - renderer: shell\n    file: ${file}\n`;
    await fx.writeConfig(config("{{slug account.name}}.{{role.name}}"));
    const first = await runCli(["sync"], fx.env);
    assert.equal(first.code, 0, first.stderr);
    const old = await readFile(file);
    assert.ok(old.length > PAGE);
    // Longer names: the new file is more than a page bigger than the old one, which is all that is free.
    await fx.writeConfig(config(`{{slug account.name}}.{{role.name}}.${"x".repeat(120)}`));
    await mnt.leaveFree(old.length);
    const r = await runCli(["sync"], fx.env);
    assert.notEqual(r.code, 0, r.stdout);
    assert.deepEqual(await readFile(file), old);
    assert.deepEqual(await mnt.names(), ["aliases.bash"]);
    assertNamesFileAndSpace(r.stderr, file);
  } finally {
    await mnt.unmount();
    await fx.cleanup();
  }
});

test("token cache: a refresh on a full disk keeps the cached token byte for byte", async (t) => {
  const fx = await syncFixture(org);
  const cache = join(fx.home, ".aws", "sso", "cache");
  const mnt = await mountTmpfs(t, 256 << 10, cache);
  if (!mnt) return fx.cleanup();
  try {
    // Expires within refreshLeadSeconds: the sync refreshes it and writes the cache file again.
    const issued = fx.emu.issueToken({ scopes: SESSION.scopes });
    const file = await writeIssuedToken(issued, fx.env, SESSION, 120);
    const old = await readFile(file);
    await mnt.leaveFree(0);
    const r = await runCli(["sync"], fx.env);
    assert.notEqual(r.code, 0, r.stdout);
    assert.deepEqual(await readFile(file), old);
    assert.deepEqual(await mnt.names(), [basename(file)]);
    assertNamesFileAndSpace(r.stderr, file);
  } finally {
    await mnt.unmount();
    await fx.cleanup();
  }
});

test("a backup that cannot be written stops the write; no partial backup stays", async (t) => {
  const h = await tempHome();
  const backups = join(h.home, "backups");
  const mnt = await mountTmpfs(t, 256 << 10, backups);
  if (!mnt) return h.cleanup();
  try {
    const file = join(h.home, "config");
    const big = `${"# note\n".repeat(2000)}[profile mine]\nregion = eu-west-1\n`;
    await writeFile(file, big);
    await mnt.leaveFree(PAGE); // room for a page of the backup, not for all of it
    const plan = planRegion(
      file,
      big,
      { name: "aws-config", comment: "#", format: "ini" },
      "[profile p]\nk = v\n",
    );
    await assert.rejects(applyPlan(plan, { backupDir: backups }), (err: Error) => {
      assert.match(err.message, /backup of .*config/);
      assert.match(err.message, /ENOSPC/);
      return true;
    });
    assert.equal(await readFile(file, "utf8"), big);
    assert.deepEqual(await mnt.names(), []);
    assert.deepEqual(await readdir(h.home).then((n) => n.filter((x) => x.includes(".tmp"))), []);
  } finally {
    await mnt.unmount();
    await h.cleanup();
  }
});
