// Test fixtures: an emulator on an ephemeral port plus the env that points SDKs at it, and a throwaway
// HOME so no test ever touches the real ~/.aws.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateOrg, startEmulator, type Emulator, type EmulatorOptions } from "../../src/emulator/index.ts";

export type TestEnv = Record<string, string | undefined>;

export interface TestEmulator extends Emulator {
  /** AWS_ENDPOINT_URL_SSO and AWS_ENDPOINT_URL_SSO_OIDC for the JS SDK, botocore ≥ 1.31 and CLI ≥ 2.13. */
  env: { AWS_ENDPOINT_URL_SSO: string; AWS_ENDPOINT_URL_SSO_OIDC: string };
}

/** Starts an emulator; `org` defaults to generateOrg(5, { seed: 1 }). Close it when done. */
export async function startTestEmulator(opts: Partial<EmulatorOptions> = {}): Promise<TestEmulator> {
  const emu = await startEmulator({ org: generateOrg(5, { seed: 1 }), ...opts });
  const env = { AWS_ENDPOINT_URL_SSO: emu.url, AWS_ENDPOINT_URL_SSO_OIDC: emu.url };
  // Spread would copy the `options` getter's value once; keep the live object instead.
  return Object.assign(emu, { env });
}

export async function withEmulator<T>(
  opts: Partial<EmulatorOptions>,
  fn: (emu: TestEmulator) => Promise<T>,
): Promise<T> {
  const emu = await startTestEmulator(opts);
  try {
    return await fn(emu);
  } finally {
    await emu.close();
  }
}

/** Variables that would leak the developer's own AWS setup into a test. */
const LEAKY = [
  "AWS_CONFIG_FILE",
  "AWS_SHARED_CREDENTIALS_FILE",
  "AWS_PROFILE",
  "AWS_DEFAULT_PROFILE",
  "AWS_ACCESS_KEY_ID",
  "AWS_SECRET_ACCESS_KEY",
  "AWS_SESSION_TOKEN",
  "AWS_DATA_PATH",
  "AWS_ENDPOINT_URL",
  "AWS_ENDPOINT_URL_SSO",
  "AWS_ENDPOINT_URL_SSO_OIDC",
  "AWS_SSO_SYNC_CONFIG",
  "AWS_SSO_SYNC_STATE_DIR",
  "USERPROFILE",
];

export interface TempHome {
  home: string;
  /** HOME, XDG_CONFIG_HOME, XDG_STATE_HOME set; AWS_CONFIG_FILE and friends explicitly undefined. */
  env: TestEnv;
  cleanup(): Promise<void>;
}

export async function tempHome(): Promise<TempHome> {
  const home = await mkdtemp(join(tmpdir(), "aws-sso-sync-home-"));
  const env: TestEnv = Object.fromEntries(LEAKY.map((k) => [k, undefined]));
  Object.assign(env, {
    HOME: home,
    XDG_CONFIG_HOME: join(home, ".config"),
    XDG_STATE_HOME: join(home, ".local", "state"),
    AWS_EC2_METADATA_DISABLED: "true",
  });
  return { home, env, cleanup: () => rm(home, { recursive: true, force: true }) };
}

/** Applies env to process.env (undefined deletes) and returns a function that restores it. */
export function setProcessEnv(env: TestEnv): () => void {
  const saved = new Map<string, string | undefined>();
  for (const [k, v] of Object.entries(env)) {
    saved.set(k, process.env[k]);
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  return () => {
    for (const [k, v] of saved) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };
}

/** The env for spawning a child: process.env with `env` layered on top (undefined removes a key). */
export function childEnv(...layers: TestEnv[]): Record<string, string> {
  const merged: TestEnv = { ...process.env };
  for (const layer of layers) Object.assign(merged, layer);
  return Object.fromEntries(Object.entries(merged).filter((e): e is [string, string] => e[1] !== undefined));
}
