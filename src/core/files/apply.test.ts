// applyPlan on a real disk in a temporary HOME: creation, no-op syncs (mtime untouched), kept permissions,
// backups, refusal when the file changed under us, and a rename as the only visible change.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  chmod,
  lstat,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rm,
  stat,
  symlink,
  utimes,
  writeFile,
} from "node:fs/promises";
import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AppError } from "../errors.ts";
import {
  applyPlan,
  backupPrefix,
  BACKUPS_KEPT,
  FileChangedError,
  IniCheckError,
  planRegion,
  readIfExists,
  unifiedDiff,
  type RegionSpec,
} from "./index.ts";

const AWS: RegionSpec = { name: "aws-config", comment: "#", format: "ini" };
const USER = "# mine\r\n[profile mine]\r\nregion = eu-west-1";
const profile = (n: number) =>
  `[profile p${n}]\nsso_session = acme\nsso_account_id = ${String(n).padStart(12, "0")}\n`;

let home = "";
let cfg = "";
let backups = "";
before(async () => {
  home = await mkdtemp(join(tmpdir(), "files-apply-"));
  Object.assign(process.env, {
    HOME: home,
    XDG_CONFIG_HOME: join(home, ".config"),
    XDG_STATE_HOME: join(home, ".state"),
  });
  cfg = join(home, ".aws", "config");
  backups = join(home, ".state", "aws-sso-sync", "backups");
});
after(() => rm(home, { recursive: true, force: true }));

async function sync(content: string, file = cfg) {
  const plan = planRegion(file, await readIfExists(file), AWS, content);
  return { plan, outcome: await applyPlan(plan, { backupDir: backups }) };
}

