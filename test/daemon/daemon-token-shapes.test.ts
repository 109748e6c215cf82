// The daemon keeps every tool logged in through a token file another tool rewrote: ByteNess aws-vault
// leaves only accessToken and expiresAt (no registration, no refresh token); the daemon restores the
// complete file from the last one it saw (docs/internals/token-file-shapes.md 3) and keeps refreshing, so
// boto3, the JS SDK and the AWS CLI v2 resolve credentials long after that access token expired, with no
// login.
import assert from "node:assert/strict";
import { readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { fromSSO } from "@aws-sdk/credential-providers";
import { tokenCachePath } from "../../src/core/auth/index.ts";
import { generateOrg } from "../../src/emulator/index.ts";
import { bytenessRewrite } from "../auth/token-writers.ts";
import { awsCliEnv, awsCliSkip, botocoreSkip, runAws, runPython } from "../support/aws-cli.ts";
import { setProcessEnv } from "../support/emulator.ts";
import { SESSION, baseConfig, type SyncFixture } from "../support/sync-fixture.ts";
import { cachedToken, daemonState, keptFresh, tokenDaemon, waitFor, type DaemonProc } from "./support.ts";

const TTL = 4;

describe("daemon: a token file aws-vault rewrote", { timeout: 120_000 }, () => {
  let fx: SyncFixture;
  let d: DaemonProc;

  before(async () => {
    const config = `${baseConfig}schedule: "0 0 * * *"\n`;
    ({ fx, d } = await tokenDaemon(generateOrg(2, { seed: 4 }), config, { ttl: TTL }));
  });
  after(async () => {
    await d.stop("SIGKILL");
    await fx.cleanup();
  });

  test("ByteNess keeps only accessToken and expiresAt: the file is completed and refreshed", async () => {
    const now = await cachedToken(fx);
    await bytenessRewrite(tokenCachePath(SESSION, { env: fx.env }), {
      accessToken: now.accessToken ?? "",
      expiresAt: new Date(now.expiresAt ?? ""),
    });
    const rewrittenAt = Date.now();
    await waitFor(
      "the complete file back",
      async () => (await cachedToken(fx)).clientId !== undefined,
      10_000,
      d,
    );
    // Several lifetimes after the rewrite: the cached token is always valid, refreshed by the daemon.
    const seen = await keptFresh(fx, d, rewrittenAt + 3 * TTL * 1000 - Date.now());
    assert.ok(seen.size >= 3, `distinct tokens seen: ${seen.size}`);
    const t = await cachedToken(fx);
    assert.ok(
      t.clientId && t.clientSecret && t.registrationExpiresAt && t.refreshToken,
      Object.keys(t).join(),
    );
    assert.doesNotMatch(d.output(), /login needed/);
    assert.equal((await daemonState(fx.configFile, fx.env))?.tokens.acme?.state, "ok");
    assert.equal(fx.emu.counters().grants.device_code, undefined, "nobody logged in");
  });

  test(
    "boto3, the JS SDK's fromSSO and the AWS CLI v2 resolve credentials after the rewritten access token expired",
    { skip: botocoreSkip() || awsCliSkip() },
    async () => {
      const profile = /^\[profile (.+)\]$/m.exec(await readFile(fx.awsConfig, "utf8"))?.[1] ?? "";
      const r = await runPython("botocore_credentials.py", [profile], {
        ...fx.env,
        ...awsCliEnv(fx.home, fx.emu.url),
      });
      assert.equal(r.code, 0, `${r.stderr}\n${d.output().slice(-3000)}`);
      assert.equal((JSON.parse(r.stdout) as { hasSessionToken: boolean }).hasSessionToken, true);
      // The same profile through the JS SDK (in this process, HOME pointed at the fixture) …
      const restore = setProcessEnv(fx.env);
      try {
        const creds = await fromSSO({ profile, ignoreCache: true })();
        assert.ok(creds.accessKeyId && creds.sessionToken, d.output().slice(-3000));
      } finally {
        restore();
      }
      // … and the AWS CLI v2, without its own role-credential cache answering in the token's place.
      await rm(join(fx.home, ".aws", "cli", "cache"), { recursive: true, force: true });
      const gets = fx.emu.counters().ops.GetRoleCredentials ?? 0;
      const cli = await runAws(
        ["configure", "export-credentials", "--profile", profile],
        awsCliEnv(fx.home, fx.emu.url),
      );
      assert.equal(cli.code, 0, `${cli.stderr}\n${d.output().slice(-3000)}`);
      assert.match((JSON.parse(cli.stdout) as { AccessKeyId: string }).AccessKeyId, /^ASIA/);
      assert.equal(fx.emu.counters().ops.GetRoleCredentials, gets + 1);
    },
  );
});
