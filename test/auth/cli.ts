// Running `aws-sso-sync` as a real subprocess (node --import tsx src/cli/main.ts) in a temp HOME, plus
// the files a user would have: our config and a hand-written sso-session profile in ~/.aws/config.
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { childEnv, type TestEnv } from "../support/emulator.ts";
import { START_URL } from "./support.ts";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const ENTRY = join(ROOT, "src", "cli", "main.ts");

export interface CliRun {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with the first stderr match (prompts go to stderr). */
  waitForStderr(re: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
}

export function startCli(args: string[], env: TestEnv, timeoutMs = 30_000): CliRun {
  const child = spawn(process.execPath, ["--import", "tsx", ENTRY, ...args], {
    cwd: ROOT,
    // No display unless a test asks for one (DISPLAY_FOR_TEST): on a developer's desktop `login` must
    // never open a real browser from a test.
    env: childEnv(env, {
      NODE_NO_WARNINGS: "1",
      DISPLAY: env.DISPLAY_FOR_TEST,
      WAYLAND_DISPLAY: undefined,
      DISPLAY_FOR_TEST: undefined,
    }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  const waiters: Array<() => void> = [];
  child.stdout?.setEncoding("utf8").on("data", (d: string) => (out += d));
  child.stderr?.setEncoding("utf8").on("data", (d: string) => {
    err += d;
    for (const w of waiters) w();
  });
  const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
  const done = new Promise<{
    code: number | null;
    signal: NodeJS.Signals | null;
    stdout: string;
    stderr: string;
  }>((resolve) =>
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      for (const w of waiters) w();
      resolve({ code, signal, stdout: out, stderr: err });
    }),
  );
  const waitForStderr = (re: RegExp, ms = 15_000) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const t = setTimeout(
        () => reject(new Error(`no ${String(re)} on stderr within ${ms} ms:\n${err}`)),
        ms,
      );
      const check = () => {
        const m = re.exec(err);
        if (m) {
          clearTimeout(t);
          resolve(m);
        } else if (child.exitCode !== null) {
          clearTimeout(t);
          reject(new Error(`exited ${child.exitCode} before ${String(re)}:\n${err}`));
        }
      };
      waiters.push(check);
      check();
    });
  return { child, stdout: () => out, stderr: () => err, waitForStderr, done };
}

export function runCli(args: string[], env: TestEnv, timeoutMs?: number) {
  return startCli(args, env, timeoutMs).done;
}

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
