// The aws-vault renderer against aws-vault's own profile resolution (support/aws-vault-rules.ts, from its
// source) for v6 and v7, against botocore (which reads the same file), and the [default] leak warning.
import assert from "node:assert/strict";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { after, before, describe, test } from "node:test";
import { checkIniStrict } from "../../src/core/files/index.ts";
import { sampleModel } from "../../src/core/model/sample.ts";
import { cacheFilePath } from "../../src/core/auth/cache-dir.ts";
import { awsVault } from "../../src/renderers/aws-vault/index.ts";
import { BYTENESS_TOKEN_REWRITE_WARNING } from "../../src/renderers/aws-vault/inspect.ts";
import { tempHome, type TempHome } from "../support/emulator.ts";
import { botocoreSkip, botocoreView } from "./support/botocore.ts";
import { parseGoIni } from "./support/goini.ts";
import { resolveVaultProfile, vaultSsoProblems } from "./support/aws-vault-rules.ts";
import { account, modelOf, renderBuiltin, testConfig, writeOutputs } from "./support/render.ts";

const headers = (text: string) =>
  text
    .split("\n")
    .filter((l) => l.startsWith("[profile "))
    .map((l) => l.slice(9, -1));

describe("aws-vault renderer", () => {
  test("every profile resolves to its account and role in aws-vault 6 and 7 (inline keys)", async () => {
    const model = sampleModel();
    const text = await renderBuiltin("aws-vault", {}, model);
    const file = parseGoIni(text);
    assert.equal(headers(text).length, model.profiles.length);
    for (const p of model.profiles) {
      for (const version of [6, 7] as const) {
        const got = resolveVaultProfile(file, `vault-${p.name}`, version);
        assert.deepEqual(vaultSsoProblems(got, p), [], `v${version} vault-${p.name}`);
        assert.equal(got.region, p.region);
      }
    }
  });

  test("with ssoSession: v7 reads the session, whose values equal the inline ones", async () => {
    const model = sampleModel();
    const sessions = await renderBuiltin("aws-config", {}, model);
    const text = `${sessions}\n${await renderBuiltin("aws-vault", { ssoSession: true }, model)}`;
    const file = parseGoIni(text);
    for (const p of model.profiles) {
      const got = resolveVaultProfile(file, `vault-${p.name}`, 7);
      assert.equal(got.ssoSession, p.session);
      assert.deepEqual(vaultSsoProblems(got, p), []);
      assert.deepEqual(vaultSsoProblems(resolveVaultProfile(file, `vault-${p.name}`, 6), p), []);
    }
  });

  test("warns exactly when aws-vault's [default] inheritance changes what a generated profile resolves to", async () => {
    const model = sampleModel();
    const sessions = await renderBuiltin("aws-config", {}, model);
    const other =
      "[sso-session other]\nsso_start_url = https://other.awsapps.com/start\nsso_region = us-east-1\n";
    const defaults: Record<string, string> = {
      region: "region = us-east-1\n",
      "inline sso": `sso_start_url = https://other.awsapps.com/start\nsso_region = us-east-1\nsso_account_id = 999999999999\nsso_role_name = X\nregion = us-east-1\n`,
      "other session": `sso_session = other\n\n${other}`,
      "own session": "sso_session = acme\n",
      "missing session": "sso_session = gone\n",
      "source profile":
        "source_profile = base\nrole_arn = arn:aws:iam::999999999999:role/x\n\n[profile base]\nregion = us-east-1\n",
      "role arn": "role_arn = arn:aws:iam::999999999999:role/x\n",
      "web identity": "web_identity_token_file = /tmp/token\n",
      "credential process": "credential_process = /bin/false\n",
    };
    const changed: string[] = [];
    for (const [label, body] of Object.entries(defaults)) {
      for (const ssoSession of [false, true]) {
        const vault = await renderBuiltin("aws-vault", { ssoSession }, model);
        const text = `[default]\n${body}\n${sessions}\n${vault}`;
        const file = parseGoIni(text);
        const differs = model.profiles.some((p) =>
          ([6, 7] as const).some(
            (v) => vaultSsoProblems(resolveVaultProfile(file, `vault-${p.name}`, v), p).length > 0,
          ),
        );
        const ctx = {
          model,
          options: awsVault.options?.parse({ ssoSession }) ?? {},
          output: "aws-vault",
          env: {},
        };
        const warned = (awsVault.inspect?.(text, ctx) ?? []).filter((w) => w.startsWith("[default]"));
        assert.equal(warned.length > 0, differs, `${label}, ssoSession: ${ssoSession}: ${warned.join("; ")}`);
        if (differs) changed.push(`${label}/${ssoSession}`);
      }
    }
    // Both directions are exercised: the model says these change, and only these ("own session" moves the
    // sample's second session, lab, to acme's start URL).
    assert.deepEqual(changed, [
      "other session/false",
      "own session/false",
      "source profile/false",
      "source profile/true",
      "role arn/false",
      "role arn/true",
    ]);
  });

  test("a [default] sso_session names the start URL the profiles would log in to", () => {
    const model = modelOf([account("111111111111", "Prod", ["Admin"])]);
    const ctx = { model, options: awsVault.options?.parse({}) ?? {}, output: "aws-vault", env: {} };
    const text =
      "[default]\nsso_session = other\n\n[sso-session other]\nsso_start_url = https://other.awsapps.com/start\nsso_region = us-east-1\n";
    assert.match(
      awsVault.inspect?.(text, ctx).join("\n") ?? "",
      /\[default\] \(line 1\) sets sso_session = other: .* 1 generated profile\(s\) would log in to https:\/\/other\.awsapps\.com\/start \(first: prod\.Admin\)\. Set ssoSession: true/,
    );
    // The profiles' own session in [default] changes nothing for a one-session model.
    const own =
      "[default]\nsso_session = acme\n\n[sso-session acme]\nsso_start_url = https://d-1234567890.awsapps.com/start\nsso_region = eu-north-1\n";
    assert.deepEqual(awsVault.inspect?.(own, ctx), []);
  });

  test("ssoSession: true warns when the session's token file has ByteNess aws-vault's rewritten shape", async () => {
    const h = await tempHome();
    try {
      const model = modelOf([account("111111111111", "Prod", ["Admin"])]);
      const file = cacheFilePath("acme", { env: h.env });
      await mkdir(dirname(file), { recursive: true });
      const expiresAt = new Date(Date.now() + 3_600_000).toISOString().replace(/\.\d+Z$/, "Z");
      const complete = {
        startUrl: model.sessions[0]?.startUrl,
        region: "eu-north-1",
        accessToken: "a",
        expiresAt,
        clientId: "c",
        clientSecret: "s",
        registrationExpiresAt: expiresAt,
        refreshToken: "r",
      };
      const warnings = async (ssoSession: boolean) => {
        const config = testConfig({
          outputs: [{ renderer: "aws-config" }, { renderer: "aws-vault", options: { ssoSession } }],
        });
        return (await writeOutputs(config, model, h.env)).warnings.filter((w) => w.includes("ByteNess"));
      };
      await writeFile(file, JSON.stringify(complete));
      assert.deepEqual(await warnings(true), [], "a complete token file is fine");
      // What `aws-vault exec --profile-env` (ByteNess ≥ 7.10) leaves: three fields, the registration gone.
      await writeFile(file, JSON.stringify({ accessToken: "a", expiresAt, refreshToken: "r" }));
      assert.deepEqual(await warnings(true), [`aws-vault: ${BYTENESS_TOKEN_REWRITE_WARNING("acme", file)}`]);
      assert.deepEqual(await warnings(false), [], "profiles without sso_session are not rewritten");
    } finally {
      await h.cleanup();
    }
  });

  test("warns when sso_session names a session the file does not have", () => {
    const model = modelOf([account("111111111111", "Prod", ["Admin"])]);
    const ctx = {
      model,
      options: awsVault.options?.parse({ ssoSession: true }) ?? {},
      output: "aws-vault",
      env: {},
    };
    assert.match(awsVault.inspect?.("", ctx).join("\n") ?? "", /no \[sso-session acme\]/);
    assert.deepEqual(awsVault.inspect?.("[sso-session acme]\nsso_region = eu-north-1\n", ctx), []);
  });

  describe("next to aws-config in one ~/.aws/config", () => {
    let h: TempHome;
    let file: string;
    before(async () => {
      h = await tempHome();
      file = join(h.home, ".aws", "config");
      await mkdir(join(h.home, ".aws"), { recursive: true });
      await writeFile(file, "[default]\nregion = us-east-1\n");
    });
    after(() => h.cleanup());

    test(
      "both load in botocore; aws-vault profiles agree with their session",
      { skip: botocoreSkip() },
      async () => {
        const model = sampleModel();
        const config = testConfig({
          outputs: [{ renderer: "aws-config" }, { renderer: "aws-vault", options: { ssoSession: true } }],
        });
        const { results } = await writeOutputs(config, model, h.env);
        assert.deepEqual(
          results.map((r) => r.status),
          ["written", "written"],
          JSON.stringify(results),
        );
        const text = await readFile(file, "utf8");
        assert.deepEqual(checkIniStrict(text), []);
        const view = await botocoreView(file, h.env);
        assert.equal(view.load_error, undefined);
        assert.deepEqual(view.errors, {});
        for (const p of model.profiles) {
          assert.ok(view.profiles.includes(p.name) && view.profiles.includes(`vault-${p.name}`), p.name);
          assert.equal(view.resolved[`vault-${p.name}`]?.sso_start_url, p.startUrl);
        }
        // The check can fail: botocore refuses an inline start URL that disagrees with the session's.
        await writeFile(
          file,
          `${text}\n[profile bad]\nsso_session = acme\nsso_start_url = https://elsewhere.awsapps.com/start\nsso_region = eu-north-1\nsso_account_id = 111111111111\nsso_role_name = X\n`,
        );
        assert.match((await botocoreView(file, h.env)).errors.bad ?? "", /inconsistent|InvalidSSOConfig/i);
        await writeFile(file, text);
      },
    );

    test("without a prefix the names collide with aws-config's: an error naming both, file untouched", async () => {
      const before = await readFile(file, "utf8");
      const config = testConfig({
        outputs: [{ renderer: "aws-config" }, { renderer: "aws-vault", options: { prefix: "" } }],
      });
      const { results } = await writeOutputs(config, sampleModel(), h.env);
      const vault = results.find((r) => r.name === "aws-vault");
      assert.equal(vault?.status, "failed");
      assert.match(vault?.problems.join("\n") ?? "", /output "aws-vault" and output "aws-config"/);
      assert.equal(
        await readFile(file, "utf8"),
        before,
        "aws-config's region unchanged, nothing else written",
      );
    });
  });
});
