// docs/internals/emulator.md 3.5: every error carries x-amzn-ErrorType; portal bodies are
// {"message","__type"}, OIDC bodies {"error","error_description"}; checked on the raw wire and through the JS
// SDK (name, $metadata, $fault).
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { ListAccountsCommand, SSOClient } from "@aws-sdk/client-sso";
import { CreateTokenCommand, RegisterClientCommand, SSOOIDCClient } from "@aws-sdk/client-sso-oidc";
import { startTestEmulator, type TestEmulator } from "../support/emulator.ts";
import { DEVICE_GRANT, oidc, pollDevice, portal, refresh, register, startDevice } from "./helpers.ts";

const OIDC_NS = ":http://internal.amazon.com/coral/com.amazonaws.sso.oidc/";

interface SdkError {
  name: string;
  message: string;
  $fault: string;
  $metadata: { httpStatusCode?: number };
  error?: string;
  error_description?: string;
}

async function sdkError(p: Promise<unknown>): Promise<SdkError> {
  try {
    await p;
  } catch (err) {
    return err as SdkError;
  }
  throw new Error("expected the call to fail");
}

describe("error shapes", () => {
  let emu: TestEmulator;
  before(async () => {
    emu = await startTestEmulator({ approval: "manual" });
  });
  after(() => emu.close());

  test("portal 401: header, body and status on the wire", async () => {
    const r = await portal(emu, "/assignment/accounts", "not-a-token");
    assert.equal(r.status, 401);
    assert.equal(r.headers.get("x-amzn-ErrorType"), "UnauthorizedException");
    assert.equal(r.headers.get("content-type"), "application/json");
    assert.deepEqual(r.json, {
      message: "Session token not found or invalid",
      __type: "com.amazonaws.switchboard.portal#UnauthorizedException",
    });
  });

  test("portal 400 and 404 carry the same shape", async () => {
    const t = emu.issueToken().accessToken;
    const bad = await portal(emu, "/assignment/roles", t);
    assert.equal(bad.status, 400);
    assert.equal(bad.headers.get("x-amzn-ErrorType"), "InvalidRequestException");
    assert.equal(bad.json.__type, "com.amazonaws.switchboard.portal#InvalidRequestException");
    const missing = await portal(emu, "/assignment/roles?account_id=000000000000", t);
    assert.equal(missing.status, 404);
    assert.equal(missing.headers.get("x-amzn-ErrorType"), "ResourceNotFoundException");
    assert.equal(typeof missing.json.message, "string");
  });

  test("OIDC errors: header with the coral namespace, OAuth body, no message/__type", async () => {
    const reg = await register(emu);
    const { deviceCode } = await startDevice(emu, reg);
    const pending = await pollDevice(emu, reg, deviceCode);
    assert.equal(pending.status, 400);
    assert.equal(pending.headers.get("x-amzn-ErrorType"), `AuthorizationPendingException${OIDC_NS}`);
    assert.deepEqual(pending.json, {
      error: "authorization_pending",
      error_description: "Authorization is still pending",
    });
    const badClient = await pollDevice(emu, { ...reg, clientSecret: "wrong" }, deviceCode);
    assert.equal(badClient.status, 401);
    assert.equal(badClient.headers.get("x-amzn-ErrorType"), `InvalidClientException${OIDC_NS}`);
    assert.equal(badClient.json.error, "invalid_client");
    const grant = await refresh(emu, reg, "nope");
    assert.equal(grant.status, 400);
    assert.deepEqual(grant.json, {
      error: "invalid_grant",
      error_description: "Invalid refresh token provided",
    });
    const unsupported = await oidc(emu, "/token", { ...reg, grantType: "password" });
    assert.equal(unsupported.headers.get("x-amzn-ErrorType"), `UnsupportedGrantTypeException${OIDC_NS}`);
    const notJson = await oidc(emu, "/client/register", "x");
    assert.equal(notJson.json.error, "invalid_request");
    const publicOnly = await oidc(emu, "/client/register", { clientName: "x", clientType: "confidential" });
    assert.equal(publicOnly.json.error, "invalid_client_metadata");
  });

  test("JS SDK maps portal errors by name with the real status", async () => {
    const sso = new SSOClient({ region: "us-east-1", endpoint: emu.url });
    const e = await sdkError(sso.send(new ListAccountsCommand({ accessToken: "bad" })));
    assert.equal(e.name, "UnauthorizedException");
    assert.equal(e.message, "Session token not found or invalid");
    assert.equal(e.$fault, "client");
    assert.equal(e.$metadata.httpStatusCode, 401);
    const t = emu.issueToken().accessToken;
    const big = await sdkError(sso.send(new ListAccountsCommand({ accessToken: t, maxResults: 101 })));
    assert.equal(big.name, "InvalidRequestException");
    assert.equal(big.$metadata.httpStatusCode, 400);
  });

  test("JS SDK maps OIDC errors by the header and keeps error/error_description", async () => {
    const client = new SSOOIDCClient({ region: "us-east-1", endpoint: emu.url });
    const reg = await client.send(new RegisterClientCommand({ clientName: "sdk", clientType: "public" }));
    const creds = { clientId: reg.clientId!, clientSecret: reg.clientSecret! };
    const { deviceCode } = await startDevice(emu, creds);
    const pending = await sdkError(
      client.send(new CreateTokenCommand({ ...creds, grantType: DEVICE_GRANT, deviceCode })),
    );
    assert.equal(pending.name, "AuthorizationPendingException");
    assert.equal(pending.$metadata.httpStatusCode, 400);
    assert.equal(pending.error, "authorization_pending");
    const grant = await sdkError(
      client.send(new CreateTokenCommand({ ...creds, grantType: "refresh_token", refreshToken: "nope" })),
    );
    assert.equal(grant.name, "InvalidGrantException");
    assert.equal(grant.error_description, "Invalid refresh token provided");
    const bad = await sdkError(
      client.send(
        new CreateTokenCommand({ ...creds, clientSecret: "x", grantType: DEVICE_GRANT, deviceCode }),
      ),
    );
    assert.equal(bad.name, "InvalidClientException");
    assert.equal(bad.$metadata.httpStatusCode, 401);
  });
});
