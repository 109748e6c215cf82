// `aws-sso-sync init` as a newcomer runs it: a commented starter config from the schema, never over an
// existing file, and the next commands to run.
import assert from "node:assert/strict";
import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, test } from "node:test";
import { parse } from "yaml";
import { configSchema } from "../../src/core/config/index.ts";
import { runCli } from "../support/cli.ts";
import { tempHome, type TempHome } from "../support/emulator.ts";

let h: TempHome;
let file: string;
beforeEach(async () => {
  h = await tempHome();
  file = join(h.home, ".config", "aws-sso-sync", "config.yaml");
});
afterEach(() => h.cleanup());

const URL_ = "https://d-1234567890.awsapps.com/start";

test("init writes a valid starter at the default path, 0600, and names the next two commands", async () => {
  const r = await runCli(["init", "--start-url", URL_, "--region", "eu-north-1", "--session", "acme"], h.env);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /Next:\n {2}aws-sso-sync login\n {2}aws-sso-sync sync\n/);
  assert.equal((await stat(file)).mode & 0o777, 0o600);
  const v = await runCli(["validate"], h.env);
  assert.equal(v.code, 0, v.stderr);
  const text = await readFile(file, "utf8");
  const parsed = configSchema.parse(parse(text));
  assert.deepEqual(
    parsed.sessions.map((s) => [s.name, s.startUrl, s.region]),
    [["acme", URL_, "eu-north-1"]],
  );
  // Every key of the schema is there, and uncommenting all of them changes nothing: the comments show
  // the real defaults.
  for (const key of Object.keys(configSchema.shape))
    assert.match(text, new RegExp(`^(# )?${key}:`, "m"), key);
  const keys = new Set(Object.keys(configSchema.shape));
  let inBlock = false;
  const uncommented = text
    .split("\n")
    .map((l) => {
      inBlock = keys.has(/^# (\w+):/.exec(l)?.[1] ?? "") || (inBlock && /^# {3}/.test(l));
      return inBlock ? l.slice(2) : l;
    })
    .join("\n");
  assert.deepEqual(configSchema.parse(parse(uncommented)), parsed);
});

test("init never replaces an existing config", async () => {
  assert.equal((await runCli(["init", "--start-url", URL_], h.env)).code, 0);
  const before = await readFile(file, "utf8");
  const again = await runCli(["init", "--start-url", "https://d-0000000000.awsapps.com/start"], h.env);
  assert.equal(again.code, 2);
  assert.match(again.stderr, /exists; init never replaces a config/);
  assert.equal(await readFile(file, "utf8"), before);
});

test("without --start-url the placeholder is flagged by validate with its line; bad options write nothing", async () => {
  const r = await runCli(["init"], h.env);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /edit startUrl/);
  const v = await runCli(["validate"], h.env);
  assert.equal(v.code, 3);
  assert.match(v.stderr, /config\.yaml:\d+:\d+: sessions\[0\]\.startUrl/);

  const h2 = await tempHome();
  try {
    const bad = await runCli(["init", "--start-url", URL_, "--region", "mars-1"], h2.env);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /region/);
    await assert.rejects(stat(join(h2.home, ".config", "aws-sso-sync", "config.yaml")), { code: "ENOENT" });
  } finally {
    await h2.cleanup();
  }
});
