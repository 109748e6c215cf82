// An output removed from the config loses its region on the next sync; one whose template is broken keeps
// it (it is still configured), and the user's bytes never change.
import assert from "node:assert/strict";
import { mkdir, readFile, writeFile } from "node:fs/promises";
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
