// The settings we hand the SSO and OIDC clients (client-settings.ts) against what the SDK's own clients
// find when they read the shared files themselves: for every case, the same endpoint, FIPS and dual-stack
// flags, app id and attempts, or an error on both sides. The SDK side runs in its own process
// (sdk-probe.mjs) because it reads process.env and caches files by path.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { readClientSettings, type SdkServiceId } from "../../src/core/sdk/client-settings.ts";

interface Case {
  name: string;
  config?: string;
  credentials?: string;
  env?: Record<string, string>;
}

const CASES: Case[] = [
  { name: "nothing configured" },
  {
    name: "service-specific env variables",
    env: {
      AWS_ENDPOINT_URL_SSO: "http://127.0.0.1:1/sso",
      AWS_ENDPOINT_URL_SSO_OIDC: "http://127.0.0.1:2/o",
    },
  },
  { name: "the global env variable", env: { AWS_ENDPOINT_URL: "http://127.0.0.1:3" } },
  {
    name: "a [services] section named by the default profile",
    config:
      "[default]\nservices = local\n\n[services local]\nsso =\n  endpoint_url = http://127.0.0.1:4/p\nsso_oidc =\n  endpoint_url = http://127.0.0.1:5/o\n",
  },
  {
    name: "the env beats the [services] section",
    config: "[default]\nservices = local\n[services local]\nsso =\n  endpoint_url = http://127.0.0.1:4/p\n",
    env: { AWS_ENDPOINT_URL: "http://127.0.0.1:6" },
  },
  {
    name: "AWS_PROFILE picks the profile; endpoint_url in it",
    config:
      "[default]\nendpoint_url = http://127.0.0.1:7\n[profile dev]\nendpoint_url = http://127.0.0.1:8\n",
    env: { AWS_PROFILE: "dev" },
  },
  {
    name: "[profile default] replaces [default] whole",
    config: "[default]\nuse_fips_endpoint = true\n[profile default]\nuse_dualstack_endpoint = true\n",
  },
  {
    name: "ignore_configured_endpoint_urls in the profile",
    config: "[default]\nignore_configured_endpoint_urls = true\nendpoint_url = http://127.0.0.1:9\n",
    env: { AWS_ENDPOINT_URL_SSO: "http://127.0.0.1:10" },
  },
  {
    name: "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS",
    config: "[default]\nendpoint_url = http://127.0.0.1:9\n",
    env: { AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: "true" },
  },
  { name: "a flag in the credentials file", credentials: "[default]\nuse_fips_endpoint = true\n" },
  {
    name: "attempts, app id and a flag from the env",
    config: "[default]\nmax_attempts = 5\nsdk_ua_app_id = my-app\n",
    env: { AWS_USE_DUALSTACK_ENDPOINT: "true" },
  },
  { name: "the env's attempts win", config: "[default]\nmax_attempts = 5\n", env: { AWS_MAX_ATTEMPTS: "7" } },
  { name: "services named, section missing", config: "[default]\nservices = nowhere\n" },
  { name: "a flag that is not true or false", config: "[default]\nuse_fips_endpoint = yes\n" },
  { name: "attempts that are not a number", config: "[default]\nmax_attempts = many\n" },
  {
    name: "comments, a quoted profile name, CRLF and a repeated section",
    config:
      '[profile "q"] # note\r\nendpoint_url = http://127.0.0.1:11 ; trailing\r\n[profile other]\r\nx = 1\r\n[profile "q"]\r\nuse_fips_endpoint = true\r\n',
    env: { AWS_PROFILE: "q" },
  },
  {
    name: "a key that is not indented ends the sub-section",
    config:
      "[default]\nservices = s\n[services s]\nsso =\n  region = x\nendpoint_url = http://127.0.0.1:12\nsso_oidc =\n\tendpoint_url = http://127.0.0.1:13\n",
  },
  {
    name: "a __proto__ section makes the SDK drop the whole file",
    config: "[default]\nendpoint_url = http://127.0.0.1:14\n[profile __proto__]\nx = 1\n",
  },
  {
    name: "many other profiles around the one in use",
    config: `${Array.from({ length: 2000 }, (_, i) => `[profile p${i}]\nregion = eu-west-1\n`).join("")}[default]\nendpoint_url = http://127.0.0.1:15\n${Array.from({ length: 2000 }, (_, i) => `[profile z${i}]\nendpoint_url = http://127.0.0.1:16\n`).join("")}`,
  },
];

type Got = Record<string, { value?: unknown; error?: true }>;

describe("client settings match what the SDK reads from the shared files", () => {
  let root: string;
  const envs: Record<string, string>[] = [];
  let sdk: Record<SdkServiceId, Got>[];

  before(async () => {
    root = await mkdtemp(join(tmpdir(), "aws-sso-sync-sdk-settings-"));
    for (const [i, c] of CASES.entries()) {
      const home = join(root, String(i));
      await mkdir(join(home, ".aws"), { recursive: true });
      if (c.config !== undefined) await writeFile(join(home, ".aws", "config"), c.config);
      if (c.credentials !== undefined) await writeFile(join(home, ".aws", "credentials"), c.credentials);
      envs.push({ HOME: home, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true", ...c.env });
    }
    const probe = fileURLToPath(new URL("./sdk-probe.mjs", import.meta.url));
    const r = spawnSync(process.execPath, [probe, JSON.stringify(envs.map((env) => ({ env })))], {
      encoding: "utf8",
      timeout: 60_000,
    });
    assert.equal(r.status, 0, r.stderr);
    sdk = JSON.parse(r.stdout) as Record<SdkServiceId, Got>[];
  });
  after(() => rm(root, { recursive: true, force: true }));

  for (const [i, c] of CASES.entries()) {
    test(c.name, async () => {
      for (const id of ["SSO", "SSO OIDC"] as const) {
        const want = sdk[i]?.[id];
        assert.ok(want, "the SDK probe answered");
        const { settings: s } = await readClientSettings(id, envs[i] ?? {});
        const ours = {
          endpoint: { value: s.endpoint ?? null },
          useFipsEndpoint: { value: s.useFipsEndpoint },
          useDualstackEndpoint: { value: s.useDualstackEndpoint },
          userAgentAppId: { value: (await s.userAgentAppId()) ?? null },
          maxAttempts: { value: s.maxAttempts },
        };
        assert.deepEqual(ours, want, id);
      }
    });
  }

  test("a value the SDK ignores is ignored here too, and said once, naming the place", async () => {
    const at = (name: string) => envs[CASES.findIndex((c) => c.name === name)] ?? {};
    const flag = await readClientSettings("SSO", at("a flag that is not true or false"));
    assert.deepEqual(flag.problems.length, 1);
    assert.match(
      flag.problems[0] ?? "",
      /^use_fips_endpoint in profile "default" of .*\.aws\/config .*is "yes", not "true" or "false": ignored/,
    );
    const services = await readClientSettings("SSO OIDC", at("services named, section missing"));
    assert.match(
      services.problems[0] ?? "",
      /names services "nowhere" and there is no \[services nowhere\] section/,
    );
    const clean = await readClientSettings("SSO", at("a [services] section named by the default profile"));
    assert.deepEqual(clean.problems, []);
  });
});
