// Network trouble never ends the daemon: with the endpoint unreachable (connections reset by a loopback
// proxy standing in for a dead network) and during a 5xx storm it keeps running, keeps the outputs and
// records the error; once the network is back, the next run writes.
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { createConnection, createServer, type Server, type Socket } from "node:net";
import { after, before, describe, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { generateOrg } from "../../src/emulator/index.ts";
import { baseConfig, syncFixture, type SyncFixture } from "../support/sync-fixture.ts";
import { accountIds, daemonState, readText, spawnDaemon, waitFor, type DaemonProc } from "./support.ts";

/** A TCP proxy to `port` that, while `down`, resets every connection it is offered. */
async function flakyProxy(
  port: number,
): Promise<{ url: string; setDown(v: boolean): void; close(): Promise<void> }> {
  let down = true;
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    sockets.add(client);
    client.on("close", () => sockets.delete(client));
    if (down) return void client.resetAndDestroy();
    const upstream = createConnection({ host: "127.0.0.1", port });
    sockets.add(upstream);
    upstream.on("close", () => sockets.delete(upstream));
    client.pipe(upstream).pipe(client);
    client.on("error", () => upstream.destroy());
    upstream.on("error", () => client.destroy());
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port: own } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${own}`,
    setDown(v) {
      down = v;
      if (v) for (const s of sockets) s.destroy();
    },
    close: () => new Promise<void>((r) => (sockets.forEach((s) => s.destroy()), server.close(() => r()))),
  };
}

describe("daemon: network down and 5xx storms", { timeout: 120_000 }, () => {
  const org = generateOrg(4, { seed: 8 });
  let fx: SyncFixture;
  let proxy: Awaited<ReturnType<typeof flakyProxy>>;
  let d: DaemonProc;

  before(async () => {
    fx = await syncFixture(org, `${baseConfig}schedule: "*/1 * * * * *"\ndiscovery:\n  maxAttempts: 2\n`);
    proxy = await flakyProxy(Number(new URL(fx.emu.url).port));
    d = spawnDaemon({ ...fx.env, AWS_ENDPOINT_URL_SSO: proxy.url, AWS_ENDPOINT_URL_SSO_OIDC: proxy.url });
  });
  after(async () => {
    await d.stop("SIGKILL");
    await proxy.close();
    await fx.cleanup();
  });

  test("network down from the start: the daemon keeps running and records the failure", async () => {
    await waitFor(
      "two failed runs",
      async () => ((await daemonState(fx.configFile, fx.env))?.counts.failed ?? 0) >= 2,
      15_000,
      d,
    );
    const s = await daemonState(fx.configFile, fx.env);
    assert.equal(d.child.exitCode, null);
    assert.equal(s?.sessions[0]?.status, "failed");
    assert.ok(s?.lastError?.message, "the error is recorded");
    assert.equal(await readText(fx.awsConfig), "", "nothing written without a discovery");
  });

  test("network back: the next run writes", async () => {
    proxy.setDown(false);
    const want = org.accounts
      .map((a) => a.accountId)
      .sort()
      .join();
    await waitFor(
      "the org's accounts",
      async () => [...accountIds(await readText(fx.awsConfig))].sort().join() === want,
      8_000,
      d,
    );
  });

  test("a 5xx storm and a second outage leave the outputs in place; recovery resumes", async () => {
    const before = await readFile(fx.awsConfig, "utf8");
    const failed = (await daemonState(fx.configFile, fx.env))?.counts.failed ?? 0;
    fx.emu.configure({ errorRate: 1 });
    await waitFor(
      "a failed run in the storm",
      async () => ((await daemonState(fx.configFile, fx.env))?.counts.failed ?? 0) > failed,
      15_000,
      d,
    );
    proxy.setDown(true);
    await sleep(2_500);
    assert.equal(d.child.exitCode, null);
    assert.equal(await readFile(fx.awsConfig, "utf8"), before);
    fx.emu.configure({ errorRate: 0 });
    const next = generateOrg(6, { seed: 9 });
    fx.emu.setOrg(next);
    proxy.setDown(false);
    const want = next.accounts
      .map((a) => a.accountId)
      .sort()
      .join();
    await waitFor(
      "the new org's accounts",
      async () => [...accountIds(await readText(fx.awsConfig))].sort().join() === want,
      10_000,
      d,
    );
  });
});
