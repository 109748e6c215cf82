import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { buildModel } from "./build.ts";
import { parseConfig } from "../config/index.ts";
import type { DiscoveredSession } from "./model.ts";
import { sanitizeProfileName } from "./naming.ts";
import { createEngine } from "../render/engine.ts";

const base = `sessions:
  - name: acme
    startUrl: https://d-1234567890.awsapps.com/start
    region: eu-north-1
`;
const cfg = (extra = "") => parseConfig(base + extra, "test.yaml").config;
const acct = (id: string, name: string, roles: string[]) => ({
  accountId: id,
  accountName: name,
  emailAddress: `${id}@x.test`,
  roles,
});
const disc = (...accounts: DiscoveredSession["accounts"]): DiscoveredSession[] => [
  { session: "acme", accounts },
];
// The JS SDK's profile-section rule and botocore's shlex split need a plain word (docs/internals/consumers.md
// 2).
const JS_NAME = /^[\w\-@+.%:/]+$/;

describe("buildModel", () => {
  test("default names, sorted, with the session's region", () => {
    const { model } = buildModel(
      cfg(),
      disc(acct("222222222222", "Prod", ["B", "A"]), acct("111111111111", "Dev", ["A"])),
      createEngine(),
    );
    assert.deepEqual(
      model.profiles.map((p) => p.name),
      ["dev.A", "prod.A", "prod.B"],
    );
    assert.ok(model.profiles.every((p) => p.region === "eu-north-1" && p.session === "acme"));
    assert.equal(model.sessions[0]?.accounts[0]?.name, "Dev");
  });

  test("the same inputs in another order give the same model", () => {
    const a = [acct("1".repeat(12), "X", ["R1", "R2"]), acct("2".repeat(12), "Y", ["R3"])];
    const m1 = buildModel(cfg(), disc(...a), createEngine()).model;
    const m2 = buildModel(
      cfg(),
      disc(...[...a].reverse().map((x) => ({ ...x, roles: [...x.roles].reverse() }))),
      createEngine(),
    ).model;
    assert.deepEqual(m1, m2);
  });

  test("clashing names are all qualified and reported, none dropped", () => {
    const { model, warnings } = buildModel(
      cfg(),
      disc(acct("111111111111", "Sandbox", ["Admin"]), acct("222222222222", "sandbox", ["Admin"])),
      createEngine(),
    );
    assert.deepEqual(
      model.profiles.map((p) => p.name),
      ["sandbox.Admin-111111111111", "sandbox.Admin-222222222222"],
    );
    assert.equal(warnings.length, 1);
    assert.match(warnings[0] ?? "", /shared by/);
  });

  test("a clash a first qualifier cannot settle is reported once, with each member's final name", () => {
    // Two sessions see the same account and role: the account id qualifies both alike, the session does not.
    const two = parseConfig(
      `${base}  - name: billing\n    startUrl: https://d-2234567890.awsapps.com/start\n    region: eu-north-1\n`,
      "t.yaml",
    ).config;
    const a = acct("463370288582", "billing-prod", ["ReadOnlyAccess"]);
    const { model, warnings } = buildModel(
      two,
      [
        { session: "acme", accounts: [a] },
        { session: "billing", accounts: [a] },
      ],
      createEngine(),
    );
    const names = model.profiles.map((p) => p.name);
    assert.equal(new Set(names).size, 2, names.join());
    assert.equal(warnings.length, 1, warnings.join("\n"));
    const w = warnings[0] ?? "";
    assert.match(w, /shared by acme\/463370288582\/ReadOnlyAccess, billing\/463370288582\/ReadOnlyAccess/);
    for (const n of names) assert.equal(w.split(`"${n}"`).length - 1, 1, `${n} once in: ${w}`);
  });

  test("roles that sanitize alike still get distinct names", () => {
    const { model } = buildModel(cfg(), disc(acct("111111111111", "A", ["x+y", "x=y"])), createEngine());
    assert.equal(new Set(model.profiles.map((p) => p.name)).size, 2);
  });

  test("region rules: last match wins; defaultRegion is the base", () => {
    const config = parseConfig(
      base.replace("region: eu-north-1", "region: eu-north-1\n    defaultRegion: us-east-1") +
        `profiles:\n  regions:\n    - account: "prod*"\n      region: eu-west-1\n    - account: "111111111111"\n      role: "Read*"\n      region: ap-south-1\n`,
      "t.yaml",
    ).config;
    const { model } = buildModel(
      config,
      disc(acct("111111111111", "Production", ["Admin", "ReadOnly"]), acct("222222222222", "Dev", ["Admin"])),
      createEngine(),
    );
    const region = Object.fromEntries(model.profiles.map((p) => [p.name, p.region]));
    assert.deepEqual(region, {
      "dev.Admin": "us-east-1",
      "production.Admin": "eu-west-1",
      "production.ReadOnly": "ap-south-1",
    });
  });

  test("aliases add a profile; ambiguous or missing ones are skipped with a warning", () => {
    const config = cfg(
      `profiles:\n  aliases:\n    - { name: prod-admin, account: "111111111111", role: Admin }\n    - { name: any, account: "*", role: Admin }\n    - { name: none, account: "999999999999", role: Admin }\n`,
    );
    const { model, warnings } = buildModel(
      config,
      disc(acct("111111111111", "P", ["Admin"]), acct("222222222222", "Q", ["Admin"])),
      createEngine(),
    );
    const alias = model.profiles.find((p) => p.name === "prod-admin");
    assert.equal(alias?.aliasOf, "p.Admin");
    assert.equal(alias?.accountId, "111111111111");
    assert.ok(!model.profiles.some((p) => p.name === "any" || p.name === "none"));
    assert.equal(warnings.length, 2);
  });

  test("a naming template with helpers and extra keys", () => {
    const config = cfg(
      `profiles:\n  name: "{{session.name}}/{{kebab role.name}}@{{account.id}}"\n  extraKeys: { output: json, cli_pager: "" }\n`,
    );
    const { model } = buildModel(config, disc(acct("111111111111", "P", ["PowerUser"])), createEngine());
    // "@" is outside the safe set and becomes "-".
    assert.equal(model.profiles[0]?.name, "acme/power-user-111111111111");
    assert.deepEqual(model.profiles[0]?.extra, [
      { key: "cli_pager", value: "" },
      { key: "output", value: "json" },
    ]);
  });
});

describe("sanitizeProfileName", () => {
  test("any account name yields a name both SDKs accept", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 80 }), (raw) => {
        const name = sanitizeProfileName(raw);
        return name === "" || (JS_NAME.test(name) && name.length <= 128 && !/^[-./]|[-./]$/.test(name));
      }),
      { numRuns: 2000 },
    );
  });
});

describe("collisions at the length limit", () => {
  test("qualified names stay unique when the template already fills 128 characters", () => {
    const config = cfg(`profiles:\n  name: "${"x".repeat(140)}"\n`);
    const { model } = buildModel(
      config,
      disc(acct("111111111111", "A", ["Admin", "Read"]), acct("222222222222", "B", ["Admin"])),
      createEngine(),
    );
    const names = model.profiles.map((p) => p.name);
    assert.equal(new Set(names).size, names.length, names.join("\n"));
    assert.ok(names.every((n) => n.length <= 128 && JS_NAME.test(n)));
  });
});
