// Granted's profile names next to `granted sso populate`'s: which tool sees which name (Granted's rules
// from its source, real botocore, the real JS SDK loader), and `names: granted`, which keeps populate's
// exact names so that a switch between the tools leaves no second profile for an account and role.
import assert from "node:assert/strict";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { checkIniJs, checkIniStrict } from "../../src/core/files/ini.ts";
import { tempHome, type TempHome } from "../support/emulator.ts";
import { botocoreSkip, botocoreView } from "./support/botocore.ts";
import { parseGoIni } from "./support/goini.ts";
import { grantedPopulate, serializeGoIni } from "./support/granted-populate.ts";
import { grantedProfileNames } from "./support/granted-rules.ts";
import { START_URL, account, modelOf, testConfig, writeOutputs } from "./support/render.ts";

// Five accounts as in the report: three names hold characters outside the JS SDK's set.
const ORG = [
  account("111111111111", "Prod Account", ["Admin"]),
  account("222222222222", "Staging Account (EU)", ["Admin"]),
  account("333333333333", "R&D, Labs", ["Admin"]),
  account("444444444444", "Dev", ["Admin"]),
  account("555555555555", "Café Ops", ["Admin"]),
];
const populate = (accounts = ORG) =>
  accounts.flatMap((a) =>
    a.roles.map((r) => ({
      startUrl: START_URL,
      ssoRegion: "eu-north-1",
      accountId: a.accountId,
      accountName: a.accountName,
      roleName: r,
    })),
  );

/** account id → how many sections in the whole file are Granted/SSO profiles for it. */
function perAccount(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const s of parseGoIni(text).sections) {
    const id = s.keys.get("granted_sso_account_id") ?? s.keys.get("sso_account_id");
    if (id !== undefined) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

describe("granted names", () => {
  let h: TempHome;
  let configPath: string;
  before(async () => {
    h = await tempHome();
    configPath = join(h.home, ".aws", "config");
    await mkdir(join(h.home, ".aws"), { recursive: true });
  });
  after(() => h.cleanup());

  test(
    "which tool sees which name: Granted and botocore read ( ) & , and accents, the JS SDK does not; a quote nobody",
    { skip: botocoreSkip() },
    async () => {
      const file = parseGoIni("");
      grantedPopulate(file, populate([...ORG, account("666666666666", "O'Brien", ["Admin"])]));
      const text = serializeGoIni(file);
      await writeFile(configPath, text);
      const headers = file.sections.filter((s) => s.name.startsWith("profile ")).map((s) => s.name);
      const unseenByJs = new Set(
        (await checkIniJs(text, headers)).map((p) => /\[profile (.*)\]/.exec(p)?.[1] ?? p),
      );
      const granted = new Set(grantedProfileNames(file));
      const boto = new Set((await botocoreView(configPath, h.env)).profiles);
      const seen = Object.fromEntries(
        headers.map((hd) => {
          const n = hd.slice(8);
          return [n, [granted.has(n), boto.has(n), !unseenByJs.has(n)].map((b) => (b ? "y" : "n")).join("")];
        }),
      );
      // Columns: Granted, botocore (AWS CLI, boto3), JS SDK. The readme's table says the same.
      assert.deepEqual(seen, {
        "Prod-Account/Admin": "yyy",
        "Staging-Account-(EU)/Admin": "yyn",
        "R&D,-Labs/Admin": "yyn",
        "Dev/Admin": "yyy",
        "Café-Ops/Admin": "yyn",
        "O'Brien/Admin": "nnn",
      });
    },
  );

  for (const names of ["portable", "granted"] as const) {
    test(`from populate to aws-sso-sync with names: ${names}`, async () => {
      const theirs = parseGoIni("[profile mine]\nregion = us-east-1\n");
      grantedPopulate(theirs, populate());
      await writeFile(configPath, serializeGoIni(theirs));
      const config = testConfig({ outputs: [{ renderer: "granted", options: { names } }] });
      const { results, warnings } = await writeOutputs(config, modelOf(ORG), h.env);
      assert.equal(results[0]?.status, "written", JSON.stringify(results));
      const text = await readFile(configPath, "utf8");
      assert.deepEqual(checkIniStrict(text), []);
      const twice = [...perAccount(text)].filter(([, n]) => n > 1).map(([id]) => id);
      if (names === "portable") {
        // The reported problem, kept as the default's documented cost: a second name for 3 of 5 accounts.
        assert.deepEqual(twice, ["222222222222", "333333333333", "555555555555"]);
      } else {
        assert.deepEqual(twice, [], "every account and role has one profile");
        assert.match(
          warnings.join("\n"),
          /3 profile\(s\) have a Granted name the JS SDK cannot read and are not written \(names: granted; first: "Café-Ops\/Admin"\); 3 of them are served by the section `granted sso populate` wrote/,
        );
      }
    });
  }

  test("names: granted without populate's sections: the left-out profiles are named, the rest written", async () => {
    await writeFile(configPath, "");
    const config = testConfig({ outputs: [{ renderer: "granted", options: { names: "granted" } }] });
    const { results, warnings } = await writeOutputs(config, modelOf(ORG), h.env);
    assert.equal(results[0]?.status, "written");
    assert.deepEqual(grantedProfileNames(parseGoIni(await readFile(configPath, "utf8"))).sort(), [
      "Dev/Admin",
      "Prod-Account/Admin",
    ]);
    assert.match(warnings.join("\n"), /0 of them are served by .*Run `granted sso populate` for the others/);
  });
});
