// profiles.extraKeys and the aws-vault output's own extraKeys reach its profiles, as they reach the
// aws-config and granted outputs; read back by go-ini rules, aws-vault's resolution (support/aws-vault-rules.ts)
// and the real AWS CLI v2, on every sync.
import assert from "node:assert/strict";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { checkIniStrict } from "../../src/core/files/ini.ts";
import { awsVault } from "../../src/renderers/aws-vault/index.ts";
import { awsCliSkip, runAws } from "../support/aws-cli.ts";
import { tempHome, type TempHome } from "../support/emulator.ts";
import { resolveVaultProfile, vaultSsoProblems } from "./support/aws-vault-rules.ts";
import { parseGoIni } from "./support/goini.ts";
import { account, modelOf, testConfig, writeOutputs } from "./support/render.ts";

const ORG = [
  account("111111111111", "Prod", ["Admin", "ReadOnly"]),
  account("222222222222", "Dev", ["Admin"]),
];

describe("aws-vault output: extra keys", () => {
  let h: TempHome;
  let file: string;
  before(async () => {
    h = await tempHome();
    file = join(h.home, ".aws", "config");
    await mkdir(join(h.home, ".aws"), { recursive: true });
    await writeFile(file, "");
  });
  after(() => h.cleanup());

  test("profiles.extraKeys and the output's extraKeys reach every profile, on every sync", async () => {
    const config = testConfig({
      profiles: { extraKeys: { output: "json", cli_pager: "" } },
      outputs: [
        { renderer: "aws-vault", options: { extraKeys: { output: "yaml", duration_seconds: 3600 } } },
      ],
    });
    const model = modelOf(ORG, config);
    for (const run of [1, 2]) {
      const { results } = await writeOutputs(config, model, h.env);
      assert.equal(results[0]?.status, run === 1 ? "written" : "unchanged", JSON.stringify(results));
      const text = await readFile(file, "utf8");
      assert.deepEqual(checkIniStrict(text), [], "no key twice: botocore loads the file");
      const ini = parseGoIni(text);
      assert.equal(model.profiles.length, 3);
      for (const p of model.profiles) {
        const keys = ini.section(`profile vault-${p.name}`)?.keys;
        assert.equal(keys?.get("output"), "yaml", `sync ${run}: the output's value wins`);
        assert.equal(keys?.get("cli_pager"), "");
        assert.equal(keys?.get("duration_seconds"), "3600");
        assert.equal(keys?.get("region"), p.region, "the renderer's own region");
        for (const version of [6, 7] as const)
          assert.deepEqual(vaultSsoProblems(resolveVaultProfile(ini, `vault-${p.name}`, version), p), []);
      }
    }
  });

  test("the AWS CLI v2 reads an extra key of an aws-vault profile", { skip: awsCliSkip() }, async () => {
    const config = testConfig({
      outputs: [{ renderer: "aws-vault", options: { extraKeys: { output: "text" } } }],
    });
    const model = modelOf(ORG, config);
    await writeOutputs(config, model, h.env);
    const name = `vault-${model.profiles[0]?.name ?? ""}`;
    const r = await runAws(["configure", "get", "output", "--profile", name], {
      ...h.env,
      AWS_CONFIG_FILE: file,
    });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.trim(), "text");
  });

  test("the output's extraKeys refuse keys the renderer writes and non-INI keys", () => {
    for (const key of ["sso_start_url", "sso_session", "region", "Output", "a b"])
      assert.equal(awsVault.options?.safeParse({ extraKeys: { [key]: "x" } }).success, false, key);
    assert.equal(awsVault.options?.safeParse({ extraKeys: { output: "x\n[profile y]" } }).success, false);
    assert.equal(awsVault.options?.safeParse({ extraKeys: { mfa_serial: "arn:x" } }).success, true);
  });
});
