// The login flows in-process against the emulator over real HTTP: device code (pending, slow_down,
// denial, expiry, Ctrl-C) and PKCE (the browser leg is a fetch that follows the 302 to the loopback).
import assert from "node:assert/strict";
import { readFile, writeFile, mkdir } from "node:fs/promises";
import { afterEach, describe, test } from "node:test";
import {
  login,
  LoginCancelledError,
  LoginFailedError,
  readTokenCache,
  registrationCachePath,
  tokenCachePath,
} from "../../src/core/auth/index.ts";
import { sleep, type FlowIo } from "../../src/core/auth/flow.ts";
import { NetworkError } from "../../src/core/errors.ts";
import { AUTH, authWorld, snapshotCache, testSession, type AuthWorld } from "./support.ts";

let w: AuthWorld | undefined;
afterEach(async () => {
  await w?.close();
  w = undefined;
});

const session = testSession();
const lines: string[] = [];
const quiet: FlowIo = { say: (l) => lines.push(l) };

/** Plays the browser: opens whatever /authorize URL the flow prints and follows the redirect. */
function browserIo(extra: Partial<FlowIo> = {}): FlowIo & { visits: Promise<Response>[] } {
  const visits: Promise<Response>[] = [];
  return {
    visits,
    say(line) {
      const m = /(http:\/\/\S+\/authorize\?\S+)/.exec(line);
      if (m?.[1]) visits.push(fetch(m[1]));
    },
    ...extra,
  };
}

describe("device-code login", () => {
  test("writes token and registration; a second login reuses both", async () => {
    w = await authWorld({ approval: { autoAfterPolls: 1 } });
    const res = await login(session, {
      ...AUTH,
      flow: "device-code",
      io: { ...quiet, sleep: () => sleep(20) },
      env: w.env,
    });
    assert.equal(res.action, "new");
    const read = await readTokenCache(session, { env: w.env });
    assert.equal(read.state, "ok");
    if (read.state !== "ok") return;
    assert.ok(read.token.refreshToken && read.token.clientId && read.token.registrationExpiresAt);
    assert.ok(Math.abs(read.token.expiresAt.getTime() - (Date.now() + 3600_000)) < 5000);
    const reg = JSON.parse(await readFile(registrationCachePath(session, { env: w.env }), "utf8")) as Record<
      string,
      unknown
    >;
    assert.equal(reg.clientId, read.token.clientId);
    assert.equal(reg.grantTypes, undefined, "device registrations list no grant types");

    const before = w.emu.counters().ops;
    const again = await login(session, {
      ...AUTH,
      flow: "device-code",
      io: quiet,
      env: w.env,
    });
    assert.equal(again.action, "reused");
    assert.deepEqual(w.emu.counters().ops, before, "no request at all");

    const forced = await login(session, {
      ...AUTH,
      flow: "device-code",
      force: true,
      io: { ...quiet, sleep: () => sleep(20) },
      env: w.env,
    });
    assert.equal(forced.action, "new");
    const ops = w.emu.counters().ops;
    assert.equal(ops.RegisterClient, before.RegisterClient, "the cached registration is reused");
    assert.equal(ops.StartDeviceAuthorization, (before.StartDeviceAuthorization ?? 0) + 1);
  });

  test("honours interval and adds 5 s on slow_down", async () => {
    w = await authWorld({ approval: { autoAfterPolls: 5 }, deviceInterval: 2 });
    const waits: number[] = [];
    // Not waiting makes the polls fast, so the emulator answers slow_down after three of them.
    await login(session, {
      ...AUTH,
      flow: "device-code",
      io: { ...quiet, sleep: async (ms) => void waits.push(ms) },
      env: w.env,
    });
    assert.equal(waits[0], 2000);
    assert.ok(waits.includes(7000), `intervals: ${waits.join(",")}`);
    assert.equal(w.emu.counters().statuses["400"] !== undefined, true);
  });

  test("denied: clear error, nothing written", async () => {
    w = await authWorld({ approval: "deny" });
    await assert.rejects(
      login(session, { ...AUTH, flow: "device-code", io: quiet, env: w.env }),
      (err: Error) => {
        assert.ok(err instanceof LoginFailedError);
        assert.match(err.message, /denied/);
        return true;
      },
    );
    assert.deepEqual(await snapshotCache(w.cacheDir), {});
  });

  test("expired device code: stops with a clear error, nothing written", async () => {
    w = await authWorld({ approval: "manual", deviceCodeTtlSec: 1 });
    await assert.rejects(
      login(session, {
        ...AUTH,
        flow: "device-code",
        io: { ...quiet, sleep: () => sleep(200) },
        env: w.env,
      }),
      /device code expired/,
    );
    assert.deepEqual(await snapshotCache(w.cacheDir), {});
  });

  test("abort (Ctrl-C) while polling: LoginCancelledError, nothing written", async () => {
    w = await authWorld({ approval: "manual" });
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 300);
    await assert.rejects(
      login(session, {
        ...AUTH,
        flow: "device-code",
        io: { ...quiet, signal: ac.signal },
        env: w.env,
      }),
      LoginCancelledError,
    );
    assert.deepEqual(await snapshotCache(w.cacheDir), {});
  });

  test("an expiring cached registration is replaced", async () => {
    w = await authWorld({ approval: { autoAfterPolls: 0 } });
    const regFile = registrationCachePath(session, { env: w.env });
    await mkdir(w.cacheDir, { recursive: true });
    const soon = new Date(Date.now() + 5 * 60_000).toISOString();
    await writeFile(
      regFile,
      JSON.stringify({
        clientId: "old-client",
        clientSecret: "old-secret-123",
        expiresAt: soon,
        scopes: ["sso:account:access"],
      }),
    );
    await login(session, { ...AUTH, flow: "device-code", io: quiet, env: w.env });
    assert.equal(w.emu.counters().ops.RegisterClient, 1);
    const reg = JSON.parse(await readFile(regFile, "utf8")) as { clientId: string };
    assert.notEqual(reg.clientId, "old-client");
  });

  test("unreachable endpoint: NetworkError naming the endpoint", async () => {
    w = await authWorld();
    // The endpoint comes from the env given to the call, not from process.env (client-settings.ts).
    const env = { ...w.env, AWS_ENDPOINT_URL_SSO_OIDC: "http://127.0.0.1:9" };
    await assert.rejects(login(session, { ...AUTH, flow: "device-code", io: quiet, env }), (err: Error) => {
      assert.ok(err instanceof NetworkError, String(err));
      assert.match(err.message, /127\.0\.0\.1:9/);
      assert.ok(err.hint);
      return true;
    });
  });
});

