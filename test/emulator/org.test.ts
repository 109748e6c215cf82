// Organisations: deterministic generation, YAML/JSON loading with errors that name the file, setOrg.
import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { ConfigError } from "../../src/core/errors.ts";
import { generateOrg, loadOrgFile } from "../../src/emulator/index.ts";
import { startTestEmulator } from "../support/emulator.ts";
import { portal } from "./helpers.ts";

describe("organisations", () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "emu-org-"));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  test("generateOrg is deterministic per seed, with unique 12-digit ids and names", () => {
    const a = generateOrg(150, { seed: 3, minRoles: 2, maxRoles: 5 });
    assert.deepEqual(a, generateOrg(150, { seed: 3, minRoles: 2, maxRoles: 5 }));
    assert.notDeepEqual(a, generateOrg(150, { seed: 4, minRoles: 2, maxRoles: 5 }));
    assert.equal(a.accounts.length, 150);
    assert.ok(a.accounts.every((x) => /^\d{12}$/.test(x.accountId)));
    assert.equal(new Set(a.accounts.map((x) => x.accountId)).size, 150);
    assert.equal(new Set(a.accounts.map((x) => x.accountName)).size, 150);
    for (const x of a.accounts) {
      assert.ok(x.roles.length >= 2 && x.roles.length <= 5);
      assert.equal(new Set(x.roles).size, x.roles.length);
      assert.match(x.emailAddress, /@/);
    }
    assert.deepEqual(generateOrg(0), { accounts: [] });
  });

  test("loadOrgFile reads YAML (unquoted ids included) and JSON", async () => {
    const yaml = join(dir, "org.yaml");
    await writeFile(
      yaml,
      "accounts:\n  - accountId: 111111111111\n    accountName: prod\n    emailAddress: p@example.com\n    roles: [Admin, ReadOnly]\n",
    );
    const org = await loadOrgFile(yaml);
    assert.deepEqual(org.accounts[0], {
      accountId: "111111111111",
      accountName: "prod",
      emailAddress: "p@example.com",
      roles: ["Admin", "ReadOnly"],
    });
    const json = join(dir, "org.json");
    await writeFile(json, JSON.stringify(org));
    assert.deepEqual(await loadOrgFile(json), org);
  });

  test("invalid files give a ConfigError naming the file and every problem", async () => {
    const bad = join(dir, "bad.yaml");
    await writeFile(
      bad,
      "accounts:\n  - accountId: '12'\n    accountName: ''\n    emailAddress: a@b\n    roles: [X, X]\n" +
        "  - accountId: '222222222222'\n    accountName: b\n    emailAddress: b@b\n    roles: []\n" +
        "  - accountId: '222222222222'\n    accountName: c\n    emailAddress: c@c\n    roles: []\n",
    );
    await assert.rejects(loadOrgFile(bad), (e: unknown) => {
      assert.ok(e instanceof ConfigError);
      assert.match(e.message, /bad\.yaml/);
      assert.ok(e.problems.some((p) => p.startsWith("accounts.0.accountId")));
      assert.ok(e.problems.some((p) => p.startsWith("accounts.0.accountName")));
      return true;
    });
    const dup = join(dir, "dup.yaml");
    await writeFile(
      dup,
      "accounts:\n" +
        "  - {accountId: '222222222222', accountName: b, emailAddress: b@b, roles: []}\n".repeat(2),
    );
    await assert.rejects(loadOrgFile(dup), (e: ConfigError) =>
      e.problems.some((p) => /duplicate 222222222222/.test(p)),
    );
    await assert.rejects(loadOrgFile(join(dir, "missing.yaml")), /missing\.yaml: cannot read/);
    await writeFile(join(dir, "broken.yaml"), "accounts: [\n");
    await assert.rejects(loadOrgFile(join(dir, "broken.yaml")), /broken\.yaml: not valid YAML/);
  });

  test("setOrg replaces the organisation while running", async () => {
    const emu = await startTestEmulator({ org: generateOrg(3) });
    try {
      const t = emu.issueToken().accessToken;
      assert.equal(((await portal(emu, "/assignment/accounts", t)).json.accountList as unknown[]).length, 3);
      emu.setOrg(generateOrg(8, { seed: 2 }));
      assert.equal(((await portal(emu, "/assignment/accounts", t)).json.accountList as unknown[]).length, 8);
    } finally {
      await emu.close();
    }
  });
});
