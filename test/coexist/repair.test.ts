// When a sync cannot tell our sections apart it writes nothing and names the one command that repairs the
// file: here go-ini dropped the END line of the aws-vault region while aws-vault was taken out of the
// config, so no configured output can say where that region ended. `repair --dry-run` shows the change and
// writes nothing; `repair` writes it (the broken marker line out, every section kept); the next sync is clean.
import assert from "node:assert/strict";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { after, before, test } from "node:test";
import { generateOrg } from "../../src/emulator/index.ts";
import { botocoreSkip, botocoreView } from "../renderers/support/botocore.ts";
import { runCli } from "../support/cli.ts";
import { baseConfig, syncFixture, type SyncFixture } from "../support/sync-fixture.ts";
import { loadGoIni, saveGoIni } from "./support/goini-save.ts";

const USER = "[profile mine]\nregion = us-east-1\n\n";
const THREE = `${baseConfig}outputs:\n  - renderer: aws-config\n  - renderer: granted\n  - renderer: aws-vault\n`;
const TWO = `${baseConfig}outputs:\n  - renderer: aws-config\n  - renderer: granted\n`;

let fx: SyncFixture;
before(async () => {
  fx = await syncFixture(generateOrg(2, { minRoles: 1, maxRoles: 2, seed: 5 }), THREE);
  await mkdir(dirname(fx.awsConfig), { recursive: true });
  await writeFile(fx.awsConfig, USER);
});
after(() => fx.cleanup());

test("an unclear region: sync writes nothing and names `repair`, which shows the diff, then fixes it", async () => {
  assert.equal((await runCli(["sync"], fx.env)).code, 0);
  const rewritten = saveGoIni(loadGoIni(await readFile(fx.awsConfig, "utf8")));
  assert.match(rewritten, /# BEGIN aws-sso-sync:aws-vault/);
  assert.doesNotMatch(rewritten, /# END aws-sso-sync:aws-vault/);
  await writeFile(fx.awsConfig, rewritten);
  await fx.writeConfig(TWO);

  const refused = await runCli(["sync"], fx.env);
  assert.notEqual(refused.code, 0);
  assert.match(refused.stderr, /region "aws-vault": its END line was gone/);
  assert.match(refused.stderr, /aws-sso-sync repair --dry-run/);
  assert.equal(await readFile(fx.awsConfig, "utf8"), rewritten, "nothing written");

  const dry = await runCli(["repair", "--dry-run"], fx.env);
  assert.equal(dry.code, 0, dry.stderr);
  assert.match(dry.stdout, /^-# BEGIN aws-sso-sync:aws-vault/m);
  assert.match(dry.stdout, /dry run: nothing written/);
  assert.equal(await readFile(fx.awsConfig, "utf8"), rewritten, "a dry run writes nothing");

  const fixed = await runCli(["repair"], fx.env);
  assert.equal(fixed.code, 0, fixed.stderr);
  assert.match(fixed.stdout, /repaired /);
  const text = await readFile(fx.awsConfig, "utf8");
  assert.doesNotMatch(text, /aws-sso-sync:aws-vault/);
  // The sections the region held stay, as the user's: nobody can tell where it ended.
  const vault = rewritten.split("\n").filter((l) => l.startsWith("[profile vault-"));
  assert.ok(vault.length > 0);
  for (const h of vault) assert.equal(text.split(`${h}\n`).length, 2, h);
  assert.ok(text.includes(USER.trimEnd()));

  const again = await runCli(["sync"], fx.env);
  assert.equal(again.code, 0, again.stderr);
  const headers = (await readFile(fx.awsConfig, "utf8")).split("\n").filter((l) => l.startsWith("["));
  assert.equal(new Set(headers).size, headers.length, "no section twice");
  assert.equal(
    (await runCli(["repair", "--dry-run"], fx.env)).stdout,
    "nothing to repair: every region is whole\n",
  );
  if (botocoreSkip()) return;
  const view = await botocoreView(fx.awsConfig, fx.env);
  assert.equal(view.load_error, undefined);
});
