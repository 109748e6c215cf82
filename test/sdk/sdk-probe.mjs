// Runs in its own process: for each case (a directory with config and credentials, and an environment),
// what the SDK's own clients resolve when left to read the shared files themselves. Prints JSON.
import { SSOClient } from "@aws-sdk/client-sso";
import { SSOOIDCClient } from "@aws-sdk/client-sso-oidc";

const cases = JSON.parse(process.argv[2]);
const attempt = async (f) => {
  try {
    return { value: (await f()) ?? null };
  } catch {
    return { error: true };
  }
};
const out = [];
for (const c of cases) {
  for (const k of Object.keys(process.env)) delete process.env[k];
  Object.assign(process.env, c.env);
  const row = {};
  for (const [id, Client] of [
    ["SSO", SSOClient],
    ["SSO OIDC", SSOOIDCClient],
  ]) {
    const client = new Client({ region: "us-east-1" });
    row[id] = {
      endpoint: await attempt(() => client.config.serviceConfiguredEndpoint()),
      useFipsEndpoint: await attempt(() => client.config.useFipsEndpoint()),
      useDualstackEndpoint: await attempt(() => client.config.useDualstackEndpoint()),
      userAgentAppId: await attempt(() => client.config.userAgentAppId()),
      maxAttempts: await attempt(() => client.config.maxAttempts()),
    };
    client.destroy();
  }
  out.push(row);
}
process.stdout.write(JSON.stringify(out));
