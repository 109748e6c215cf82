// An output removed from the config loses its region on the next sync; one whose template is broken keeps
// it (it is still configured), and the user's bytes never change.
import assert from "node:assert/strict";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { after, before, test } from "node:test";
import { generateOrg } from "../../src/emulator/index.ts";
import { runCli } from "../support/cli.ts";
import { baseConfig, syncFixture, type SyncFixture } from "../support/sync-fixture.ts";

let fx: SyncFixture;
const user = "[profile mine]\nregion = us-east-1\n";
before(async () => {
  fx = await syncFixture(generateOrg(3, { minRoles: 1, maxRoles: 2, seed: 9 }));
  await mkdir(dirname(fx.awsConfig), { recursive: true });
  await writeFile(fx.awsConfig, user);
});
after(() => fx.cleanup());

const both = `${baseConfig}outputs:\n  - renderer: aws-config\n  - renderer: aws-vault\n`;

test("a removed output's region goes; a broken one's stays", async () => {
  await fx.writeConfig(both);
  assert.equal((await runCli(["sync"], fx.env)).code, 0);
  const two = await readFile(fx.awsConfig, "utf8");
  assert.match(two, /# BEGIN aws-sso-sync:aws-vault/);

  // A template output that fails to load must not cost the aws-vault region anything.
  const tpl = join(fx.home, "broken.hbs");
  await writeFile(tpl, "{{#each model.profiles}}\n");
  await fx.writeConfig(`${both}  - template: ${tpl}\n    file: ${join(fx.home, "out.txt")}\n`);
  const broken = await runCli(["sync"], fx.env);
  assert.notEqual(broken.code, 0);
  assert.equal(await readFile(fx.awsConfig, "utf8"), two);

  await fx.writeConfig(`${baseConfig}outputs:\n  - renderer: aws-config\n`);
  const r = await runCli(["sync"], fx.env);
  assert.equal(r.code, 0, r.stderr);
  const one = await readFile(fx.awsConfig, "utf8");
  assert.doesNotMatch(one, /aws-sso-sync:aws-vault/);
  assert.doesNotMatch(one, /\[profile vault-/);
  assert.match(one, /# BEGIN aws-sso-sync:aws-config/);
  assert.ok(one.startsWith(user), "the user's bytes stay first and whole");
  assert.match(r.stderr, /no longer configured/);
});

test("renaming an output moves its profiles, never leaving the file without them", async () => {
  await fx.writeConfig(`${baseConfig}outputs:\n  - renderer: aws-config\n`);
  assert.equal((await runCli(["sync"], fx.env)).code, 0);
  const profiles = (t: string) => t.split("\n").filter((l) => l.startsWith("[profile ")).length;
  const n = profiles(await readFile(fx.awsConfig, "utf8"));
  assert.ok(n > 0);
  await fx.writeConfig(`${baseConfig}outputs:\n  - renderer: aws-config\n    name: main\n`);
  const r = await runCli(["sync"], fx.env);
  assert.equal(r.code, 0, r.stderr);
  const text = await readFile(fx.awsConfig, "utf8");
  assert.match(text, /# BEGIN aws-sso-sync:main/);
  assert.doesNotMatch(text, /aws-sso-sync:aws-config/);
  assert.equal(profiles(text), n);
});

test("a disabled output keeps its region", async () => {
  await fx.writeConfig(
    `${baseConfig}outputs:\n  - renderer: aws-config\n    name: main\n  - renderer: aws-vault\n`,
  );
  assert.equal((await runCli(["sync"], fx.env)).code, 0);
  const withVault = await readFile(fx.awsConfig, "utf8");
  await fx.writeConfig(
    `${baseConfig}outputs:\n  - renderer: aws-config\n    name: main\n  - renderer: aws-vault\n    enabled: false\n`,
  );
  assert.equal((await runCli(["sync"], fx.env)).code, 0);
  assert.equal(await readFile(fx.awsConfig, "utf8"), withVault);
});

test("two configs writing one file never retire each other's regions", async () => {
  const other = join(fx.home, "other.yaml");
  await writeFile(other, `${baseConfig}outputs:\n  - renderer: granted\n`);
  {
    const first = await runCli(["--config", other, "sync"], fx.env);
    assert.equal(first.code, 0, first.stderr);
  }
  assert.equal((await runCli(["sync"], fx.env)).code, 0);
  const text = await readFile(fx.awsConfig, "utf8");
  assert.match(text, /# BEGIN aws-sso-sync:granted/);
  assert.match(text, /# BEGIN aws-sso-sync:main/);
  assert.equal((await runCli(["--config", other, "sync"], fx.env)).code, 0);
  assert.equal(await readFile(fx.awsConfig, "utf8"), text);
});

test("a whole-file output never replaces a file it did not write", async () => {
  const target = join(fx.home, "notes.txt");
  await writeFile(target, "mine\n");
  const tpl = join(fx.home, "list.hbs");
  await writeFile(tpl, "{{#each model.profiles}}{{name}}\n{{/each}}");
  await fx.writeConfig(
    `${baseConfig}outputs:\n  - renderer: aws-config\n    name: main\n  - template: ${tpl}\n    file: ${target}\n    mode: file\n`,
  );
  const refused = await runCli(["sync"], fx.env);
  assert.notEqual(refused.code, 0);
  assert.match(refused.stderr, /not written by aws-sso-sync/);
  assert.equal(await readFile(target, "utf8"), "mine\n");
  await rm(target);
  assert.equal((await runCli(["sync"], fx.env)).code, 0);
  assert.match(await readFile(target, "utf8"), /\./);
  fx.emu.setOrg(generateOrg(2, { minRoles: 1, maxRoles: 1, seed: 4 }));
  assert.equal((await runCli(["sync"], fx.env)).code, 0, "its own file is replaced on later syncs");
});

test("a session that was not selected and has no usable state blocks the write", async () => {
  const two = `${baseConfig}  - name: lab\n    startUrl: https://d-3333333333.awsapps.com/start\n    region: us-east-1\noutputs:\n  - renderer: aws-config\n    name: main\n`;
  await fx.writeConfig(two);
  const before = await readFile(fx.awsConfig, "utf8");
  const r = await runCli(["sync", "--session", "acme"], fx.env);
  assert.equal(r.code, 6, r.stderr);
  assert.match(r.stderr, /lab has no earlier discovery/);
  assert.equal(await readFile(fx.awsConfig, "utf8"), before);
});
