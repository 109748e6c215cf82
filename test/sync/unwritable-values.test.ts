// Names from the API that no file can hold as they are: a NUL, CR/LF, a tab, a " #" or " ;" that the JS SDK
// reads as the start of a comment. Nothing with a control character is ever written, and what is written
// reads the same in botocore and in the JS SDK; a profile that cannot be written faithfully is left out
// with one warning naming its account and role (docs/internals/content-safety.md).
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { after, before, describe, test } from "node:test";
import { loadSharedConfigFiles } from "@smithy/shared-ini-file-loader";
import type { Org } from "../../src/emulator/index.ts";
import { awsCliEnv, botocoreSkip, runPython } from "../support/aws-cli.ts";
import { runCli, type CliResult } from "../support/cli.ts";
import { baseConfig, syncFixture, type SyncFixture } from "../support/sync-fixture.ts";

const account = (accountId: string, accountName: string, roles: string[]) => ({
  accountId,
  accountName,
  emailAddress: `${accountId}@example.com`,
  roles,
});
const org: Org = {
  accounts: [
    account("111111111111", "Nul\u0000Corp", ["Admin", "Read\u0000Only"]),
    account("222222222222", "Team #1 ; x", ["Ops\r\nEvil", "Dev #x", "Audit ;y", "Viewer", "Tab\tRole"]),
    account("333333333333", "Line\r\nBreak\u007f", ["Admin", "#Hash", " Padded"]),
  ],
};
// [account id, role] of every profile that cannot be written so that both parsers read the role.
const unwritable = [
  ["111111111111", "Read\u0000Only"],
  ["222222222222", "Ops\r\nEvil"],
  ["222222222222", "Dev #x"],
  ["222222222222", "Audit ;y"],
  ["222222222222", "Tab\tRole"],
  ["333333333333", "#Hash"],
  ["333333333333", " Padded"],
] as const;
// Control characters other than the line feed that ends every line.
// eslint-disable-next-line no-control-regex -- finding them is the point
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]/;

describe("values that cannot be written", { skip: botocoreSkip() }, () => {
  let fx: SyncFixture;
  let run: CliResult;
  const shellFile = () => join(fx.home, "aliases.bash");
  // Every format: INI, the three shells, and a text template (the Steampipe example).
  const written = () => [
    fx.awsConfig,
    shellFile(),
    join(fx.home, "aliases.fish"),
    join(fx.home, "aliases.ps1"),
    join(fx.home, "aws.spc"),
  ];
  before(async () => {
    fx = await syncFixture(org);
    const shell = (name: string, file: string) =>
      `  - renderer: shell\n    name: ${name}\n    file: ${join(fx.home, file)}\n    options: { shell: ${name} }\n`;
    await fx.writeConfig(
      `${baseConfig}outputs:\n  - renderer: aws-config\n${shell("bash", "aliases.bash")}${shell("fish", "aliases.fish")}${shell("pwsh", "aliases.ps1")}` +
        `  - template: ${fileURLToPath(new URL("../../templates/examples/steampipe/aws.spc.hbs", import.meta.url))}\n    name: steampipe\n    file: ${join(fx.home, "aws.spc")}\n`,
    );
    // --verbose: without it, profiles left out are one summary line with a count (warnings told once).
    run = await runCli(["sync", "--verbose"], fx.env);
  });
  after(() => fx.cleanup());

  test("the sync writes every output and no file holds a control character", async () => {
    assert.equal(run.code, 0, run.stderr);
    for (const f of written()) {
      const text = await readFile(f, "utf8");
      const line = text.split("\n").findIndex((l) => CONTROL.test(l));
      assert.equal(line, -1, `${f}:${line + 1}: ${JSON.stringify(text.split("\n")[line])}`);
    }
    assert.doesNotMatch(run.stderr + run.stdout, CONTROL, "nor does the report");
  });

  test("botocore and the JS SDK read the same profiles with the same values", async () => {
    const py = await runPython("config_values.py", [], awsCliEnv(fx.home, fx.emu.url));
    assert.equal(py.code, 0, py.stderr);
    const boto = JSON.parse(py.stdout) as {
      load_error?: string;
      profiles: Record<string, Record<string, string>>;
      sso_sessions: Record<string, Record<string, string>>;
    };
    assert.equal(boto.load_error, undefined);
    const js = (await loadSharedConfigFiles({ configFilepath: fx.awsConfig, ignoreCache: true })).configFile;
    const jsProfiles = Object.fromEntries(
      Object.entries(js).filter(([k]) => !/^(sso-session|services)\./.test(k)),
    );
    assert.deepEqual(jsProfiles, boto.profiles);
    assert.deepEqual(js["sso-session.acme"], boto.sso_sessions.acme);
    const roles = Object.values(boto.profiles).map((p) => `${p.sso_account_id}/${p.sso_role_name}`);
    assert.deepEqual(roles.sort(), ["111111111111/Admin", "222222222222/Viewer", "333333333333/Admin"]);
  });

  test("each profile left out is named once, by account id, account name and role", () => {
    for (const [id, role] of unwritable) {
      const lines = run.stderr.split("\n").filter((l) => l.includes(id) && l.includes(JSON.stringify(role)));
      assert.equal(lines.length, 1, `${id} ${JSON.stringify(role)}:\n${run.stderr}`);
      assert.match(lines[0] ?? "", /left out/);
    }
    assert.match(run.stderr, /111111111111 \("Nul\\u0000Corp"\)/);
  });

  test("display names lose their control characters, not their profiles", async () => {
    const text = await readFile(fx.awsConfig, "utf8");
    assert.match(text, /^# Nul Corp \(111111111111\)$/m);
    assert.match(text, /^# Line Break \(333333333333\)$/m);
    assert.match(await readFile(shellFile(), "utf8"), /'Nul Corp'/);
  });
});
