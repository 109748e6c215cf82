// docs/internals/emulator.md 2: AWS CLI 2.9.19 and older botocore ignore AWS_ENDPOINT_URL_SSO*, but they
// load endpoint rulesets from AWS_DATA_PATH first. A ruleset whose default endpoint is the emulator sends
// `aws sso login` and SSO credential resolution there, over plain HTTP, without root or TLS.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

function ruleset(url: string): unknown {
  const param = (builtIn: string, type: string, required: boolean, extra: object = {}) => ({
    builtIn,
    required,
    documentation: builtIn,
    type,
    ...extra,
  });
  const endpoint = (u: unknown) => ({ url: u, properties: {}, headers: {} });
  return {
    version: "1.0",
    parameters: {
      Region: param("AWS::Region", "String", false),
      UseDualStack: param("AWS::UseDualStack", "Boolean", true, { default: false }),
      UseFIPS: param("AWS::UseFIPS", "Boolean", true, { default: false }),
      Endpoint: param("SDK::Endpoint", "String", false),
    },
    rules: [
      {
        conditions: [{ fn: "isSet", argv: [{ ref: "Endpoint" }] }],
        type: "endpoint",
        endpoint: endpoint({ ref: "Endpoint" }),
      },
      { conditions: [], type: "endpoint", endpoint: endpoint(url) },
    ],
  };
}

/** Writes sso/ and sso-oidc/ `2019-06-10/endpoint-rule-set-1.json` under `dir`, pointing at `url`. */
export function writeAwsDataPath(dir: string, url: string): string {
  for (const service of ["sso", "sso-oidc"]) {
    const target = join(dir, service, "2019-06-10");
    mkdirSync(target, { recursive: true });
    writeFileSync(join(target, "endpoint-rule-set-1.json"), JSON.stringify(ruleset(url), null, 2));
  }
  return dir;
}
