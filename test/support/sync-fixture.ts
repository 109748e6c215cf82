// A temp home with a config, an emulator and a cached token: everything `sync` needs, without a login flow.
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { writeTokenCache, type AuthSession } from "../../src/core/auth/index.ts";
import type { IssuedToken, Org } from "../../src/emulator/index.ts";
import { startTestEmulator, tempHome, type TestEmulator, type TestEnv } from "./emulator.ts";

export const START_URL = "https://d-1234567890.awsapps.com/start";
export const SESSION = {
  name: "acme",
  startUrl: START_URL,
  region: "eu-north-1",
  scopes: ["sso:account:access"],
  flow: "device-code" as const,
};

export interface SyncFixture {
  emu: TestEmulator;
  home: string;
  env: TestEnv;
  configFile: string;
  awsConfig: string;
  writeConfig(yaml: string): Promise<void>;
  cleanup(): Promise<void>;
}

export const baseConfig = `sessions:\n  - name: ${SESSION.name}\n    startUrl: ${START_URL}\n    region: ${SESSION.region}\n`;

/** Writes a token the emulator issued into ~/.aws/sso/cache, as `aws-sso-sync login` would leave it. */
export function writeIssuedToken(
  t: IssuedToken,
  env: TestEnv,
  session: AuthSession = SESSION,
  expiresInSec = t.expiresIn,
): Promise<string> {
  return writeTokenCache(
    session,
    {
      accessToken: t.accessToken,
      expiresAt: new Date(Date.now() + expiresInSec * 1000),
      clientId: t.clientId,
      clientSecret: t.clientSecret,
      registrationExpiresAt: new Date(t.registrationExpiresAt * 1000),
      ...(t.refreshToken ? { refreshToken: t.refreshToken } : {}),
    },
    { env },
  );
}

/** Seeds the cache with a fresh token from the emulator. */
export async function seedToken(
  emu: TestEmulator,
  env: TestEnv,
  ttlSec?: number,
  session: typeof SESSION = SESSION,
): Promise<void> {
  const t = emu.issueToken({ scopes: session.scopes, ...(ttlSec === undefined ? {} : { ttlSec }) });
  await writeIssuedToken(t, env, session);
}

export async function syncFixture(org: Org, config = baseConfig): Promise<SyncFixture> {
  const emu = await startTestEmulator({ org });
  const h = await tempHome();
  const env: TestEnv = { ...h.env, ...emu.env };
  const configFile = join(h.home, ".config", "aws-sso-sync", "config.yaml");
  const writeConfig = async (yaml: string) => {
    await mkdir(join(h.home, ".config", "aws-sso-sync"), { recursive: true });
    await writeFile(configFile, yaml);
  };
  await writeConfig(config);
  await seedToken(emu, env);
  return {
    emu,
    home: h.home,
    env,
    configFile,
    awsConfig: join(h.home, ".aws", "config"),
    writeConfig,
    cleanup: async () => {
      await emu.close();
      await h.cleanup();
    },
  };
}
