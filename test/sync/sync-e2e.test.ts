// `aws-sso-sync sync` end to end against the emulator: the written profiles are proven by their real
// consumers (boto3, the JS SDK's fromSSO, the AWS CLI v2), and nothing the user wrote is ever lost.
import assert from "node:assert/strict";
import { readFile, writeFile, mkdir, stat } from "node:fs/promises";
import { dirname } from "node:path";
import { after, before, describe, test } from "node:test";
import { fromSSO } from "@aws-sdk/credential-providers";
import { generateOrg } from "../../src/emulator/index.ts";
import { awsCliEnv, awsCliSkip, runAws, runPython } from "../support/aws-cli.ts";
import { runCli } from "../support/cli.ts";
import { setProcessEnv } from "../support/emulator.ts";
import { SESSION, seedToken, syncFixture, type SyncFixture } from "../support/sync-fixture.ts";

/** Every SSO profile in the written config, resolved by boto3 from the token cache alone. */
async function resolveWithBoto3(fx: SyncFixture) {
  const py = await runPython(
    "resolve_profiles.py",
    [],
    { ...fx.env, ...awsCliEnv(fx.home, fx.emu.url) },
    120_000,
  );
  assert.equal(py.code, 0, py.stderr);
  return JSON.parse(py.stdout) as { profiles: number; ok: string[]; failed: Record<string, string> };
}

const profileHeaders = (text: string) => text.split(/\r?\n/).filter((l) => l.startsWith("[profile "));

describe("sync with 50 accounts", () => {
  const org = generateOrg(50, { minRoles: 1, maxRoles: 5, seed: 7 });
  const expected = org.accounts.reduce((n, a) => n + a.roles.length, 0);
  let fx: SyncFixture;
  before(async () => {
    fx = await syncFixture(org);
    const r = await runCli(["sync"], fx.env);
    assert.equal(r.code, 0, r.stderr);
  });
  after(() => fx.cleanup());

  test("one profile per account × role, one sso-session", async () => {
    const text = await readFile(fx.awsConfig, "utf8");
    assert.equal(profileHeaders(text).length, expected);
    assert.equal(text.split("\n").filter((l) => l === "[sso-session acme]").length, 1);
  });

  test("boto3 resolves credentials for every generated profile from the token cache alone", async () => {
    const out = await resolveWithBoto3(fx);
    assert.deepEqual(out.failed, {});
    assert.equal(out.ok.length, expected);
  });

  test("the JS SDK's fromSSO resolves every generated profile", async () => {
    const restore = setProcessEnv(fx.env);
    try {
      const text = await readFile(fx.awsConfig, "utf8");
      const names = profileHeaders(text).map((h) => h.slice("[profile ".length, -1));
      for (const name of names) {
        const creds = await fromSSO({ profile: name })();
        assert.ok(creds.accessKeyId && creds.sessionToken, name);
      }
    } finally {
      restore();
    }
  });

  test(
    "aws configure export-credentials (AWS CLI v2) works for a sample",
    { skip: awsCliSkip() },
    async () => {
      const text = await readFile(fx.awsConfig, "utf8");
      const names = profileHeaders(text).map((h) => h.slice("[profile ".length, -1));
      for (const name of [names[0], names[Math.floor(names.length / 2)], names.at(-1)]) {
        const r = await runAws(
          ["configure", "export-credentials", "--profile", name ?? ""],
          awsCliEnv(fx.home, fx.emu.url),
        );
        assert.equal(r.code, 0, r.stderr);
        assert.match(r.stdout, /"AccessKeyId"/);
      }
    },
  );

  test("a second sync changes nothing and does not touch the file", async () => {
    const before = await stat(fx.awsConfig);
    await new Promise((r) => setTimeout(r, 20));
    const r = await runCli(["sync"], fx.env);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /output aws-config: unchanged/);
    assert.equal((await stat(fx.awsConfig)).mtimeMs, before.mtimeMs);
  });
});

