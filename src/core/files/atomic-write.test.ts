// writeFileAtomic and applyPlan on a real disk: symlinks (also dangling ones) are written through, the
// owner and mode of an existing file stay, read-only files are refused unless allowed, and anything but a
// regular file is refused with its errno before a byte is written.
import assert from "node:assert/strict";
import {
  chmod,
  chown,
  lstat,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  readlink,
  rm,
  stat,
  symlink,
  writeFile,
} from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { writeFileAtomic, WriteError } from "./atomic-write.ts";
import { applyPlan, planRegion, readIfExists, type RegionSpec } from "./index.ts";

const AWS: RegionSpec = { name: "aws-config", comment: "#", format: "ini" };
let home = "";
let backupDir = "";
before(async () => {
  home = await mkdtemp(join(tmpdir(), "atomic-write-"));
  backupDir = join(home, "backups");
});
after(() => rm(home, { recursive: true, force: true }));

async function sync(file: string, opts: { allowReadOnly?: boolean } = {}) {
  const plan = planRegion(file, await readIfExists(file), AWS, "[profile p]\nregion = eu-north-1\n");
  return { plan, outcome: await applyPlan(plan, { backupDir, ...opts }) };
}

describe("writeFileAtomic", () => {
  test("a dangling symlink is written through: the link stays, its target is created 0600", async () => {
    await mkdir(join(home, "dotfiles"), { recursive: true });
    const target = join(home, "dotfiles", "aws-config");
    const link = join(home, "config-link");
    await symlink("dotfiles/aws-config", link);
    const { plan, outcome } = await sync(link);
    assert.equal(outcome, "written");
    assert.ok((await lstat(link)).isSymbolicLink());
    assert.equal(await readlink(link), "dotfiles/aws-config");
    assert.equal(await readFile(target, "utf8"), plan.after);
    assert.equal((await stat(target)).mode & 0o777, 0o600);
  });

  test("a symlink whose target's directory is missing is refused with ENOENT, nothing created", async () => {
    const link = join(home, "nowhere-link");
    await symlink(join(home, "no-such-dir", "config"), link);
    await assert.rejects(sync(link), /nowhere-link \(a symlink to .*no-such-dir\/config\).*ENOENT/);
    assert.ok((await lstat(link)).isSymbolicLink());
  });

  test("owner and mode of an existing file stay (root gives the new file to the old owner)", async () => {
    const file = join(home, "owned");
    await writeFile(file, "old\n");
    await chmod(file, 0o640);
    const root = process.getuid?.() === 0;
    if (root) await chown(file, 1234, 4321);
    await writeFileAtomic(file, "new\n");
    const st = await stat(file);
    assert.equal(st.mode & 0o777, 0o640);
    if (root) assert.deepEqual([st.uid, st.gid], [1234, 4321]);
    assert.equal(await readFile(file, "utf8"), "new\n");
  });

  test("an explicit mode replaces the mode of an existing file (cache, state, unit files stay 0600)", async () => {
    const file = join(home, "unit");
    await writeFile(file, "old\n");
    await chmod(file, 0o666);
    await writeFileAtomic(file, "new\n", { mode: 0o600 });
    assert.equal((await stat(file)).mode & 0o777, 0o600);
  });

  test("a directory in the target's place is EISDIR; no temp file is left", async () => {
    const dir = join(home, "is-a-dir");
    await mkdir(dir);
    await assert.rejects(writeFileAtomic(dir, "x"), (err: unknown) => {
      assert.ok(err instanceof WriteError);
      assert.equal(err.code, "EISDIR");
      assert.match(err.message, /is-a-dir: is a directory \(EISDIR\)/);
      return true;
    });
    assert.deepEqual(
      (await readdir(home)).filter((n) => n.endsWith(".tmp")),
      [],
    );
  });

  test("exclusive never replaces an existing file", async () => {
    const file = join(home, "backup.bak");
    await writeFile(file, "first\n");
    await assert.rejects(writeFileAtomic(file, "second\n", { exclusive: true }), { code: "EEXIST" });
    assert.equal(await readFile(file, "utf8"), "first\n");
    assert.deepEqual(
      (await readdir(home)).filter((n) => n.endsWith(".tmp")),
      [],
    );
  });
});

describe("applyPlan and read-only files", () => {
  test("a file the user made read-only (0444) is refused, bytes and mode untouched", async () => {
    const file = join(home, "ro-config");
    await writeFile(file, "[profile mine]\nregion = eu-west-1\n");
    await chmod(file, 0o444);
    await assert.rejects(
      sync(file),
      /ro-config is read-only \(mode 0444\); aws-sso-sync will not replace it/,
    );
    assert.equal(await readFile(file, "utf8"), "[profile mine]\nregion = eu-west-1\n");
    assert.equal((await stat(file)).mode & 0o777, 0o444);
  });

  test("allowReadOnly replaces it and keeps 0444", async () => {
    const file = join(home, "ro-config");
    const { outcome, plan } = await sync(file, { allowReadOnly: true });
    assert.equal(outcome, "written");
    assert.equal(await readFile(file, "utf8"), plan.after);
    assert.equal((await stat(file)).mode & 0o777, 0o444);
  });
});
