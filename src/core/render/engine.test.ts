import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { describe, test } from "node:test";
import { ConfigError } from "../errors.ts";
import { createEngine } from "./engine.ts";
import { helpers, shQuote } from "./helpers.ts";

describe("template engine", () => {
  test("no HTML escaping; helpers work", () => {
    const t = createEngine().compile("{{name}} {{slug name}} {{ini v}}", "t.hbs");
    assert.equal(t({ name: `A & <B> "c"`, v: " x y " }), `A & <B> "c" a-b-c x y`);
  });

  test("a value botocore and the JS SDK would read differently fails the render, naming the value", () => {
    const t = createEngine().compile("role = {{ini v}}\n", "t.hbs");
    for (const v of ["x\r\ny", "nul\u0000", "tab\tx", "a #b", "a ;b", "#a", ";a"]) {
      assert.throws(
        () => t({ v }),
        (err: unknown) => err instanceof ConfigError && err.problems[0]!.includes(JSON.stringify(v)),
        JSON.stringify(v),
      );
    }
    assert.equal(t({ v: "a#b;c = d" }), "role = a#b;c = d\n");
  });

  test("quoting helpers refuse control characters; display helpers turn them into spaces", () => {
    const engine = createEngine();
    for (const h of ["sh", "fish", "pwsh"]) {
      const t = engine.compile(`{{${h} v}}`, `${h}.hbs`);
      for (const v of ["a\u0000b", "a\nb", "a\u007fb"]) assert.throws(() => t({ v }), ConfigError, h);
    }
    const display = engine.compile("# {{comment v}} <{{html v}}>", "d.hbs");
    assert.equal(display({ v: "a\u0000b\r\nc\u2028" }), "# a b c <a b c>");
  });

  test("an unknown field is an error naming file, line and column", () => {
    const t = createEngine().compile("line one\n  {{model.nope.deeper}}\n", "my.hbs");
    assert.throws(
      () => t({ model: {} }),
      (err: unknown) => {
        assert.ok(err instanceof ConfigError);
        assert.match(err.problems[0] ?? "", /^my\.hbs:2:\d+: .*unknown field/);
        return true;
      },
    );
  });

  test("a syntax error is reported at compile time with its line", () => {
    assert.throws(
      () => createEngine().compile("ok\n{{#each x}}\nno end\n", "bad.hbs"),
      (err: unknown) => {
        assert.ok(err instanceof ConfigError);
        assert.match(err.problems[0] ?? "", /^bad\.hbs:4:\d+: Parse error/);
        return true;
      },
    );
  });

  test("each engine is isolated: partials do not leak between runtimes", () => {
    const a = createEngine();
    a.registerPartial("p", "from a", "p.hbs");
    assert.equal(a.compile("{{> p}}", "x.hbs")({}), "from a");
    assert.throws(() => createEngine().compile("{{> p}}", "y.hbs")({}), ConfigError);
  });

  test("helper list is complete and every helper is a function", () => {
    for (const [name, fn] of Object.entries(helpers)) assert.equal(typeof fn, "function", name);
  });
});

describe("shell quoting", () => {
  test("bash reads back exactly the value, executing nothing", () => {
    const values = [`it's`, "$(echo pwned)", "`id`", "a;b", "\\n", '"dq"', "Zürich"];
    for (const v of values) {
      const out = execFileSync("bash", ["-c", `printf %s ${shQuote(v)}`], { encoding: "utf8" });
      assert.equal(out, v);
    }
  });
});

describe("unknown fields anywhere", () => {
  // Handlebars' own strict mode misses these; an empty result would prune every profile.
  const cases = [
    ["{{#each model.profilez}}x{{/each}}", "profilez", "1:15"],
    ["ok\n{{#if model.nope}}x{{/if}}", "nope", "2:13"],
    ["{{slug nope}}", "nope", "1:8"],
    ["{{#each model.profiles}}\n{{join nam}}{{/each}}", "nam", "2:8"],
  ] as const;
  for (const [src, field, at] of cases) {
    test(`${JSON.stringify(src)} names "${field}" at ${at}`, () => {
      const t = createEngine().compile(src, "t.hbs");
      assert.throws(
        () => t({ model: { profiles: [{ name: "p", aliasOf: undefined }] }, options: {} }),
        (err: unknown) =>
          err instanceof ConfigError &&
          (err.problems[0] ?? "").startsWith(`t.hbs:${at}: unknown field "${field}"`),
      );
    });
  }

  test("optional fields present as undefined, free-form options and JSON output still work", () => {
    const t = createEngine().compile(
      "{{#each model.profiles}}{{name}}{{#if aliasOf}}!{{/if}}{{/each}} {{#if options.any}}y{{/if}}{{json model}}",
      "t.hbs",
    );
    assert.equal(
      t({ model: { profiles: [{ name: "p", aliasOf: undefined }] }, options: {} }),
      'p {"profiles":[{"name":"p"}]}',
    );
  });
});
