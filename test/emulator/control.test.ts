// The `emulator` command in a child process, driven over the /_emulator/ control API the way a test or a
// demo in another process would: counters, configure, org, approve, token, then SIGTERM.
import assert from "node:assert/strict";
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { after, before, describe, test } from "node:test";
import { generateOrg } from "../../src/emulator/index.ts";
import type { Emulator } from "../../src/emulator/index.ts";
import { childEnv } from "../support/emulator.ts";
import { pollDevice, portal, raw, register, startDevice } from "./helpers.ts";

const COMMAND = fileURLToPath(new URL("../../src/cli/commands/emulator.ts", import.meta.url));
const SCRIPT = `
import { Command } from "commander";
import { register } from ${JSON.stringify(COMMAND)};
const program = new Command("aws-sso-sync").exitOverride();
register(program);
await program.parseAsync(process.argv.slice(1), { from: "user" });
`;

function post(url: string, action: string, body: unknown = {}) {
  return raw(`${url}/_emulator/${action}`, { method: "POST", body: JSON.stringify(body) });
}

describe("emulator command and control API", () => {
  let child: ChildProcessWithoutNullStreams;
  let url: string;
  let stdout = "";
  before(async () => {
    const args = ["emulator", "--accounts", "4", "--manual-approval", "--seed", "9", "--token-ttl", "900"];
    child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", SCRIPT, "--", ...args], {
      env: childEnv({}),
    });
    child.stdout.setEncoding("utf8");
    url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL printed: ${stdout}`)), 15_000);
      child.stdout.on("data", (d: string) => {
        stdout += d;
        const m = /AWS_ENDPOINT_URL_SSO_OIDC=(\S+)/.exec(stdout);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
      child.once("exit", (code) => reject(new Error(`exited early (${code}): ${stdout}`)));
    });
  });
  after(() => {
    if (child.exitCode === null) child.kill("SIGKILL");
  });

  test("prints the URL and both env lines", () => {
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.match(stdout, new RegExp(`^export AWS_ENDPOINT_URL_SSO=${url}$`, "m"));
    assert.match(stdout, /4 accounts/);
  });

  test("serves the generated org for the seed, with the flags applied", async () => {
    const tok = await post(url, "token");
    assert.equal(tok.json.expiresIn, 900);
    const r = await portal({ url } as Emulator, "/assignment/accounts", String(tok.json.accessToken));
    const ids = (r.json.accountList as Array<{ accountId: string }>).map((a) => a.accountId);
    assert.deepEqual(
      ids,
      generateOrg(4, { seed: 9 }).accounts.map((a) => a.accountId),
    );
  });

  test("manual approval is released by POST /_emulator/approve", async () => {
    const emu = { url } as Emulator;
    const reg = await register(emu, ["sso:account:access"]);
    const { deviceCode, userCode } = await startDevice(emu, reg);
    assert.equal((await pollDevice(emu, reg, deviceCode)).json.error, "authorization_pending");
    assert.equal((await post(url, "approve", { userCode })).status, 200);
    assert.equal((await pollDevice(emu, reg, deviceCode)).status, 200);
  });

  test("approve or deny with a user code that matches no pending login answers 404 with a message", async () => {
    for (const action of ["approve", "deny"]) {
      const r = await post(url, action, { userCode: "NOPE-NOPE" });
      assert.equal(r.status, 404, action);
      assert.match(String(r.json.error), /no pending device login has user code NOPE-NOPE/);
    }
  });

  test("the printed endpoint lines are export lines a shell can eval", () => {
    assert.match(stdout, /^export AWS_ENDPOINT_URL_SSO=http:\/\/127\.0\.0\.1:\d+$/m);
    assert.match(stdout, /^export AWS_ENDPOINT_URL_SSO_OIDC=http:\/\/127\.0\.0\.1:\d+$/m);
    const lines = stdout.split("\n").filter((l) => l.startsWith("export "));
    const r = spawnSync(
      "bash",
      ["-c", `eval "$1"; echo "$AWS_ENDPOINT_URL_SSO_OIDC"`, "x", lines.join("\n")],
      {
        encoding: "utf8",
      },
    );
    assert.equal(r.stdout.trim(), url);
  });

  test("counters, configure and org round-trip; bad input answers 400", async () => {
    const counters = await raw(`${url}/_emulator/counters`);
    assert.ok((counters.json.ops as Record<string, number>).CreateToken! >= 2);
    assert.equal(
      counters.json.requests,
      Object.values(counters.json.statuses as object).reduce((a, b) => a + b, 0),
    );
    const conf = await post(url, "configure", { defaultPageSize: 2 });
    assert.equal(conf.json.defaultPageSize, 2);
    assert.equal((await post(url, "configure", { errorRate: 7 })).status, 400);
    const org = await post(url, "org", generateOrg(6));
    assert.deepEqual(org.json, { accounts: 6 });
    const bad = await post(url, "org", { accounts: [{ accountId: "1" }] });
    assert.equal(bad.status, 400);
    assert.match(String(bad.json.error), /accountId/);
    const tok = String((await post(url, "token")).json.accessToken);
    const page = await portal({ url } as Emulator, "/assignment/accounts", tok);
    assert.equal((page.json.accountList as unknown[]).length, 2);
    assert.equal((await post(url, "revoke")).status, 200);
    assert.equal((await portal({ url } as Emulator, "/assignment/accounts", tok)).status, 401);
    assert.equal((await post(url, "reset-counters")).status, 200);
    assert.deepEqual((await raw(`${url}/_emulator/counters`)).json.ops, {});
    assert.equal((await raw(`${url}/_emulator/nope`)).status, 404);
  });

  test("SIGTERM stops it cleanly", async () => {
    child.kill("SIGTERM");
    const [code] = await once(child, "exit");
    assert.equal(code, 0);
  });
});
