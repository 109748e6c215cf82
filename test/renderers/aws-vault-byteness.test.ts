// ssoSession: true next to ByteNess aws-vault's token rewrite, through a whole `sync`: the sync puts the
// registration back (docs/internals/token-file-shapes.md 3) before the aws-vault output looks at the file,
// so the warning is left for the case it cannot, where botocore and aws-sso-sync cannot refresh the token.
import assert from "node:assert/strict";
import { readFile, rm } from "node:fs/promises";
import { after, before, describe, test } from "node:test";
import { cacheFilePath } from "../../src/core/auth/cache-dir.ts";
import { registrationCachePath, writeRegistration } from "../../src/core/auth/registration.ts";
import { generateOrg } from "../../src/emulator/index.ts";
import { bytenessRewrite } from "../auth/token-writers.ts";
import { runCli } from "../support/cli.ts";
import {
  SESSION,
  baseConfig,
  syncFixture,
  writeIssuedToken,
  type SyncFixture,
} from "../support/sync-fixture.ts";

const CONFIG = `${baseConfig}outputs:
  - renderer: aws-config
  - renderer: aws-vault
    options: { ssoSession: true }
`;

describe("aws-vault ssoSession: true after ByteNess' token rewrite, in a sync", { timeout: 120_000 }, () => {
  let fx: SyncFixture;
  let tokenFile: string;
  const rewrite = async () => {
    const t = fx.emu.issueToken({ scopes: SESSION.scopes });
    await writeIssuedToken(t, fx.env);
    await writeRegistration(
      SESSION,
      {
        clientId: t.clientId,
        clientSecret: t.clientSecret,
        scopes: [...SESSION.scopes],
        expiresAt: new Date(t.registrationExpiresAt * 1000),
      },
      { env: fx.env },
    );
    await bytenessRewrite(tokenFile, {
      accessToken: t.accessToken,
      expiresAt: new Date(Date.now() + t.expiresIn * 1000),
      refreshToken: t.refreshToken,
    });
  };
  before(async () => {
    fx = await syncFixture(generateOrg(2, { seed: 3 }), CONFIG);
    tokenFile = cacheFilePath(SESSION.name, { env: fx.env });
  });
  after(() => fx.cleanup());

  test("with the registration cache file: recovered, written back complete, no warning", async () => {
    await rewrite();
    const r = await runCli(["sync", "--verbose"], fx.env);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.doesNotMatch(r.stdout + r.stderr, /ByteNess/);
    const keys = Object.keys(JSON.parse(await readFile(tokenFile, "utf8")) as object);
    assert.ok(keys.includes("clientId") && keys.includes("registrationExpiresAt"), keys.join(","));
  });

  test("without it nothing can be recovered: the sync warns", async () => {
    await rewrite();
    await rm(registrationCachePath(SESSION, { env: fx.env }));
    const r = await runCli(["sync", "--verbose"], fx.env);
    assert.match(r.stdout + r.stderr, /ByteNess aws-vault/);
  });
});
