import assert from "node:assert/strict";
import { readFile, stat } from "node:fs/promises";
import { afterEach, beforeEach, describe, test } from "node:test";
import { tempHome, type TempHome } from "../../../test/support/emulator.ts";
import {
  readRegistration,
  registrationCachePath,
  registrationUsable,
  writeRegistration,
  type Registration,
} from "./registration.ts";

const session = {
  name: "acme",
  startUrl: "https://d-1234567890.awsapps.com/start",
  region: "us-east-1",
  scopes: ["sso:account:access"],
  flow: "auto" as const,
};
const MIN = 60_000;
const now = Date.UTC(2030, 0, 1);
const reg = (minutesLeft: number, grantTypes?: string[]): Registration => ({
  clientId: "cid",
  clientSecret: "client-secret-xyz",
  expiresAt: new Date(now + minutesLeft * MIN),
  ...(grantTypes ? { grantTypes } : {}),
});

describe("registration reuse rules (the AWS CLI's)", () => {
  test("needs at least 15 minutes left", () => {
    assert.equal(registrationUsable(reg(16), "device-code", now), true);
    assert.equal(registrationUsable(reg(14), "device-code", now), false);
    assert.equal(registrationUsable(reg(-1), "device-code", now), false);
  });

  test("device flow refuses authorization_code registrations; PKCE requires them", () => {
    const pkce = reg(60, ["authorization_code", "refresh_token"]);
    assert.equal(registrationUsable(pkce, "device-code", now), false);
    assert.equal(registrationUsable(pkce, "pkce", now), true);
    assert.equal(registrationUsable(reg(60), "pkce", now), false);
    assert.equal(registrationUsable(reg(60, ["refresh_token"]), "pkce", now), false);
  });
});

describe("registration cache file", () => {
  let h: TempHome;
  beforeEach(async () => (h = await tempHome()));
  afterEach(() => h.cleanup());

  test("written in the AWS CLI layout with mode 0600 and read back", async () => {
    const opts = { env: h.env };
    const r: Registration = {
      ...reg(90 * 24 * 60),
      expiresAt: new Date(Date.UTC(2030, 1, 2, 3, 4, 5)),
      scopes: ["sso:account:access"],
      grantTypes: ["authorization_code", "refresh_token"],
    };
    await writeRegistration(session, r, opts);
    const file = registrationCachePath(session, opts);
    assert.equal(
      await readFile(file, "utf8"),
      '{"clientId": "cid", "clientSecret": "client-secret-xyz", "expiresAt": "2030-02-02T03:04:05Z", "scopes": ["sso:account:access"], "grantTypes": ["authorization_code", "refresh_token"]}',
    );
    assert.equal((await stat(file)).mode & 0o777, 0o600);
    assert.deepEqual(await readRegistration(session, opts), r);
  });

  test("a missing or malformed file reads as no registration", async () => {
    assert.equal(await readRegistration(session, { env: h.env }), undefined);
  });
});
