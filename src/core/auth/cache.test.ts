import assert from "node:assert/strict";
import { mkdir, readdir, readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, test } from "node:test";
import { tempHome, type TempHome } from "../../../test/support/emulator.ts";
import { readTokenCache, tokenCachePath, writeTokenCache } from "./cache.ts";

const session = {
  name: "acme",
  startUrl: "https://d-1234567890.awsapps.com/start",
  region: "eu-west-1",
  scopes: ["sso:account:access"],
  flow: "auto" as const,
};
const token = {
  accessToken: "access-token-value-1",
  expiresAt: new Date(Date.UTC(2030, 0, 2, 3, 4, 5, 600)),
  clientId: "client-id-1",
  clientSecret: "client-secret-value-1",
  registrationExpiresAt: new Date(Date.UTC(2030, 3, 1)),
  refreshToken: "refresh-token-value-1",
};

let h: TempHome;
const opts = () => ({ env: h.env });
const cacheDir = () => join(h.home, ".aws", "sso", "cache");
beforeEach(async () => (h = await tempHome()));
afterEach(() => h.cleanup());

describe("token cache file", () => {
  test("written exactly like the AWS CLI: field order, one line, 0600 in a new 0700 dir", async () => {
    const file = await writeTokenCache(session, token, opts());
    assert.equal(file, tokenCachePath(session, opts()));
    assert.equal(
      await readFile(file, "utf8"),
      '{"startUrl": "https://d-1234567890.awsapps.com/start", "region": "eu-west-1", "accessToken": "access-token-value-1", ' +
        '"expiresAt": "2030-01-02T03:04:05Z", "clientId": "client-id-1", "clientSecret": "client-secret-value-1", ' +
        '"registrationExpiresAt": "2030-04-01T00:00:00Z", "refreshToken": "refresh-token-value-1"}',
    );
    assert.equal((await stat(file)).mode & 0o777, 0o600);
    assert.equal((await stat(cacheDir())).mode & 0o777, 0o700);
    assert.deepEqual(await readdir(cacheDir()), [file.split("/").pop()], "no temp files left behind");
  });

  test("an existing cache dir keeps its mode; an existing file is replaced with 0600", async () => {
    await mkdir(cacheDir(), { recursive: true, mode: 0o755 });
    const file = tokenCachePath(session, opts());
    await writeFile(file, "{}", { mode: 0o644 });
    await writeTokenCache(session, token, opts());
    assert.equal((await stat(cacheDir())).mode & 0o777, 0o755);
    assert.equal((await stat(file)).mode & 0o777, 0o600);
  });

  test("round trip, and unknown fields survive when kept", async () => {
    await writeTokenCache(session, token, {
      ...opts(),
      keep: { extraField: { a: [1, 2] }, accessToken: "old" },
    });
    const read = await readTokenCache(session, opts());
    assert.equal(read.state, "ok");
    if (read.state !== "ok") return;
    assert.equal(read.token.accessToken, token.accessToken);
    assert.equal(read.token.expiresAt.toISOString(), "2030-01-02T03:04:05.000Z");
    assert.equal(read.token.refreshToken, token.refreshToken);
    assert.deepEqual(read.raw.extraField, { a: [1, 2] });
  });

  test("missing, corrupt and foreign files are reported, not repaired", async () => {
    assert.equal((await readTokenCache(session, opts())).state, "missing");
    const file = tokenCachePath(session, opts());
    await mkdir(cacheDir(), { recursive: true });
    const cases: Array<[string, RegExp]> = [
      ["{not json", /not valid JSON/],
      ["[1,2]", /not a JSON object/],
      ['{"expiresAt": "2030-01-01T00:00:00Z"}', /no accessToken/],
      ['{"accessToken": "abcdefghij", "expiresAt": "2030-01-01T00:00:00"}', /expiresAt/],
      [
        '{"accessToken": "abcdefghij", "expiresAt": "2030-01-01T00:00:00Z", "startUrl": "https://other.awsapps.com/start"}',
        /another start URL/,
      ],
    ];
    for (const [text, reason] of cases) {
      await writeFile(file, text);
      const read = await readTokenCache(session, opts());
      assert.equal(read.state, "invalid", text);
      if (read.state === "invalid") assert.match(read.reason, reason);
      assert.equal(await readFile(file, "utf8"), text, "reading never rewrites");
    }
  });

  test("JS SDK style files (pretty JSON, milliseconds, no startUrl) are accepted", async () => {
    await mkdir(cacheDir(), { recursive: true });
    const js = {
      accessToken: "js-access-token",
      expiresAt: "2030-05-06T07:08:09.123Z",
      refreshToken: "js-refresh-token",
    };
    await writeFile(tokenCachePath(session, opts()), JSON.stringify(js, null, 2));
    const read = await readTokenCache(session, opts());
    assert.equal(read.state, "ok");
    if (read.state === "ok") assert.equal(read.token.expiresAt.toISOString(), "2030-05-06T07:08:09.123Z");
  });
});