describe("hostile account names", () => {
  const names = [
    `it's "quoted"`,
    "$(touch /tmp/pwned)",
    "`id`",
    "[profile evil]",
    "a # b",
    "k = v",
    "semi;colon",
    "line\nbreak\n[profile injected]\nsso_role_name = x",
    "   leading spaces",
    "x".repeat(50),
    "Zürich Ærø 東京",
    "Sandbox",
    "Sandbox",
    "sandbox",
    "END aws-sso-sync:aws-config",
  ];
  const org = {
    accounts: names.map((accountName, i) => ({
      accountId: String(100000000000 + i),
      accountName,
      emailAddress: `a${i}@example.com`,
      roles: ["AdministratorAccess", "ReadOnly"],
    })),
  };
  let fx: SyncFixture;
  before(async () => {
    fx = await syncFixture(org);
  });
  after(() => fx.cleanup());

  test("the file loads in botocore and the JS SDK with exactly one profile per account × role", async () => {
    const r = await runCli(["sync"], fx.env);
    assert.equal(r.code, 0, r.stderr);
    const text = await readFile(fx.awsConfig, "utf8");
    const headers = profileHeaders(text);
    assert.equal(headers.length, names.length * 2);
    assert.equal(new Set(headers).size, headers.length, "no duplicated section");
    const lines = text.split("\n");
    assert.ok(!lines.some((l) => /^\s*\[profile (injected|evil)\]/.test(l)), "no injected section");
    assert.ok(!lines.some((l) => /^\s*sso_role_name = x\s*$/.test(l)), "no injected key");
    const out = await resolveWithBoto3(fx);
    assert.deepEqual(out.failed, {});
    assert.equal(out.ok.length, names.length * 2);
    const { loadSharedConfigFiles } = await import("@smithy/shared-ini-file-loader");
    const js = await loadSharedConfigFiles({ configFilepath: fx.awsConfig, ignoreCache: true });
    const jsProfiles = Object.entries(js.configFile).filter(([, p]) => p.sso_account_id);
    assert.equal(jsProfiles.length, names.length * 2);
    for (const [name, p] of jsProfiles) {
      assert.deepEqual(
        Object.keys(p).sort(),
        ["region", "sso_account_id", "sso_role_name", "sso_session"],
        name,
      );
    }
  });
});

