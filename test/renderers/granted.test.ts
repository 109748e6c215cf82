// The granted renderer against Granted's own read rules (support/granted-rules.ts, from its source) and
// against what `granted sso populate` writes (support/granted-populate.ts), including switching between
// the two tools without losing a profile.
import assert from "node:assert/strict";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import type { ConfigError } from "../../src/core/errors.ts";
import { checkIniJs, checkIniStrict, jsVisibleExpected } from "../../src/core/files/ini.ts";
import { sampleModel } from "../../src/core/model/sample.ts";
import { granted } from "../../src/renderers/granted/index.ts";
import { tempHome, type TempHome } from "../support/emulator.ts";
import { parseGoIni } from "./support/goini.ts";
import { grantedPopulate, serializeGoIni, type PopulateProfile } from "./support/granted-populate.ts";
import { grantedProfileNames, readGrantedProfile } from "./support/granted-rules.ts";
import { START_URL, account, modelOf, renderBuiltin, testConfig, writeOutputs } from "./support/render.ts";

const profileHeaders = (text: string) =>
  text
    .split("\n")
    .filter((l) => l.startsWith("[profile "))
    .map((l) => l.slice(9, -1));

const ORG = [
  account("111111111111", "Prod Account", ["AWSAdministratorAccess", "ReadOnly"]),
  account("222222222222", "Shared  Services", ["Developer"]),
  account("333333333333", "data-lake_2", ["PowerUser@eu+ops"]),
];

function populateInput(accounts = ORG): PopulateProfile[] {
  return accounts.flatMap((a) =>
    a.roles.map((r) => ({
      startUrl: START_URL,
      ssoRegion: "eu-north-1",
      accountId: a.accountId,
      accountName: a.accountName,
      roleName: r,
    })),
  );
}

describe("granted renderer: Granted reads every section back", () => {
  for (const credentialProcess of [true, false]) {
    test(`hostile sample model, credentialProcess: ${credentialProcess}`, async () => {
      const model = sampleModel();
      const text = await renderBuiltin("granted", { credentialProcess }, model);
      const file = parseGoIni(text);
      const names = profileHeaders(text);
      const expected = model.profiles.filter((p) => !p.aliasOf);
      assert.equal(names.length, expected.length, "one section per account × role, aliases left out");
      assert.deepEqual(grantedProfileNames(file).sort(), [...names].sort(), "Granted lists every section");
      for (const name of names) {
        const view = readGrantedProfile(file, name);
        assert.equal(view.kind, credentialProcess ? "granted-sso" : "sso");
        const p = expected.find((q) => q.accountId === view.accountId && q.roleName === view.roleName);
        assert.ok(p, `${name} maps to a model profile`);
        assert.equal(view.startUrl, p.startUrl.replace(/\/$/, ""));
        assert.equal(view.ssoRegion, p.ssoRegion);
        assert.equal(view.region, p.region);
        assert.equal(file.section(`profile ${name}`)?.keys.get("common_fate_generated_from"), "aws-sso");
      }
      assert.deepEqual(checkIniStrict(text), [], "botocore loads it");
      assert.deepEqual(await checkIniJs(text, jsVisibleExpected(text)), [], "the JS SDK sees every section");
    });
  }

  test("the rules can fail: a mismatched --profile or an illegal name is refused", () => {
    const bad = parseGoIni(
      "[profile a/b]\ngranted_sso_start_url = https://x.awsapps.com/start\ngranted_sso_region = us-east-1\ngranted_sso_account_id = 1\ngranted_sso_role_name = R\ncredential_process = granted credential-process --profile a/c\n",
    );
    assert.throws(() => readGrantedProfile(bad, "a/b"), /unmatched profile names/);
    assert.throws(() => readGrantedProfile(parseGoIni("[profile a;b]\n"), "a;b"), /skips/);
  });

  test("two accounts with the same name are both kept, qualified by account id, with a warning", async () => {
    const model = modelOf([
      account("111111111111", "Sandbox", ["Admin"]),
      account("222222222222", "Sandbox", ["Admin"]),
    ]);
    const names = profileHeaders(await renderBuiltin("granted", {}, model));
    assert.deepEqual(names, ["Sandbox/Admin-111111111111", "Sandbox/Admin-222222222222"]);
    const ctx = { model, options: granted.options?.parse({}) ?? {}, output: "granted", env: {} };
    // Members are named by session/account/role, as the model's own clash warning names them (collisions.ts).
    assert.match(
      granted.inspect?.("", ctx).join("\n") ?? "",
      /Granted profile name "Sandbox\/Admin" is shared by \w+\/111111111111\/Admin, \w+\/222222222222\/Admin; qualified as "Sandbox\/Admin-111111111111", "Sandbox\/Admin-222222222222"/,
    );
  });

  test("prefix and profileTemplate options; unsafe prefixes are refused", async () => {
    const model = modelOf(ORG);
    const names = profileHeaders(
      await renderBuiltin(
        "granted",
        { prefix: "acme_", profileTemplate: "{{account.id}}.{{role.name}}" },
        model,
      ),
    );
    assert.ok(names.includes("acme_111111111111.AWSAdministratorAccess"), names.join(" "));
    for (const prefix of ["a b", "a;", "x]", "q'"])
      assert.equal(granted.options?.safeParse({ prefix }).success, false, prefix);
    await assert.rejects(
      renderBuiltin("granted", { profileTemplate: "{{account.nmae}}" }, model),
      (err: ConfigError) => {
        assert.match(err.problems.join("\n"), /profileTemplate:1:\d+: unknown field "nmae"/);
        return true;
      },
    );
  });
});

