// Profiles without sso_session (aws-vault's default, Granted's `credentialProcess: false`, a user's template)
// make every SDK look for the token under sha1(start URL). A sync that writes such a profile keeps that
// legacy file beside ours (docs/internals/token-file-shapes.md 4), and every later token write updates it;
// boto3, the JS SDK's fromSSO and the AWS CLI v2 resolve one profile of each renderer in both forms.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { fromSSO } from "@aws-sdk/credential-providers";
import { getValidToken, tokenCachePath } from "../../src/core/auth/index.ts";
import { generateOrg } from "../../src/emulator/index.ts";
import { AUTH } from "../auth/support.ts";
import { awsCliEnv, awsCliSkip, botocoreSkip, runAws, runPython } from "../support/aws-cli.ts";
import { runCli } from "../support/cli.ts";
import { setProcessEnv } from "../support/emulator.ts";
import {
  SESSION,
  START_URL,
  baseConfig,
  seedToken,
  syncFixture,
  type SyncFixture,
} from "../support/sync-fixture.ts";

const legacyFile = (home: string) =>
  join(home, ".aws", "sso", "cache", `${createHash("sha1").update(START_URL).digest("hex")}.json`);

const TEMPLATE = `{{#each model.profiles}}
[profile tpl-{{name}}]
sso_start_url = {{ini startUrl}}
sso_region = {{ssoRegion}}
sso_account_id = {{accountId}}
sso_role_name = {{ini roleName}}

{{/each}}
`;

const CONFIG = `${baseConfig}outputs:
  - renderer: aws-config
  - renderer: aws-vault
  - renderer: aws-vault
    name: vault-session
    options: { prefix: "vs-", ssoSession: true }
  - renderer: granted
    options: { prefix: "g-", credentialProcess: false }
  - template: ./legacy.hbs
    name: legacy-template
    file: ~/.aws/config
    mode: region
    comment: "#"
    format: ini
`;

/** One profile of each output: the sso-session forms and the legacy ones. */
function pick(text: string): { sessionForm: string[]; legacyForm: string[] } {
  const names = [...text.matchAll(/^\[profile (.+)\]$/gm)].map((m) => m[1] ?? "");
  const first = (re: RegExp) => names.find((n) => re.test(n)) ?? assert.fail(`no profile ${re}`);
  return {
    sessionForm: [first(/^(?!vault-|vs-|g-|tpl-)/), first(/^vs-/)],
    legacyForm: [first(/^vault-/), first(/^g-/), first(/^tpl-/)],
  };
}

describe("legacy-form profiles: the sha1(start URL) token file", { timeout: 180_000 }, () => {
  let fx: SyncFixture;
  let profiles: ReturnType<typeof pick>;
  before(async () => {
    fx = await syncFixture(generateOrg(3, { seed: 5 }), CONFIG);
    await writeFile(join(fx.home, ".config", "aws-sso-sync", "legacy.hbs"), TEMPLATE);
    const r = await runCli(["sync"], fx.env);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    profiles = pick(await readFile(fx.awsConfig, "utf8"));
  });
  after(() => fx.cleanup());

  test("a sync writes the legacy file: the same token, mode 0600", async () => {
    const ours = JSON.parse(await readFile(tokenCachePath(SESSION, { env: fx.env }), "utf8")) as {
      accessToken: string;
    };
    const legacy = JSON.parse(await readFile(legacyFile(fx.home), "utf8")) as { accessToken: string };
    assert.equal(legacy.accessToken, ours.accessToken);
    assert.equal((await stat(legacyFile(fx.home))).mode & 0o777, 0o600);
  });

  test("boto3 resolves one profile of each renderer in both forms", { skip: botocoreSkip() }, async () => {
    const all = [...profiles.sessionForm, ...profiles.legacyForm];
    const py = await runPython("resolve_profiles.py", all, { ...fx.env, ...awsCliEnv(fx.home, fx.emu.url) });
    assert.equal(py.code, 0, py.stderr);
    const out = JSON.parse(py.stdout) as { ok: string[]; failed: Record<string, string> };
    assert.deepEqual(out.failed, {});
    assert.equal(out.ok.length, all.length);
  });

  test("the JS SDK's fromSSO resolves them", async () => {
    const restore = setProcessEnv(fx.env);
    try {
      for (const name of [...profiles.sessionForm, ...profiles.legacyForm]) {
        const creds = await fromSSO({ profile: name, ignoreCache: true })();
        assert.ok(creds.accessKeyId && creds.sessionToken, name);
      }
    } finally {
      restore();
    }
  });

  test("the AWS CLI v2 exports credentials for them", { skip: awsCliSkip() }, async () => {
    for (const name of [...profiles.sessionForm, ...profiles.legacyForm]) {
      const r = await runAws(
        ["configure", "export-credentials", "--profile", name],
        awsCliEnv(fx.home, fx.emu.url),
      );
      assert.equal(r.code, 0, `${name}: ${r.stderr}`);
      assert.match(r.stdout, /"AccessKeyId"/);
    }
  });

  test("every token write updates it: a refresh puts the new token in both files", async () => {
    await seedToken(fx.emu, fx.env, 120); // due for a refresh
    const fresh = await getValidToken(SESSION, { ...AUTH, env: fx.env });
    const legacy = JSON.parse(await readFile(legacyFile(fx.home), "utf8")) as { accessToken: string };
    assert.equal(legacy.accessToken, fresh.accessToken);
    assert.equal((await stat(legacyFile(fx.home))).mode & 0o777, 0o600);
  });
});

describe("no legacy-form profile: no legacy file", () => {
  let fx: SyncFixture;
  before(async () => {
    fx = await syncFixture(generateOrg(2, { seed: 6 }));
  });
  after(() => fx.cleanup());

  test("only sso-session profiles: sha1(start URL).json is never written", async () => {
    const r = await runCli(["sync"], fx.env);
    assert.equal(r.code, 0, r.stderr);
    await seedToken(fx.emu, fx.env, 120);
    await getValidToken(SESSION, { ...AUTH, env: fx.env });
    await assert.rejects(stat(legacyFile(fx.home)), { code: "ENOENT" });
  });
});
