// Two config files with an output of the same name writing the same file: the first to sync owns the
// region; the second is refused with both configs named (today each sync silently replaced the other's
// region). The owner keeps syncing; once it drops the output and syncs, the other may take the region.
import assert from "node:assert/strict";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { generateOrg } from "../../src/emulator/index.ts";
import { runCli } from "../support/cli.ts";
import { baseConfig, syncFixture, type SyncFixture } from "../support/sync-fixture.ts";

let fx: SyncFixture;
let other: string;
before(async () => {
  fx = await syncFixture(generateOrg(3, { minRoles: 1, maxRoles: 2, seed: 11 }));
  other = join(fx.home, "team.yaml");
  // Same output name and file, different profile names: a takeover would be visible in the file.
  await writeFile(
    other,
    `${baseConfig}profiles:\n  name: "team-{{slug account.name}}.{{role.name}}"\noutputs:\n  - renderer: aws-config\n`,
  );
});
after(() => fx.cleanup());

test("a second config's output on the same region is refused, naming both configs", async () => {
  await fx.writeConfig(`${baseConfig}outputs:\n  - renderer: aws-config\n`);
  const first = await runCli(["sync"], fx.env);
  assert.equal(first.code, 0, first.stderr);
  const owned = await readFile(fx.awsConfig, "utf8");

  const second = await runCli(["--config", other, "sync"], { ...fx.env });
  assert.equal(second.code, 1, second.stderr);
  assert.ok(
    second.stderr.includes(`the region "aws-config" in ${fx.awsConfig} belongs to config ${fx.configFile}`),
    second.stderr,
  );
  assert.ok(second.stderr.includes(`config ${other} would replace it`), second.stderr);
  assert.equal(await readFile(fx.awsConfig, "utf8"), owned, "the owner's region is untouched");
  assert.doesNotMatch(owned, /\[profile team-/);

  // The refused output owns nothing, so the owner is not refused in turn; AWS_SSO_SYNC_CONFIG works too.
  const again = await runCli(["sync"], { ...fx.env, AWS_SSO_SYNC_CONFIG: fx.configFile });
  assert.equal(again.code, 0, again.stderr);
  const refusedAgain = await runCli(["sync"], { ...fx.env, AWS_SSO_SYNC_CONFIG: other });
  assert.equal(refusedAgain.code, 1, refusedAgain.stderr);
  assert.equal(await readFile(fx.awsConfig, "utf8"), owned);
});

test("once the owner drops the output and syncs, the other config takes the region", async () => {
  await fx.writeConfig(`${baseConfig}outputs:\n  - renderer: shell\n    file: ~/aliases.sh\n`);
  const release = await runCli(["sync"], fx.env);
  assert.equal(release.code, 0, release.stderr);
  assert.doesNotMatch(await readFile(fx.awsConfig, "utf8"), /aws-sso-sync:aws-config/);
  const take = await runCli(["--config", other, "sync"], fx.env);
  assert.equal(take.code, 0, take.stderr);
  assert.match(await readFile(fx.awsConfig, "utf8"), /\[profile team-/);
});
