// A user module's export checked against RendererShape: one line per faulty field, prefixed with the
// module's path, and never a crash on a value of the wrong type.
import assert from "node:assert/strict";
import { test } from "node:test";
import { checkRendererShape } from "../../src/core/render/shape.ts";
import { ConfigError } from "../../src/core/errors.ts";

const base = {
  id: "mine",
  description: "d",
  template: "t.hbs",
  defaultFile: () => "/tmp/x",
  mode: { kind: "file", format: "text" },
};

const problemsOf = (v: unknown): readonly string[] => {
  try {
    checkRendererShape(v, "m.mjs");
  } catch (err) {
    assert.ok(err instanceof ConfigError, String(err));
    return err.problems;
  }
  return [];
};

test("a valid export is returned as the module's own object", () => {
  assert.equal(checkRendererShape(base, "m.mjs"), base);
});

test("options: null is a shape problem, not a TypeError", () => {
  assert.deepEqual(problemsOf({ ...base, options: null }), [
    "m.mjs: options: expected a zod schema when present",
  ]);
});

test("a region mode with an empty comment and a bad format is one line for mode", () => {
  assert.deepEqual(problemsOf({ ...base, mode: { kind: "region", comment: "", format: "html" } }), [
    'm.mjs: mode: expected { kind: "region", comment: "#", format: "ini" | "text" } or { kind: "file", format: … }',
  ]);
});
