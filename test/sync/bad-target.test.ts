// One bad target fails its own output only: a directory, a path through a regular file, a FIFO and a file
// the user made read-only each fail with a message and the errno, the other outputs are still written, there
// is no stack trace, and `sync --json` prints valid JSON, also when the sync cannot run at all.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { chmod, mkdir, readFile, stat, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { after, before, test } from "node:test";
import { generateOrg } from "../../src/emulator/index.ts";
import { runCli } from "../support/cli.ts";
import { baseConfig, syncFixture, type SyncFixture } from "../support/sync-fixture.ts";

let fx: SyncFixture;
before(async () => {
  fx = await syncFixture(generateOrg(3, { minRoles: 1, maxRoles: 2, seed: 5 }));
});
after(() => fx.cleanup());

interface JsonReport {
  exitCode: number;
  outputs: Array<{ name: string; status: string; problems: string[] }>;
}

test("a directory, ENOTDIR, a FIFO and a read-only file fail alone; the rest is written", async () => {
  const dir = join(fx.home, "a-directory");
  await mkdir(dir, { recursive: true });
  const regular = join(fx.home, "regular");
  await writeFile(regular, "not a directory\n");
  const fifo = join(fx.home, "fifo");
  assert.equal(spawnSync("mkfifo", [fifo]).status, 0);
  const readOnly = join(fx.home, "read-only.txt");
  await writeFile(readOnly, "mine\n");
  await chmod(readOnly, 0o444);
  const tpl = join(fx.home, "t.hbs");
  await writeFile(tpl, "{{#each profiles}}{{name}}\n{{/each}}");
  const text = (name: string, file: string) =>
    `  - template: ${tpl}\n    name: ${name}\n    file: ${file}\n    mode: region\n    comment: "#"\n`;
  await fx.writeConfig(
    `${baseConfig}outputs:\n  - renderer: aws-config\n` +
      text("dir", dir) +
      text("notdir", join(regular, "x.txt")) +
      text("fifo", fifo) +
      text("ro", readOnly),
  );
  const r = await runCli(["sync", "--json"], fx.env, 60_000);
  assert.equal(r.timedOut, false, "the FIFO must not hang the sync");
  const report = JSON.parse(r.stdout) as JsonReport;
  const by = new Map(report.outputs.map((o) => [o.name, o]));
  assert.equal(by.get("aws-config")?.status, "written");
  assert.match((await readFile(fx.awsConfig, "utf8")).toString(), /\[profile /);
  const failed = (name: string, re: RegExp) => {
    const o = by.get(name);
    assert.equal(o?.status, "failed", name);
    assert.match(o.problems.join("\n"), re, name);
  };
  failed("dir", /a-directory.*EISDIR/);
  failed("notdir", /x\.txt.*ENOTDIR/);
  failed("fifo", /fifo.*not a regular file/);
  failed("ro", /read-only\.txt is read-only \(mode 0444\).*chmod u\+w/s);
  assert.notEqual(r.code, 0);
  assert.equal(report.exitCode, r.code);
  assert.doesNotMatch(r.stderr, /\n\s+at /, "no stack trace");
  assert.equal(await readFile(readOnly, "utf8"), "mine\n");
  assert.equal((await stat(readOnly)).mode & 0o777, 0o444);
  assert.ok((await stat(dirname(fifo))).isDirectory());
});

test("files.allowReadOnly: true lets a read-only file be replaced; its mode stays", async () => {
  const readOnly = join(fx.home, "read-only-allowed.txt");
  await writeFile(readOnly, "mine\n");
  await chmod(readOnly, 0o444);
  const tpl = join(fx.home, "t.hbs");
  await fx.writeConfig(
    `${baseConfig}files:\n  allowReadOnly: true\noutputs:\n  - template: ${tpl}\n    name: ro\n    file: ${readOnly}\n    mode: region\n    comment: "#"\n`,
  );
  const r = await runCli(["sync"], fx.env);
  assert.equal(r.code, 0, r.stderr);
  assert.match(await readFile(readOnly, "utf8"), /^mine\n# BEGIN aws-sso-sync:ro/);
  assert.equal((await stat(readOnly)).mode & 0o777, 0o444);
});

test("sync --json prints JSON also when the sync cannot start", async () => {
  await fx.writeConfig(`${baseConfig}nonsense: 1\n`);
  const r = await runCli(["sync", "--json"], fx.env);
  assert.equal(r.code, 3);
  const out = JSON.parse(r.stdout) as { error: { message: string; exitCode: number } };
  assert.equal(out.error.exitCode, 3);
  assert.match(out.error.message, /config/);
});
