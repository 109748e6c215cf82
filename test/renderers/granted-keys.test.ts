// Keys beyond populate's in the granted output: profiles.extraKeys and the output's own extraKeys
// (granted_color / granted_icon, granted#500) on every sync, and granted_sso_registration_scopes, read back
// with Granted's own rules (support/granted-rules.ts).
import assert from "node:assert/strict";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { checkIniStrict } from "../../src/core/files/ini.ts";
import { granted } from "../../src/renderers/granted/index.ts";
import { tempHome, type TempHome } from "../support/emulator.ts";
import { parseGoIni } from "./support/goini.ts";
import { grantedProfileNames, readGrantedProfile } from "./support/granted-rules.ts";
import { account, modelOf, renderBuiltin, testConfig, writeOutputs } from "./support/render.ts";

const ORG = [
  account("111111111111", "Prod", ["Admin", "ReadOnly"]),
  account("222222222222", "Dev", ["Admin"]),
];

describe("granted output: extra keys and registration scopes", () => {
  let h: TempHome;
  before(async () => {
    h = await tempHome();
    await mkdir(join(h.home, ".aws"), { recursive: true });
    await writeFile(join(h.home, ".aws", "config"), ""); // inspect() looks at a file that exists
  });
  after(() => h.cleanup());

  test("profiles.extraKeys and the output's extraKeys reach every profile, on every sync", async () => {
    const config = testConfig({
      profiles: { extraKeys: { granted_icon: "rocket", output: "json", credential_process: "/bin/x" } },
      outputs: [{ renderer: "granted", options: { extraKeys: { granted_color: "red", output: "yaml" } } }],
    });
    const model = modelOf(ORG, config);
    for (const run of [1, 2]) {
      const { results, warnings } = await writeOutputs(config, model, h.env);
      assert.equal(results[0]?.status, run === 1 ? "written" : "unchanged", JSON.stringify(results));
      const text = await readFile(join(h.home, ".aws", "config"), "utf8");
      assert.deepEqual(checkIniStrict(text), [], "no key twice: botocore loads the file");
      const file = parseGoIni(text);
      const names = grantedProfileNames(file);
      assert.equal(names.length, 3);
      for (const n of names) {
        const view = readGrantedProfile(file, n);
        assert.deepEqual(view.custom, { granted_color: "red", granted_icon: "rocket" }, `sync ${run}: ${n}`);
        assert.equal(file.section(`profile ${n}`)?.keys.get("output"), "yaml", "the output's value wins");
      }
      assert.match(
        warnings.join("\n"),
        /profiles\.extraKeys credential_process left out of this output's profiles: the granted renderer writes it itself/,
      );
    }
  });

  test("the output's extraKeys refuse keys the renderer writes and non-INI keys", () => {
    for (const key of ["credential_process", "granted_sso_role_name", "region", "Granted_Color", "a b"])
      assert.equal(granted.options?.safeParse({ extraKeys: { [key]: "x" } }).success, false, key);
    assert.equal(
      granted.options?.safeParse({ extraKeys: { granted_color: "x\n[profile y]" } }).success,
      false,
    );
  });

  test("registrationScopes writes the session's scopes where Granted reads them; off by default", async () => {
    const model = modelOf(ORG);
    const on = parseGoIni(await renderBuiltin("granted", { registrationScopes: true }, model));
    for (const n of grantedProfileNames(on))
      assert.deepEqual(readGrantedProfile(on, n).scopes, model.sessions[0]?.scopes, n);
    const off = parseGoIni(await renderBuiltin("granted", {}, model));
    for (const n of grantedProfileNames(off)) assert.equal(readGrantedProfile(off, n).scopes, undefined);
    // In the plain sso_* form a granted_sso_ key would turn the profile into a Granted profile that then
    // lacks credential_process, so the option writes nothing there.
    const plain = parseGoIni(
      await renderBuiltin("granted", { registrationScopes: true, credentialProcess: false }, model),
    );
    for (const n of grantedProfileNames(plain)) assert.equal(readGrantedProfile(plain, n).kind, "sso");
  });
});
