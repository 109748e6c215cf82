// The files a login test's user would have (our config and a hand-written sso-session profile in
// ~/.aws/config), and secret scanning; the CLI runner itself is the shared one.
import assert from "node:assert/strict";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { START_URL } from "./support.ts";

export { runCli, startCli, type CliRun } from "../support/cli.ts";

/** Our config with one session, and ~/.aws/config with that sso-session and one role profile. */
export async function writeUserFiles(
  home: string,
  o: { accountId: string; role: string; flow?: string },
): Promise<void> {
  const cfgDir = join(home, ".config", "aws-sso-sync");
  await mkdir(cfgDir, { recursive: true });
  await writeFile(
    join(cfgDir, "config.yaml"),
    [
      "sessions:",
      "  - name: acme",
      `    startUrl: ${START_URL}`,
      "    region: us-east-1",
      `    flow: ${o.flow ?? "auto"}`,
      "",
    ].join("\n"),
  );
  await mkdir(join(home, ".aws"), { recursive: true });
  await writeFile(
    join(home, ".aws", "config"),
    [
      "[sso-session acme]",
      `sso_start_url = ${START_URL}`,
      "sso_region = us-east-1",
      "sso_registration_scopes = sso:account:access",
      "",
      "[profile dev]",
      "sso_session = acme",
      `sso_account_id = ${o.accountId}`,
      `sso_role_name = ${o.role}`,
      "region = eu-west-1",
      "",
    ].join("\n"),
  );
}

/** Every secret value in the cache dir (tokens, refresh tokens, client secrets). */
export async function cacheSecrets(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const f of await readdir(dir).catch(() => [] as string[])) {
    const obj = JSON.parse(await readFile(join(dir, f), "utf8")) as Record<string, unknown>;
    for (const k of ["accessToken", "refreshToken", "clientSecret"])
      if (typeof obj[k] === "string") out.push(obj[k]);
  }
  return out;
}

export function assertNoSecrets(text: string, secrets: readonly string[]): void {
  for (const s of secrets) assert.ok(!text.includes(s), `a secret (${s.slice(0, 4)}…) was printed`);
}
