// Output targets in protected places are refused when the config is loaded, however the path is spelled:
// `~`, relative `../`, a symlinked folder, a dangling link, an env-moved state folder.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConfigError, ExitCode } from "../errors.ts";
import { loadConfig } from "./index.ts";

const SESSION = `sessions:
  - name: acme
    startUrl: https://d-1234567890.awsapps.com/start
    region: eu-north-1
`;
const TOKEN = "0ad374308c5a4e22f723adf10145eafad7c4031c.json";

let home: string;
let env: Record<string, string | undefined>;
before(() => {
  home = mkdtempSync(join(tmpdir(), "aws-sso-sync-targets-"));
  env = {
    HOME: home,
    XDG_CONFIG_HOME: join(home, ".config"),
    XDG_STATE_HOME: join(home, ".local", "state"),
    AWS_SSO_SYNC_STATE_DIR: undefined,
  };
  mkdirSync(join(home, ".aws", "sso", "cache"), { recursive: true });
  writeFileSync(join(home, ".aws", "sso", "cache", TOKEN), "{}");
  mkdirSync(join(home, ".config", "aws-sso-sync"), { recursive: true });
});
after(() => rmSync(home, { recursive: true, force: true }));

/** Writes a config with one template output writing `file`; returns its path. */
function configWith(file: string, name = "config.yaml"): string {
  const path = join(home, ".config", "aws-sso-sync", name);
  writeFileSync(
    path,
    `${SESSION}outputs:\n  - template: ./t.hbs\n    file: ${JSON.stringify(file)}\n    mode: file\n`,
  );
  return path;
}

async function refusal(path: string, e: Record<string, string | undefined> = env): Promise<ConfigError> {
  try {
    await loadConfig(path, { env: e });
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  assert.fail(`expected ${path} to be refused`);
}

describe("protected output targets", () => {
  test("the live token file is refused with the path, the rule and exit code 3", async () => {
    const err = await refusal(configWith(`~/.aws/sso/cache/${TOKEN}`));
    assert.equal(err.exitCode, ExitCode.config);
    assert.equal(err.problems.length, 1);
    const [line] = err.problems;
    assert.match(line ?? "", /config\.yaml:\d+:\d+: outputs\[0\]\.file: /);
    assert.ok(line?.includes(join(home, ".aws", "sso", "cache", TOKEN)), line);
    assert.match(line ?? "", /is inside the AWS SSO token and registration cache/);
  });

  test("relative ../ paths, a symlinked folder and a dangling link into the cache are refused", async () => {
    // From ~/.config/aws-sso-sync, ../../.aws/sso/cache is the cache.
    await refusal(configWith(`../../.aws/sso/cache/new.json`));
    symlinkSync(join(home, ".aws", "sso"), join(home, "sso-link"));
    await refusal(configWith("~/sso-link/cache/other.json"));
    symlinkSync(join(home, ".aws", "sso", "cache", "not-yet.json"), join(home, "dangling.json"));
    await refusal(configWith("~/dangling.json"));
    // A link to a folder that does not exist yet, inside the cache: writing through it would create it.
    symlinkSync(join(home, ".aws", "sso", "cache", "sub"), join(home, "folder-link"));
    await refusal(configWith("~/folder-link/t.json"));
    // A registration file the CLI has not written yet is still in the cache folder.
    await refusal(configWith("~/.aws/sso/cache/a8343d65418848d0bc13a5f25cbb32508ceec5d1.json"));
  });

  test("the state folder (also when moved by AWS_SSO_SYNC_STATE_DIR) and the CLI cache are refused", async () => {
    const err = await refusal(configWith("~/.local/state/aws-sso-sync/outputs/x.json"));
    assert.match(err.problems[0] ?? "", /aws-sso-sync's state folder/);
    const moved = join(home, "state");
    await refusal(configWith(join(moved, "backups", "y")), { ...env, AWS_SSO_SYNC_STATE_DIR: moved });
    await refusal(configWith("~/.aws/cli/cache/z.json"));
  });

  test("the config file itself is refused, also through a link to it", async () => {
    const path = configWith("./config.yaml");
    const err = await refusal(path);
    assert.match(err.problems[0] ?? "", /is the aws-sso-sync config file itself/);
    symlinkSync(path, join(home, "cfg-link.yaml"));
    await refusal(configWith("~/cfg-link.yaml"));
  });

  test("neighbours of protected places are fine", async () => {
    for (const ok of [
      "~/.aws/config",
      "~/.aws/sso/cache-notes.txt",
      "~/.aws/sso/other.json",
      "./other.yaml",
    ]) {
      const { config } = await loadConfig(configWith(ok), { env });
      assert.equal(config.outputs.length, 1, ok);
    }
  });
});
