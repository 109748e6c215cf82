// The aws-vault renderer against aws-vault's own profile resolution (support/aws-vault-rules.ts, from its
// source) for v6 and v7, against botocore (which reads the same file), and the [default] leak warning.
import assert from "node:assert/strict";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { checkIniStrict } from "../../src/core/files/index.ts";
import { sampleModel } from "../../src/core/model/sample.ts";
import { awsVault } from "../../src/renderers/aws-vault/index.ts";
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

  test("warns when [default] holds sso_* keys, which aws-vault copies into every profile", async () => {
    const model = modelOf([account("111111111111", "Prod", ["Admin"])]);
    const ctx = { model, options: awsVault.options?.parse({}) ?? {}, output: "aws-vault", env: {} };
    const leaky =
      "[default]\nsso_session = other\nregion = us-east-1\n\n[sso-session other]\nsso_start_url = https://other.awsapps.com/start\nsso_region = us-east-1\n";
    assert.match(awsVault.inspect?.(leaky, ctx).join("\n") ?? "", /\[default\] \(line 1\) sets sso_session/);
    assert.deepEqual(awsVault.inspect?.("[default]\nregion = us-east-1\n", ctx), []);
    // Why it matters: v7 then takes the other session's start URL for our profile.
    const file = parseGoIni(`${leaky}\n${await renderBuiltin("aws-vault", {}, model)}`);
    assert.notDeepEqual(
      vaultSsoProblems(resolveVaultProfile(file, "vault-prod.Admin", 7), model.profiles[0] ?? assert.fail()),
      [],
    );
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
