// The built-in sample model (render --sample, validate): hostile names included, deterministic, and shaped
// by the user's own config (naming, sessions) when there is one.
import assert from "node:assert/strict";
import { test } from "node:test";
import { HOSTILE_ACCOUNT_NAMES, sampleModel } from "../../src/core/model/sample.ts";
import { displayText } from "../../src/core/render/writable.ts";
import { testConfig } from "./support/render.ts";

test("the sample holds names a template must escape", () => {
  const names = sampleModel()
    .profiles.map((p) => p.accountName)
    .join("\n");
  for (const bad of ["'", '"', "$(", "`", ";", "[", "#", "=", "<", "&", "Ü"])
    assert.ok(names.includes(bad), JSON.stringify(bad));
  // A line break from the API is display text: the model holds a space instead (content-safety.md).
  for (const n of HOSTILE_ACCOUNT_NAMES) assert.ok(names.includes(displayText(n)), n);
  assert.ok(!names.split("\n").some((n) => n.includes("\r")));
});

test("deterministic, two sessions, an alias, and a qualified duplicate account name", () => {
  const m = sampleModel();
  assert.deepEqual(sampleModel(), m);
  assert.deepEqual(
    m.sessions.map((s) => s.name),
    ["acme", "lab"],
  );
  assert.ok(m.profiles.some((p) => p.aliasOf));
  assert.ok(m.profiles.some((p) => p.name === "production.AdministratorAccess-666666666666"));
  for (const p of m.profiles) assert.match(p.name, /^[A-Za-z0-9_.\-/]+$/);
});

test("with a config: its sessions and its naming template", () => {
  const m = sampleModel(testConfig({ profiles: { name: "{{account.id}}-{{role.name}}" } }));
  assert.deepEqual(
    m.sessions.map((s) => s.name),
    ["acme"],
  );
  assert.ok(
    m.profiles.some((p) => p.name === "111111111111-ReadOnlyAccess"),
    m.profiles.map((p) => p.name).join(" "),
  );
});
