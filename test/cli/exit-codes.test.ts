// One test per exit code of docs/cli.md, each from the real CLI against the emulator on loopback: the code
// a script sees is the one the table promises, and the message says what to do once.
import assert from "node:assert/strict";
import { chmod, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { ExitCode } from "../../src/core/errors.ts";
import { generateOrg } from "../../src/emulator/index.ts";
import { runCli, startCli } from "../support/cli.ts";
import { baseConfig, seedToken, syncFixture, type SyncFixture } from "../support/sync-fixture.ts";

/** A loopback port nothing listens on: bound once by us, then closed. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  assert.ok(address && typeof address === "object");
  return address.port;
}

const FEW_ATTEMPTS = `${baseConfig}discovery:\n  maxAttempts: 2\n`;

describe("exit codes (docs/cli.md)", { timeout: 300_000 }, () => {
  let fx: SyncFixture;
  before(async () => {
    fx = await syncFixture(generateOrg(4, { seed: 3 }));
  });
  after(() => fx.cleanup());

  test("0: success", async () => {
    const r = await runCli(["sync"], fx.env);
    assert.equal(r.code, ExitCode.ok, r.stderr);
  });

  test("1: an output could not be written (a read-only target)", async () => {
    await writeFile(fx.awsConfig, "[profile mine]\nregion = us-east-1\n");
    await chmod(fx.awsConfig, 0o444);
    try {
      const r = await runCli(["sync"], fx.env);
      assert.equal(r.code, ExitCode.failure, r.stderr);
      assert.match(r.stderr, /output aws-config: failed/);
    } finally {
      await chmod(fx.awsConfig, 0o644);
    }
  });

  test("2: usage errors (an unknown option, an unknown session)", async () => {
    const option = await runCli(["sync", "--no-such-option"], fx.env);
    assert.equal(option.code, ExitCode.usage, option.stderr);
    const session = await runCli(["sync", "--session", "nope"], fx.env);
    assert.equal(session.code, ExitCode.usage, session.stderr);
    assert.match(session.stderr, /no session named "nope"[\s\S]*known sessions: acme/);
  });

  test("3: an invalid config stops before any request", async () => {
    await fx.writeConfig(`${baseConfig}outputs:\n  - renderer: nope\n`);
    fx.emu.resetCounters();
    try {
      const r = await runCli(["sync"], fx.env);
      assert.equal(r.code, ExitCode.config, r.stderr);
      assert.equal(fx.emu.counters().requests, 0);
      const v = await runCli(["validate"], fx.env);
      assert.equal(v.code, ExitCode.config, v.stderr);
    } finally {
      await fx.writeConfig(baseConfig);
    }
  });

  test("4: login needed (no token in the cache)", async () => {
    await rm(join(fx.home, ".aws", "sso", "cache"), { recursive: true, force: true });
    try {
      const r = await runCli(["sync"], fx.env);
      assert.equal(r.code, ExitCode.loginNeeded, r.stderr);
      assert.match(r.stderr, /aws-sso-sync login --session acme/);
      const s = await runCli(["status"], fx.env);
      assert.equal(s.code, ExitCode.loginNeeded, s.stderr);
    } finally {
      await seedToken(fx.emu, fx.env);
    }
  });

  test("5: the endpoint cannot be reached, said once with its hint; login and sync alike", async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    await fx.writeConfig(FEW_ATTEMPTS);
    try {
      const env = { ...fx.env, AWS_ENDPOINT_URL_SSO: url, AWS_ENDPOINT_URL_SSO_OIDC: url };
      const r = await runCli(["sync"], env);
      assert.equal(r.code, ExitCode.network, r.stderr);
      assert.match(r.stderr, /ECONNREFUSED/);
      assert.equal(r.stderr.split("check your network").length - 1, 1, r.stderr);
      const login = await runCli(["login", "--device-code", "--no-browser", "--force"], env);
      assert.equal(login.code, ExitCode.network, login.stderr);
      assert.match(login.stderr, /ECONNREFUSED/);
    } finally {
      await fx.writeConfig(baseConfig);
    }
  });

  test("not 5: an OIDC endpoint that accepts the request and never answers was reached", async () => {
    await fx.writeConfig(`${baseConfig}timeouts:\n  requestSeconds: 0.5\n  oidcDeadlineSeconds: 1\n`);
    fx.emu.configure({ answerFaults: [{ op: "StartDeviceAuthorization", answer: "hang" }] });
    try {
      const login = await runCli(["login", "--device-code", "--no-browser", "--force"], fx.env, 60_000);
      assert.equal(login.timedOut, false);
      assert.equal(login.code, ExitCode.failure, login.stderr);
      assert.match(login.stderr, /no answer from the IAM Identity Center OIDC endpoint/);
      assert.ok(fx.emu.counters().hung >= 1, "the request reached the endpoint");
    } finally {
      fx.emu.configure({ answerFaults: [] });
      await fx.writeConfig(baseConfig);
    }
  });

  test("6: partial, a session's discovery failed after retries (its profiles are kept)", async () => {
    await fx.writeConfig(FEW_ATTEMPTS);
    fx.emu.configure({ errorRate: 1 });
    try {
      const r = await runCli(["sync"], fx.env);
      assert.equal(r.code, ExitCode.partial, r.stderr);
      assert.match(r.stderr, /session acme: failed: .*InternalServer.*\(kept from the last good sync\)/);
    } finally {
      fx.emu.configure({ errorRate: 0 });
      await fx.writeConfig(baseConfig);
    }
  });

  test("7: locked, a daemon already runs for this config", async () => {
    const first = startCli(["daemon"], fx.env, 120_000);
    try {
      await first.waitForStderr(/daemon started/, 60_000);
      const second = await runCli(["daemon"], fx.env);
      assert.equal(second.code, ExitCode.locked, second.stderr);
      assert.match(second.stderr, /already running/);
    } finally {
      first.child.kill("SIGTERM");
      assert.equal((await first.done).code, ExitCode.ok);
    }
  });

  test("130: Ctrl-C during login, nothing written", async () => {
    fx.emu.configure({ approval: "manual" });
    try {
      const run = startCli(["login", "--device-code", "--no-browser", "--force"], fx.env);
      await run.waitForStderr(/Waiting for approval/, 60_000);
      run.child.kill("SIGINT");
      const r = await run.done;
      assert.equal(r.code, 130, r.stderr);
    } finally {
      fx.emu.configure({ approval: { autoAfterPolls: 2 } });
    }
  });
});
