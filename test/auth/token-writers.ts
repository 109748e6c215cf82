// Other tools writing our token file, rebuilt from their documented behaviour (docs/internals/token-file-shapes.md 1)
// or run for real: ByteNess aws-vault ≥ 7.10 is modelled (it is not installed); botocore's and the JS
// SDK's refreshes are the real libraries refreshing a token that is due.
import { randomBytes } from "node:crypto";
import { rename, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fromSSO } from "@aws-sdk/credential-providers";
import { awsCliEnv, runPython } from "../support/aws-cli.ts";
import type { TestEnv } from "../support/emulator.ts";

export interface ForeignToken {
  accessToken: string;
  expiresAt: Date;
  refreshToken?: string | undefined;
}

/** Go's time.Time in JSON: RFC 3339 with nanoseconds, trailing zeros (and a bare dot) dropped. */
function goTime(d: Date): string {
  return d.toISOString().replace(/\.(\d{3})Z$/, (_, ms: string) => (/^0+$/.test(ms) ? "Z" : `.${ms}000000Z`));
}

/**
 * ByteNess aws-vault `exec --profile-env` (SyncOIDCTokenToStandardCache): replaces the file atomically
 * with only accessToken, expiresAt and, when it has one, refreshToken; Go's compact json.Marshal.
 */
export async function bytenessRewrite(file: string, t: ForeignToken): Promise<void> {
  const body: Record<string, string> = { accessToken: t.accessToken, expiresAt: goTime(t.expiresAt) };
  if (t.refreshToken) body.refreshToken = t.refreshToken;
  const tmp = join(dirname(file), `.aws-vault-${randomBytes(4).toString("hex")}.tmp`);
  await writeFile(tmp, JSON.stringify(body), { mode: 0o600 });
  await rename(tmp, file);
}

/** botocore (boto3) resolving an sso-session profile refreshes a token with < 15 min left, as it does. */
export async function botocoreRefresh(
  home: string,
  url: string,
  profile: string,
  env: TestEnv,
): Promise<void> {
  const r = await runPython("botocore_credentials.py", [profile], { ...env, ...awsCliEnv(home, url) });
  if (r.code !== 0) throw new Error(`botocore failed: ${r.stderr}`);
}

/** The JS SDK's fromSSO refreshes a token with ≤ 5 min left and writes it back (process.env is the home). */
export async function jsSdkRefresh(profile: string): Promise<void> {
  await fromSSO({ profile, ignoreCache: true })();
}
