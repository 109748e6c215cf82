// OIDC answers that are wrong or never come, against the emulator through the real SDK client: a
// `200 {}` or a token without expiresIn is never stored; a refresh that hangs ends at the deadline, and a
// still-valid token is used meanwhile; a sign-in whose calls answer `{}` writes nothing.
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { afterEach, describe, test } from "node:test";
import { UnexpectedAnswerError } from "../../src/core/answer-shape.ts";
import {
  getValidToken,
  login,
  refreshToken,
  tokenCachePath,
  type OidcTimeouts,
} from "../../src/core/auth/index.ts";
import { NetworkError } from "../../src/core/errors.ts";
import { AUTH, authWorld, seedToken, snapshotCache, testSession, type AuthWorld } from "./support.ts";

let w: AuthWorld | undefined;
afterEach(async () => {
  await w?.close();
  w = undefined;
});
const session = testSession();
const quiet = { say: () => undefined, sleep: () => Promise.resolve() };
const fast: OidcTimeouts = { requestMs: 300, connectMs: 1000, deadlineMs: 1000 };

function unexpected(operation: string, fields: RegExp, secrets: string[] = []) {
  return (err: unknown) => {
    assert.ok(err instanceof UnexpectedAnswerError, String(err));
    assert.match(err.message, new RegExp(`^${operation}: the service answered an unexpected body \\(`));
    assert.match(err.message, fields);
    assert.match(err.hint ?? "", /AWS_ENDPOINT_URL_SSO_OIDC/);
    for (const s of secrets) assert.ok(!err.message.includes(s), "no secret in the message");
    return true;
  };
}

describe("OIDC answers are checked before they are believed", () => {
  test("refresh answered 200 {}: an error naming the fields, the token file untouched", async () => {
    w = await authWorld({ answerFaults: [{ op: "CreateToken", grant: "refresh_token", answer: "empty" }] });
    const t = await seedToken(w, session, 300);
    const before = await readFile(tokenCachePath(session, { env: w.env }), "utf8");
    await assert.rejects(
      refreshToken(session, { ...AUTH, env: w.env }),
      unexpected("CreateToken", /accessToken: missing; expiresIn: missing/, [t.accessToken]),
    );
    assert.equal(await readFile(tokenCachePath(session, { env: w.env }), "utf8"), before);
  });

  test("a token without expiresIn is not stored with a made-up lifetime", async () => {
    const answerFaults = [{ op: "CreateToken" as const, answer: "drop" as const, member: "expiresIn" }];
    w = await authWorld({ answerFaults });
    await seedToken(w, session, 300);
    const before = await readFile(tokenCachePath(session, { env: w.env }), "utf8");
    await assert.rejects(
      refreshToken(session, { ...AUTH, env: w.env }),
      unexpected("CreateToken", /\(expiresIn: missing\)/),
    );
    assert.equal(await readFile(tokenCachePath(session, { env: w.env }), "utf8"), before);
  });

  test("a wrong refresh answer while the token is valid: the current token is used", async () => {
    w = await authWorld({ answerFaults: [{ op: "CreateToken", grant: "refresh_token", answer: "empty" }] });
    const t = await seedToken(w, session, 300);
    const got = await getValidToken(session, { ...AUTH, env: w.env });
    assert.equal(got.accessToken, t.accessToken);
    assert.equal(w.emu.counters().malformed, 1);
  });

  for (const op of ["RegisterClient", "StartDeviceAuthorization"] as const) {
    test(`sign-in with ${op} answering 200 {}: a clear error, nothing written`, async () => {
      w = await authWorld({ answerFaults: [{ op, answer: "empty" }] });
      const field = op === "RegisterClient" ? /clientId: missing/ : /deviceCode: missing/;
      await assert.rejects(
        login(session, { ...AUTH, flow: "device-code", io: quiet, env: w.env }),
        unexpected(op, field),
      );
      assert.deepEqual(await snapshotCache(w.cacheDir), {});
    });
  }
});

describe("OIDC requests that are accepted and never answered", { timeout: 30_000 }, () => {
  test("refresh hangs, token still valid: the current token is used once the deadline passes", async () => {
    w = await authWorld({ answerFaults: [{ op: "CreateToken", grant: "refresh_token", answer: "hang" }] });
    const t = await seedToken(w, session, 300);
    const got = await getValidToken(session, { env: w.env, ...AUTH, timeouts: fast });
    assert.equal(got.accessToken, t.accessToken);
    assert.ok(w.emu.counters().hung >= 1);
  });

  test("refresh hangs, token expired: NetworkError naming the deadline, the file untouched", async () => {
    w = await authWorld({ answerFaults: [{ op: "CreateToken", grant: "refresh_token", answer: "hang" }] });
    await seedToken(w, session, -10);
    const before = await readFile(tokenCachePath(session, { env: w.env }), "utf8");
    await assert.rejects(getValidToken(session, { ...AUTH, env: w.env, timeouts: fast }), (err: unknown) => {
      assert.ok(err instanceof NetworkError, String(err));
      assert.match(
        err.message,
        /no answer from the IAM Identity Center OIDC endpoint \S+ (within 1 s )?during token refresh/,
      );
      assert.match(err.hint ?? "", /timeouts\.(oidcDeadline|request)Seconds/);
      return true;
    });
    assert.equal(await readFile(tokenCachePath(session, { env: w.env }), "utf8"), before);
  });

  test("a hung refresh does not stop a login: it falls back to a new sign-in", async () => {
    w = await authWorld({ answerFaults: [{ op: "CreateToken", grant: "refresh_token", answer: "hang" }] });
    await seedToken(w, session, 60);
    const lines: string[] = [];
    const io = { ...quiet, say: (l: string) => void lines.push(l) };
    const res = await login(session, {
      ...AUTH,
      flow: "device-code",
      io,
      env: w.env,
      timeouts: fast,
    });
    assert.equal(res.action, "new");
    assert.ok(
      lines.some((l) => /could not be refreshed \(no answer/.test(l)),
      lines.join("\n"),
    );
  });

  test("a device-code poll that hangs ends the sign-in at the deadline, nothing written", async () => {
    w = await authWorld({ answerFaults: [{ op: "CreateToken", grant: "device_code", answer: "hang" }] });
    await assert.rejects(
      login(session, { ...AUTH, flow: "device-code", io: quiet, env: w.env, timeouts: fast }),
      /no answer from the IAM Identity Center OIDC endpoint .* during token request/,
    );
    const hung = w.emu.counters().hung;
    assert.ok(hung >= 1 && hung <= 3, `one poll and the SDK's retries, not polling on: ${hung}`);
    assert.ok(!(await readFile(tokenCachePath(session, { env: w.env }), "utf8").catch(() => "")));
  });
});