describe("what the user wrote survives", () => {
  const org = generateOrg(4, { minRoles: 1, maxRoles: 2, seed: 3 });
  const userText =
    "; my settings\r\n[default]\r\nregion = us-east-1\r\n\r\n# hand-made\r\n[profile mine]\r\noutput = json";
  let fx: SyncFixture;
  before(async () => {
    fx = await syncFixture(org);
    await mkdir(dirname(fx.awsConfig), { recursive: true });
    await writeFile(fx.awsConfig, userText, { mode: 0o640 });
  });
  after(() => fx.cleanup());

  const outside = (text: string) =>
    text.replace(/\r?\n?# BEGIN aws-sso-sync:aws-config[\s\S]*# END aws-sso-sync:aws-config\r?\n?/, "");

  test("sync, re-sync and account removal keep every byte outside the region", async () => {
    assert.equal((await runCli(["sync"], fx.env)).code, 0);
    const first = await readFile(fx.awsConfig, "utf8");
    assert.equal(outside(first), userText);
    assert.ok(first.includes("\r\n[profile "), "the region uses the file's CRLF line endings");
    assert.equal((await stat(fx.awsConfig)).mode & 0o777, 0o640);

    fx.emu.setOrg({ accounts: org.accounts.slice(1) });
    assert.equal((await runCli(["sync"], fx.env)).code, 0);
    const second = await readFile(fx.awsConfig, "utf8");
    assert.equal(outside(second), userText);
    assert.equal(
      profileHeaders(second).length,
      profileHeaders(first).length - (org.accounts[0]?.roles.length ?? 0),
    );
    assert.ok(!second.includes(`sso_account_id = ${org.accounts[0]?.accountId}`), "removed account pruned");
  });
});

describe("a listing that keeps failing", () => {
  const org = generateOrg(6, { minRoles: 1, maxRoles: 2, seed: 5 });
  let fx: SyncFixture;
  before(async () => {
    fx = await syncFixture(
      org,
      `${"sessions:\n  - name: acme\n    startUrl: https://d-1234567890.awsapps.com/start\n    region: eu-north-1\n"}discovery:\n  maxAttempts: 2\n`,
    );
  });
  after(() => fx.cleanup());

  test("removes nothing and exits non-zero naming the account", async () => {
    assert.equal((await runCli(["sync"], fx.env)).code, 0);
    const good = await readFile(fx.awsConfig, "utf8");
    const victim = org.accounts[2];
    assert.ok(victim);
    fx.emu.setOrg({ accounts: org.accounts.slice(0, 4) }); // two accounts gone…
    fx.emu.configure({ failRolesFor: [victim.accountId] }); // …but one listing fails
    const r = await runCli(["sync"], fx.env);
    assert.equal(r.code, 6, r.stderr);
    assert.match(r.stderr, new RegExp(victim.accountId));
    assert.equal(await readFile(fx.awsConfig, "utf8"), good, "nothing pruned on partial data");
  });

  test("--dry-run prints a diff and writes nothing", async () => {
    fx.emu.configure({ failRolesFor: [] });
    const beforeText = await readFile(fx.awsConfig, "utf8");
    const r = await runCli(["sync", "--dry-run"], fx.env);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^--- /m);
    assert.match(r.stdout, /^-\[profile /m);
    assert.equal(await readFile(fx.awsConfig, "utf8"), beforeText);
  });
});

describe("two Identity Center sessions", () => {
  const org = generateOrg(3, { minRoles: 1, maxRoles: 1, seed: 11 });
  let fx: SyncFixture;
  before(async () => {
    const two = `sessions:
  - name: acme
    startUrl: https://d-1234567890.awsapps.com/start
    region: eu-north-1
  - name: other
    startUrl: https://d-0987654321.awsapps.com/start
    region: us-east-1
    defaultRegion: us-west-2
`;
    fx = await syncFixture(org, two);
    await seedToken(fx.emu, fx.env, undefined, {
      ...SESSION,
      name: "other",
      startUrl: "https://d-0987654321.awsapps.com/start",
      region: "us-east-1",
    });
  });
  after(() => fx.cleanup());

  test("each gets its sso-session; shared names are qualified, none lost; both resolve in boto3", async () => {
    const r = await runCli(["sync"], fx.env);
    assert.equal(r.code, 0, r.stderr);
    const text = await readFile(fx.awsConfig, "utf8");
    assert.ok(text.includes("[sso-session acme]") && text.includes("[sso-session other]"));
    const headers = profileHeaders(text);
    assert.equal(headers.length, 6);
    assert.equal(new Set(headers).size, 6);
    // Told once, summarised: one line with the count (--verbose lists each).
    assert.match(r.stderr, /warning: 3 profile name conflicts/);
    const out = await resolveWithBoto3(fx);
    assert.deepEqual(out.failed, {});
    assert.equal(out.ok.length, 6);
  });

  test("--session discovers one and keeps the other's profiles from its last sync", async () => {
    // One of three accounts goes: under the mass-removal threshold, so it applies at once.
    fx.emu.setOrg({ accounts: org.accounts.slice(0, 2) });
    const r = await runCli(["sync", "--session", "acme"], fx.env);
    assert.equal(r.code, 0, r.stderr);
    const text = await readFile(fx.awsConfig, "utf8");
    assert.equal(text.split("\n").filter((l) => l.startsWith("sso_session = other")).length, 3);
    assert.equal(text.split("\n").filter((l) => l.startsWith("sso_session = acme")).length, 2);
  });
});