describe("applyPlan", () => {
  test("creates a missing file (0600) and its directory", async () => {
    const file = join(home, "new", "dir", "config");
    const { outcome, plan } = await sync(profile(1), file);
    assert.equal(outcome, "written");
    assert.equal(await readFile(file, "utf8"), plan.after);
    assert.equal((await stat(file)).mode & 0o777, 0o600);
    assert.ok((await stat(join(home, "new", "dir"))).isDirectory());
    assert.deepEqual(await readdir(join(home, "new", "dir")), ["config"]);
  });

  test("keeps the user's bytes and mode; a re-sync writes nothing and leaves mtime alone", async () => {
    await mkdir(join(home, ".aws"), { recursive: true });
    await writeFile(cfg, USER);
    await chmod(cfg, 0o640);
    const { outcome, plan } = await sync(profile(1) + profile(2));
    assert.equal(outcome, "written");
    const text = await readFile(cfg, "utf8");
    assert.ok(text.startsWith(`${USER}\r\n# BEGIN aws-sso-sync:aws-config`), JSON.stringify(text));
    assert.equal(text, plan.after);
    assert.equal((await stat(cfg)).mode & 0o777, 0o640);

    const old = new Date("2020-01-02T03:04:05Z");
    await utimes(cfg, old, old);
    const again = await sync(profile(1) + profile(2));
    assert.equal(again.plan.changed, false);
    assert.equal(again.outcome, "unchanged");
    assert.equal(unifiedDiff(again.plan), "");
    assert.equal((await stat(cfg)).mtime.getTime(), old.getTime());

    const shrink = await sync(profile(2));
    assert.equal(shrink.outcome, "written");
    assert.ok(!(await readFile(cfg, "utf8")).includes("[profile p1]"));
    assert.match(unifiedDiff(shrink.plan), /^-\[profile p1\]\r$/m);
    assert.equal((await stat(cfg)).mode & 0o777, 0o640);
  });

  test("backs up the previous version (0600) and keeps the newest ten", async () => {
    await rm(backups, { recursive: true, force: true });
    const previous = await readFile(cfg, "utf8");
    await sync(profile(3));
    let names = (await readdir(backups)).filter((n) => n.startsWith(backupPrefix(cfg)));
    assert.equal(names.length, 1);
    assert.equal(await readFile(join(backups, names[0] ?? ""), "utf8"), previous);
    assert.equal((await stat(join(backups, names[0] ?? ""))).mode & 0o777, 0o600);
    assert.match(names[0] ?? "", /^config\.[0-9a-f]{8}\.\d{8}T\d{9}Z\.bak$/);
    for (let i = 4; i < 20; i++) await sync(profile(i));
    names = (await readdir(backups)).filter((n) => n.startsWith(backupPrefix(cfg))).sort();
    assert.equal(names.length, BACKUPS_KEPT);
    const newest = await readFile(join(backups, names.at(-1) ?? ""), "utf8");
    assert.ok(newest.includes("[profile p18]") && !newest.includes("[profile p19]"));
  });

  test("refuses when the file changed after it was read, and writes nothing", async () => {
    const plan = planRegion(cfg, await readIfExists(cfg), AWS, profile(42));
    await writeFile(cfg, "[profile someone-else]\nk = v\n");
    await assert.rejects(applyPlan(plan, { backupDir: backups }), FileChangedError);
    assert.equal(await readFile(cfg, "utf8"), "[profile someone-else]\nk = v\n");
  });

  test("refuses a result the JS SDK cannot read: no write, no backup", async () => {
    await writeFile(cfg, USER);
    const count = async () => (await readdir(backups)).length;
    const n = await count();
    const plan = planRegion(cfg, USER, AWS, '[profile "two words"]\nk = v\n');
    await assert.rejects(applyPlan(plan, { backupDir: backups }), IniCheckError);
    assert.equal(await readFile(cfg, "utf8"), USER);
    assert.equal(await count(), n);
  });

  test("the rename is the only visible change: readers see old or new bytes, no temp file stays", async () => {
    const old = `${USER}\n`;
    await writeFile(cfg, old);
    const inode = (await stat(cfg)).ino;
    const big = Array.from({ length: 40000 }, (_, i) => profile(i)).join("\n");
    const plan = planRegion(cfg, old, { ...AWS, format: "text" }, big);
    const seen = new Set<string>();
    let done = false;
    const writing = applyPlan(plan, { backupDir: backups }).finally(() => (done = true));
    while (!done) {
      seen.add(readFileSync(cfg, "utf8"));
      await new Promise((r) => setImmediate(r));
    }
    assert.equal(await writing, "written");
    for (const s of seen) assert.ok(s === old || s === plan.after, `a reader saw ${s.length} bytes`);
    assert.equal(await readFile(cfg, "utf8"), plan.after);
    assert.notEqual(
      (await stat(cfg)).ino,
      inode,
      "a new inode: the content was renamed into place, not rewritten",
    );
    assert.deepEqual(await readdir(join(home, ".aws")), ["config"]);
  });

  test("a symlinked config is written through; the link stays", async () => {
    const real = join(home, "dotfiles", "aws-config");
    const link = join(home, "linked", "config");
    await mkdir(join(home, "dotfiles"), { recursive: true });
    await mkdir(join(home, "linked"), { recursive: true });
    await writeFile(real, USER);
    await symlink(real, link);
    await sync(profile(1), link);
    assert.ok((await lstat(link)).isSymbolicLink());
    assert.ok((await readFile(real, "utf8")).includes("[profile p1]"));
  });

  test("a file that is not UTF-8 is not touched", async () => {
    const file = join(home, "latin1");
    await writeFile(file, Buffer.from([0x5b, 0x61, 0x5d, 0x0a, 0xe9, 0x0a]));
    await assert.rejects(readIfExists(file), AppError);
    assert.equal(await readIfExists(join(home, "missing")), null);
  });

  test("a byte-order mark survives a sync", async () => {
    const file = join(home, "bom");
    await writeFile(file, "\ufeff# note\n");
    // botocore cannot read an INI file that starts with a BOM, so only a text region may go there.
    await assert.rejects(sync(profile(1), file), /byte-order mark/);
    const plan = planRegion(file, await readIfExists(file), { ...AWS, format: "text" }, "hello\n");
    assert.equal(await applyPlan(plan, { backupDir: backups }), "written");
    assert.deepEqual([...(await readFile(file)).subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  });
});

describe("unifiedDiff", () => {
  test("a new file is shown against /dev/null", () => {
    const plan = planRegion(cfg, null, AWS, profile(1));
    const diff = unifiedDiff(plan);
    assert.match(
      diff,
      /^--- \/dev\/null\n\+\+\+ .*config\n@@ -0,0 \+1,5 @@\n\+# BEGIN aws-sso-sync:aws-config/,
    );
  });
});

describe("applyPlan in one process", () => {
  test("two applies of plans made from the same text: the second is refused, not lost", async () => {
    const file = join(home, "race", "config");
    const a = planRegion(file, null, AWS, profile(1));
    const b = planRegion(file, null, AWS, profile(2));
    const results = await Promise.allSettled([
      applyPlan(a, { backupDir: backups }),
      applyPlan(b, { backupDir: backups }),
    ]);
    assert.equal(results[0]?.status, "fulfilled");
    assert.ok(results[1]?.status === "rejected" && results[1].reason instanceof FileChangedError);
    assert.equal(await readFile(file, "utf8"), a.after);
  });
});
