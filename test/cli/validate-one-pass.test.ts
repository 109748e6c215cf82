// Validation keeps its promise: every problem of the config (keys, renderers, renderer options, the
// schedule) and of its templates in one run, each with file:line:col, counted once; and a sync with such a
// config stops with exit 3 before it sends a single request.
import assert from "node:assert/strict";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { generateOrg } from "../../src/emulator/index.ts";
import { runCli } from "../support/cli.ts";
import { syncFixture, type SyncFixture } from "../support/sync-fixture.ts";

const BAD = `sessions:
  - name: acme
    startUrl: https://d-1234567890.awsapps.com/start
    region: eu-north-1
    shel: x
outputs:
  - renderer: nope
  - template: bad.hbs
    file: ~/x.txt
  - renderer: shell
    options: { shel: bash }
schedule: "*/61 * * * *"
`;

let fx: SyncFixture;
before(async () => {
  fx = await syncFixture(generateOrg(3, { seed: 2 }), BAD);
  await writeFile(join(fx.home, ".config", "aws-sso-sync", "bad.hbs"), "{{#each profiles}}{{name}}\n");
});
after(() => fx.cleanup());

test("validate lists every problem at once, each located, with did-you-mean, and counts them once", async () => {
  const r = await runCli(["validate"], fx.env);
  assert.equal(r.code, 3, r.stderr);
  const located = r.stderr.split("\n").filter((l) => /^\S+:\d+:\d+: /.test(l));
  const expect = [
    /config\.yaml:5:5: sessions\[0\]\.shel: unknown key 'shel'/,
    /config\.yaml:7:15: outputs\[0\]\.renderer: unknown renderer "nope" \(allowed: aws-config, aws-vault, granted, shell\)/,
    /config\.yaml:11:\d+: outputs\[2\]\.options\.shel: unknown option 'shel' of renderer shell \(did you mean 'shell'\?\)/,
    /config\.yaml:12:11: schedule: .*step \/61 in the minute field never repeats/,
    /bad\.hbs:\d+:\d+: /,
  ];
  assert.equal(located.length, expect.length, r.stderr);
  for (const re of expect)
    assert.ok(
      located.some((l) => re.test(l)),
      `${re}\n${r.stderr}`,
    );
  assert.match(r.stderr, /^5 problems found \(4 in the config, 1 in templates\)$/m);
  assert.match(r.stderr, /4 problems in the config/);
});

test("sync with an unknown renderer exits 3 before any request", async () => {
  await fx.writeConfig(BAD.replace("    shel: x\n", "").replace(/ {2}- template[\s\S]*schedule.*\n/, ""));
  fx.emu.resetCounters();
  const r = await runCli(["sync"], fx.env);
  assert.equal(r.code, 3, r.stderr);
  assert.match(r.stderr, /unknown renderer "nope"/);
  assert.equal(fx.emu.counters().requests, 0, "no request was sent");
});