describe("granted renderer vs `granted sso populate`", () => {
  test("same section names and the same keys and values, plus the region released populate never writes", async () => {
    for (const noCredentialProcess of [false, true]) {
      const theirs = parseGoIni("");
      grantedPopulate(theirs, populateInput(), { noCredentialProcess });
      const ours = parseGoIni(
        await renderBuiltin("granted", { credentialProcess: !noCredentialProcess }, modelOf(ORG)),
      );
      const asObject = (f: typeof ours, drop?: string) =>
        Object.fromEntries(
          f.sections
            .filter((s) => s.name !== "DEFAULT")
            .map((s) => [s.name, [...s.keys].filter(([k]) => k !== drop)]),
        );
      assert.deepEqual(
        asObject(ours, "region"),
        asObject(theirs),
        `noCredentialProcess: ${noCredentialProcess}`,
      );
      for (const s of theirs.sections) assert.equal(s.keys.has("region"), false, s.name);
      for (const s of ours.sections.filter((x) => x.name !== "DEFAULT"))
        assert.equal(s.keys.get("region"), "eu-west-1", s.name);
    }
  });

  describe("switching tools in one ~/.aws/config", () => {
    let h: TempHome;
    let configPath: string;
    before(async () => {
      h = await tempHome();
      configPath = join(h.home, ".aws", "config");
      await mkdir(join(h.home, ".aws"), { recursive: true });
    });
    after(() => h.cleanup());
    const grantedConfig = () => testConfig({ outputs: [{ renderer: "granted" }] });

    test("from populate to aws-sso-sync: every profile stays, once; new ones are added", async () => {
      const populated = parseGoIni("[profile mine]\nregion = us-east-1\n");
      grantedPopulate(populated, populateInput(ORG.slice(0, 2)));
      await writeFile(configPath, serializeGoIni(populated));
      const model = modelOf(ORG); // the third account is new
      const { results, warnings } = await writeOutputs(grantedConfig(), model, h.env);
      assert.equal(results[0]?.status, "written", JSON.stringify(results));
      const text = await readFile(configPath, "utf8");
      assert.deepEqual(checkIniStrict(text), []);
      const names = profileHeaders(text);
      assert.equal(new Set(names).size, names.length, "no duplicate section");
      const file = parseGoIni(text);
      for (const n of names) if (n !== "mine") readGrantedProfile(file, n);
      assert.equal(names.length, 1 + model.profiles.length);
      assert.match(warnings.join("\n"), /outside the managed region/);
      // The user hands over: delete populate's sections, sync again, same names now inside the region.
      await writeFile(configPath, "[profile mine]\nregion = us-east-1\n");
      await writeOutputs(grantedConfig(), model, h.env);
      const again = profileHeaders(await readFile(configPath, "utf8"));
      assert.deepEqual([...again].sort(), [...names].sort());
    });

    test("from aws-sso-sync back to populate --prune: same names, ours are owned and pruned", async () => {
      const ours = parseGoIni(await readFile(configPath, "utf8"));
      const before = grantedProfileNames(ours);
      const back = parseGoIni(serializeGoIni(ours));
      grantedPopulate(back, populateInput(ORG), { pruneStartUrl: START_URL });
      assert.deepEqual(
        grantedProfileNames(back).sort(),
        [...before].sort(),
        "populate rewrites the same names",
      );
      // An account that went away: --prune removes our section for it, since it carries the ownership key.
      const pruned = parseGoIni(serializeGoIni(ours));
      grantedPopulate(pruned, populateInput(ORG.slice(0, 1)), { pruneStartUrl: START_URL });
      assert.deepEqual(grantedProfileNames(pruned).sort(), [
        "Prod-Account/AWSAdministratorAccess",
        "Prod-Account/ReadOnly",
        "mine",
      ]);
    });
  });
});
