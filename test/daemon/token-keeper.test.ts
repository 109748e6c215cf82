// The daemon's token keeper in-process against the emulator: what it reports about a session that needs a
// login comes from LoginNeededError's reason field and is the very reason a sync gives; a refresh token
// another tool spent first is handled as in a sync.
import assert from "node:assert/strict";
import { writeFile } from "node:fs/promises";
import { afterEach, describe, test } from "node:test";
import { getValidToken, tokenCachePath } from "../../src/core/auth/index.ts";
import { sessionSchema } from "../../src/core/config/session.ts";
import { TokenKeeper, type KeeperEvents } from "../../src/core/daemon/token-keeper.ts";
import { LoginNeededError, type LoginReason } from "../../src/core/errors.ts";
import type { TempHome } from "../support/emulator.ts";
import { AUTH, authWorld, rivalRefreshesFirst, seedToken, type AuthWorld } from "../auth/support.ts";

let w: AuthWorld | undefined;
let keeper: TokenKeeper | undefined;
let other: TempHome | undefined;
afterEach(async () => {
  keeper?.stop();
  await keeper?.idle();
  await w?.close();
  await other?.cleanup();
  w = keeper = other = undefined;
});

const session = sessionSchema.parse({
  name: "acme",
  startUrl: "https://d-1234567890.awsapps.com/start",
  region: "us-east-1",
});

function start(world: AuthWorld): { keeper: TokenKeeper; needed: Array<[string, LoginReason | string]> } {
  const needed: Array<[string, LoginReason | string]> = [];
  const events: KeeperEvents = {
    onLoginNeeded: (name, reason) => void needed.push([name, reason]),
    onNewToken: () => undefined,
    onRefreshed: () => undefined,
  };
  const k = new TokenKeeper(world.env, AUTH.refreshLeadSeconds, events, AUTH.timeouts);
  k.setSessions([session], AUTH.refreshLeadSeconds);
  return { keeper: k, needed };
}

async function loginNeeded(p: Promise<unknown>): Promise<LoginNeededError> {
  const err = await p.then(
    () => assert.fail("expected LoginNeededError"),
    (e: unknown) => e,
  );
  assert.ok(err instanceof LoginNeededError, String(err));
  return err;
}

describe("token keeper: another tool refreshed first", () => {
  test("the keeper takes the token that tool writes a moment after our refusal; no login needed", async () => {
    w = await authWorld();
    await seedToken(w, session, -10);
    const rival = await rivalRefreshesFirst(w, session);
    other = rival.other;
    const k = start(w);
    keeper = k.keeper;
    await rival.writeBack();
    const got = await keeper.token(session);
    assert.equal(got.accessToken, rival.winner.accessToken);
    assert.equal(keeper.status().acme?.state, "ok");
    assert.deepEqual(k.needed, []);
    assert.equal(w.emu.counters().grants.refresh_token, 2);
  });
});

describe("token keeper: login needed", () => {
  test("a revoked session: the status carries the error's reason code and text", async () => {
    w = await authWorld();
    await seedToken(w, session, -10);
    w.emu.revokeAll();
    const k = start(w);
    keeper = k.keeper;
    const err = await loginNeeded(keeper.token(session));
    assert.equal(err.reason.code, "session-ended");
    const st = keeper.status().acme;
    assert.equal(st?.state, "login-needed");
    assert.equal(st?.reasonCode, "session-ended");
    assert.equal(st?.reason, err.reason.text);
    assert.deepEqual(k.needed, [["acme", err.reason]], "reported once, with the same reason");
  });

  test("an unusable token file: the daemon gives the reason a sync gives", async () => {
    w = await authWorld();
    await seedToken(w, session, 3600);
    await writeFile(tokenCachePath(session, { env: w.env }), "garbage");
    const fromSync = await loginNeeded(getValidToken(session, { ...AUTH, env: w.env }));
    keeper = start(w).keeper;
    const fromDaemon = await loginNeeded(keeper.token(session));
    assert.equal(fromDaemon.message, fromSync.message);
    assert.equal(keeper.status().acme?.reasonCode, "cache-unusable");
  });
});
