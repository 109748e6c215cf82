import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { cacheFilePath, isoSeconds, parseTimestamp, sha1Hex } from "./cache-dir.ts";
import { pythonJson } from "./pyjson.ts";
import { registrationKey } from "./registration.ts";

const START = "https://d-1234567890.awsapps.com/start";

describe("python json.dumps compatibility", () => {
  test("default separators, sort_keys and ensure_ascii like Python", () => {
    // Expected output captured from python3: json.dumps({...}, sort_keys=True)
    const value = { b: "é\x7f\n\u2028😀", a: [1, null, true] };
    assert.equal(
      pythonJson(value, { sortKeys: true }),
      '{"a": [1, null, true], "b": "\\u00e9\\u007f\\n\\u2028\\ud83d\\ude00"}',
    );
    assert.equal(pythonJson({ z: 1, a: 2 }), '{"z": 1, "a": 2}', "insertion order without sortKeys");
    assert.equal(pythonJson({ a: undefined, b: "x" }), '{"b": "x"}', "undefined members are left out");
  });

  test("registration cache file names match the AWS CLI (docs/internals/token-cache.md 6)", () => {
    const session = {
      name: "my-sso",
      startUrl: START,
      region: "us-east-1",
      scopes: ["sso:account:access"],
      flow: "auto" as const,
    };
    assert.equal(
      registrationKey(session),
      '{"region": "us-east-1", "scopes": ["sso:account:access"], "session_name": "my-sso", "startUrl": "https://d-1234567890.awsapps.com/start", "tool": "botocore"}',
    );
    assert.equal(sha1Hex(registrationKey(session)), "a8343d65418848d0bc13a5f25cbb32508ceec5d1");
    const legacy = {
      tool: "botocore",
      startUrl: START,
      region: "us-east-1",
      scopes: null,
      session_name: null,
    };
    assert.equal(sha1Hex(pythonJson(legacy, { sortKeys: true })), "365414a68be7c9bfc776c660981dbdbd942acea4");
  });

  test("token file names are sha1 of the session name, under $HOME/.aws/sso/cache", () => {
    assert.equal(sha1Hex("my-sso"), "0ad374308c5a4e22f723adf10145eafad7c4031c");
    assert.equal(
      cacheFilePath("my-sso", { env: { HOME: "/h" } }),
      "/h/.aws/sso/cache/0ad374308c5a4e22f723adf10145eafad7c4031c.json",
    );
  });
});

describe("timestamps", () => {
  test("written as UTC whole seconds with Z", () => {
    assert.equal(isoSeconds(new Date(Date.UTC(2026, 10, 27, 10, 53, 27, 678))), "2026-11-27T10:53:27Z");
  });

  test("read: Z, milliseconds and offsets accepted; naive and junk rejected", () => {
    assert.equal(parseTimestamp("2026-11-27T10:53:27Z")?.toISOString(), "2026-11-27T10:53:27.000Z");
    assert.equal(parseTimestamp("2026-11-27T10:53:11.678Z")?.toISOString(), "2026-11-27T10:53:11.678Z");
    assert.equal(parseTimestamp("2026-11-27T12:53:27+02:00")?.toISOString(), "2026-11-27T10:53:27.000Z");
    assert.equal(parseTimestamp("2026-11-27T10:53:27"), undefined, "naive values break botocore");
    assert.equal(parseTimestamp("2026-11-27T10:53:27UTC"), undefined);
    assert.equal(parseTimestamp("soon"), undefined);
    assert.equal(parseTimestamp(1764240807), undefined);
  });
});
