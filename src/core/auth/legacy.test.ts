// Which profiles count as legacy-form uses of a session (docs/internals/token-file-shapes.md 4), and which
// tool a token file's shape names (docs/internals/token-file-shapes.md 1).
import assert from "node:assert/strict";
import { test } from "node:test";
import { legacyUses } from "./legacy.ts";
import { tokenShape } from "./shapes.ts";

const URL = "https://d-1234567890.awsapps.com/start";
const session = { name: "acme", startUrl: URL, region: "eu-north-1", scopes: [], flow: "auto" as const };

test("legacy uses: inline sso_start_url without sso_session, in profiles only, the URL as written", () => {
  const text = [
    "[sso-session acme]",
    `sso_start_url = ${URL}`,
    "[profile modern]",
    "sso_session = acme",
    `sso_start_url = ${URL}`,
    "sso_account_id = 111111111111",
    "[profile legacy]",
    `sso_start_url = ${URL}/`,
    "sso_account_id = 111111111111",
    "sso_role_name = Admin",
    "[default]",
    `sso_start_url=${URL}`,
    "sso_role_name = Admin",
    "[profile other-instance]",
    "sso_start_url = https://d-999.awsapps.com/start",
    "sso_account_id = 1",
    "[profile no-role]",
    `sso_start_url = ${URL}#/`,
  ].join("\n");
  assert.deepEqual(legacyUses([text], [session]), { acme: [`${URL}/`, URL] });
  assert.deepEqual(legacyUses(["[profile x]\nsso_session = acme\nsso_account_id = 1\n"], [session]), {});
});

test("token shapes: aws-vault, the JS SDK, the AWS CLI / botocore, anything else", () => {
  const cli = {
    startUrl: URL,
    region: "r",
    accessToken: "a",
    expiresAt: "2026-01-01T00:00:00Z",
    clientId: "c",
    clientSecret: "s",
    registrationExpiresAt: "2027-01-01T00:00:00Z",
  };
  const py = (o: object) => JSON.stringify(o).replace(/","/g, '", "').replace(/":"/g, '": "');
  assert.equal(tokenShape(py(cli), cli), "aws-cli/botocore");
  assert.equal(tokenShape(JSON.stringify(cli, null, 2), cli), "js-sdk");
  const vault = { accessToken: "a", expiresAt: "2026-01-01T00:00:00.5Z" };
  assert.equal(tokenShape(JSON.stringify(vault), vault), "aws-vault");
  const extra = { ...cli, mine: "x" };
  assert.equal(tokenShape(py(extra), extra), "unknown");
});