describe("PKCE login", () => {
  test("authorize → 302 to the loopback → token; PKCE registration cached with grantTypes", async () => {
    w = await authWorld();
    const io = browserIo();
    const res = await login(session, { ...AUTH, flow: "pkce", io, env: w.env });
    assert.equal(res.action, "new");
    assert.equal(io.visits.length, 1);
    assert.equal((await io.visits[0])?.status, 200, "the callback page answered after the redirect");
    const reg = JSON.parse(await readFile(registrationCachePath(session, { env: w.env }), "utf8")) as Record<
      string,
      unknown
    >;
    assert.deepEqual(reg.grantTypes, ["authorization_code", "refresh_token"]);
    assert.deepEqual(reg.scopes, ["sso:account:access"]);
    assert.equal(w.emu.counters().grants.authorization_code, 1);
    assert.equal((await readTokenCache(session, { env: w.env })).state, "ok");
  });

  test("a device registration is not used for PKCE (and vice versa)", async () => {
    w = await authWorld({ approval: { autoAfterPolls: 0 } });
    await login(session, { ...AUTH, flow: "device-code", io: quiet, env: w.env });
    await login(session, { ...AUTH, flow: "pkce", force: true, io: browserIo(), env: w.env });
    await login(session, {
      ...AUTH,
      flow: "device-code",
      force: true,
      io: quiet,
      env: w.env,
    });
    assert.equal(w.emu.counters().ops.RegisterClient, 3);
  });

  test("denied in the browser (?error=access_denied): clear error, old cache kept", async () => {
    w = await authWorld({ approval: "deny" });
    await mkdir(w.cacheDir, { recursive: true });
    await writeFile(tokenCachePath(session, { env: w.env }), "{corrupt");
    await assert.rejects(login(session, { ...AUTH, flow: "pkce", io: browserIo(), env: w.env }), /denied/);
    assert.equal(await readFile(tokenCachePath(session, { env: w.env }), "utf8"), "{corrupt");
  });

  test("a callback with the wrong state is refused (400) and the login still completes", async () => {
    w = await authWorld();
    const forged: Promise<number>[] = [];
    const browser = browserIo();
    const io: FlowIo = {
      say(line) {
        const m = /redirect_uri=([^&\s]+)/.exec(line);
        if (!m?.[1]) return;
        // Another local process calls the loopback first; the real browser comes after.
        const status = fetch(`${decodeURIComponent(m[1])}?code=stolen&state=not-the-state`).then(
          (r) => r.status,
        );
        forged.push(status);
        void status.then(() => browser.say(line));
      },
    };
    const res = await login(session, { ...AUTH, flow: "pkce", io, env: w.env });
    assert.equal(res.action, "new");
    assert.equal(await forged[0], 400);
    assert.equal(w.emu.counters().grants.authorization_code, 1, "only the real code was redeemed");
    assert.equal((await readTokenCache(session, { env: w.env })).state, "ok");
  });

  test("the loopback wait times out", async () => {
    w = await authWorld();
    await assert.rejects(
      login(session, {
        ...AUTH,
        flow: "pkce",
        io: quiet,
        env: w.env,
        callbackTimeoutMs: 200,
      }),
      /no sign-in arrived/,
    );
    assert.deepEqual(Object.keys(await snapshotCache(w.cacheDir)), []);
  });

  test("a corrupt cache file is replaced after a successful login", async () => {
    w = await authWorld();
    await mkdir(w.cacheDir, { recursive: true });
    const file = tokenCachePath(session, { env: w.env });
    await writeFile(file, "not json");
    const said: string[] = [];
    const browser = browserIo();
    const io: FlowIo = { say: (l) => (said.push(l), browser.say(l)) };
    await login(session, { ...AUTH, flow: "pkce", io, env: w.env });
    assert.ok(said.some((l) => /unusable/.test(l)));
    assert.equal((await readTokenCache(session, { env: w.env })).state, "ok");
  });
});
