// loadConfig: reading the file, the missing-file error, and resolving paths against the config's folder.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ConfigError, ExitCode } from "../errors.ts";
import { loadConfig } from "./index.ts";
import { isModulePath } from "./resolve.ts";

const SESSION = `sessions:
  - name: acme
    startUrl: https://d-1234567890.awsapps.com/start
    region: eu-north-1
`;
const EXAMPLE = fileURLToPath(new URL("../../../config.example.yaml", import.meta.url));

let home: string;
const saved = {
  HOME: process.env.HOME,
  XDG_CONFIG_HOME: process.env.XDG_CONFIG_HOME,
  XDG_STATE_HOME: process.env.XDG_STATE_HOME,
};
before(() => {
  home = mkdtempSync(join(tmpdir(), "aws-sso-sync-config-"));
  process.env.HOME = home;
  process.env.XDG_CONFIG_HOME = join(home, ".config");
  process.env.XDG_STATE_HOME = join(home, ".local", "state");
});
after(() => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  rmSync(home, { recursive: true, force: true });
});

function write(rel: string, text: string): string {
  const file = join(home, rel);
  mkdirSync(join(file, ".."), { recursive: true });
  writeFileSync(file, text);
  return file;
}

async function rejection(p: Promise<unknown>): Promise<ConfigError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  assert.fail("expected a ConfigError");
}

describe("loadConfig", () => {
  test("a missing file says where it looked and how to create one", async () => {
    const missing = join(home, "nope", "config.yaml");
    const err = await rejection(loadConfig(missing));
    assert.equal(err.message, `no config file at ${missing}`);
    assert.equal(err.exitCode, ExitCode.config);
    assert.deepEqual(err.problems, []);
    for (const word of ["aws-sso-sync init", EXAMPLE, "--config", "AWS_SSO_SYNC_CONFIG", missing])
      assert.ok(err.hint?.includes(word), `hint lacks ${word}: ${err.hint}`);
  });

  test("a folder instead of a file is a ConfigError too", async () => {
    mkdirSync(join(home, "dir.yaml"), { recursive: true });
    const err = await rejection(loadConfig(join(home, "dir.yaml")));
    assert.match(err.message, /^cannot read config file .*dir\.yaml: EISDIR$/);
  });

  test("problems name the absolute file", async () => {
    const file = write("bad/config.yaml", `${SESSION}notify: maybe\n`);
    const err = await rejection(loadConfig(file));
    assert.deepEqual(err.problems, [
      `${file}:5:9: notify: expected true or false, got a string "maybe" (write true or false)`,
    ]);
  });

  test("~/ in the file argument expands against $HOME", async () => {
    write("tilde.yaml", SESSION);
    const { file, config } = await loadConfig("~/tilde.yaml");
    assert.equal(file, join(home, "tilde.yaml"));
    assert.equal(config.sessions[0]?.name, "acme");
  });

  test("template, module and file paths resolve against the config's folder; ~/ expands", async () => {
    const file = write(
      "conf/sub/config.yaml",
      `${SESSION}outputs:
  - renderer: aws-config
    file: ./aws/config
  - renderer: aws-config
    name: absolute
    file: /etc/aws-config
  - renderer: aws-config
    name: tilde
  - template: ./t/steampipe.hbs
    file: ~/.steampipe/config/aws.spc
  - template: ../folder/
    file: out/plain.txt
  - module: ../renderers/mine.mjs
    file: ~/x
  - module: "@acme/aws-sso-sync-renderer"
  - module: plain-package
`,
    );
    const dir = join(home, "conf", "sub");
    const { config } = await loadConfig(file);
    const view = config.outputs.map((o) => ({
      name: o.name,
      kind: "renderer" in o ? o.renderer : "template" in o ? o.template : o.module,
      file: o.file,
    }));
    assert.deepEqual(view, [
      { name: "aws-config", kind: "aws-config", file: join(dir, "aws", "config") },
      { name: "absolute", kind: "aws-config", file: "/etc/aws-config" },
      { name: "tilde", kind: "aws-config", file: undefined },
      {
        name: "steampipe",
        kind: join(dir, "t", "steampipe.hbs"),
        file: join(home, ".steampipe", "config", "aws.spc"),
      },
      { name: "folder", kind: join(home, "conf", "folder"), file: join(dir, "out", "plain.txt") },
      { name: "mine", kind: join(home, "conf", "renderers", "mine.mjs"), file: join(home, "x") },
      { name: "aws-sso-sync-renderer", kind: "@acme/aws-sso-sync-renderer", file: undefined },
      { name: "plain-package", kind: "plain-package", file: undefined },
    ]);
  });

  test("an env given explicitly is used for ~/ instead of process.env", async () => {
    const file = write("envtest/config.yaml", `${SESSION}outputs:\n  - template: t.hbs\n    file: ~/out\n`);
    const { config } = await loadConfig(file, { env: { HOME: "/other/home" } });
    assert.equal(config.outputs[0]?.file, "/other/home/out");
  });

  test("config.example.yaml loads without problems or warnings", async () => {
    const { config, warnings } = await loadConfig(EXAMPLE);
    assert.deepEqual(warnings, []);
    assert.equal(config.sessions[0]?.name, "acme");
    assert.deepEqual(
      config.outputs.map((o) => [o.name, o.enabled]),
      [
        ["aws-config", true],
        ["steampipe", false],
        ["my-renderer", false],
      ],
    );
  });
});

test("isModulePath tells paths from package names", () => {
  for (const p of ["./a.mjs", "../a", "/abs/a", "~/a.js", "a.mjs", "dir/a.cjs", "a.ts"])
    assert.ok(isModulePath(p), p);
  for (const p of ["pkg", "@scope/pkg", "pkg/sub"]) assert.ok(!isModulePath(p), p);
});
