// Daemon logging: a rotating JSON-lines file under the XDG state directory, the level from the config
// or the flag (the flag wins), and no registered secret or secret-named field ever written.
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { parseConfig } from "../../src/core/config/index.ts";
import { applyLogSettings, logSettings } from "../../src/core/daemon/logging.ts";
import { closeLogger, createLogger, log, logFilePath } from "../../src/core/log/logger.ts";
import { registerSecret } from "../../src/core/log/redact.ts";
import { tempHome, type TempHome } from "../support/emulator.ts";

let h: TempHome;
before(async () => (h = await tempHome()));
after(() => h.cleanup());

const config = (extra: string) =>
  parseConfig(
    `sessions:\n  - name: acme\n    startUrl: https://d-1234567890.awsapps.com/start\n    region: eu-north-1\n${extra}`,
    "/x/config.yaml",
    { baseDir: "/x" },
  ).config;

test("the log file lives under $XDG_STATE_HOME/aws-sso-sync/logs", () => {
  assert.equal(
    logFilePath(h.env),
    join(h.home, ".local", "state", "aws-sso-sync", "logs", "aws-sso-sync.log"),
  );
});

test("level and file come from the config; --log-level wins", () => {
  assert.deepEqual(logSettings(config(""), undefined, h.env), { level: "info", file: logFilePath(h.env) });
  assert.deepEqual(logSettings(config("log:\n  level: warn\n  file: false\n"), undefined, h.env), {
    level: "warn",
    file: undefined,
  });
  assert.equal(logSettings(config("log:\n  level: warn\n"), "debug", h.env).level, "debug");
});

test("the file gets JSON lines at the configured level, with every secret redacted", async () => {
  const secret = "aoa-SECRET-ACCESS-TOKEN-1234567890";
  registerSecret(secret);
  const file = join(h.home, "state", "logs", "test.log");
  const logger = createLogger({ level: "info", file, quiet: true });
  logger.info("token refreshed", {
    detail: `token is ${secret}`,
    accessToken: "unregistered-but-secret-by-name",
    clientSecret: "cs-abcdefgh",
    account: "123456789012",
  });
  logger.debug("cron", { detail: "too detailed for info" });
  logger.error("sync failed", { error: new Error(`failed with ${secret}`).message });
  await closeLogger(logger);
  const text = await readFile(file, "utf8");
  const lines = text
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  assert.equal(lines.length, 2);
  assert.equal(lines[0]?.message, "token refreshed");
  assert.equal(lines[0]?.detail, "token is [REDACTED]");
  assert.equal(lines[1]?.error, "failed with [REDACTED]");
  assert.equal(lines[0]?.accessToken, "[REDACTED]");
  assert.equal(lines[0]?.clientSecret, "[REDACTED]");
  assert.equal(lines[0]?.account, "123456789012");
  assert.ok(
    !text.includes(secret) &&
      !text.includes("unregistered-but-secret-by-name") &&
      !text.includes("cs-abcdefgh"),
  );
});

test("applyLogSettings swaps the process logger only when the settings change", () => {
  const a = { level: "info" as const, file: undefined };
  applyLogSettings(a);
  const first = log();
  applyLogSettings({ ...a }, a);
  assert.equal(log(), first);
  applyLogSettings({ level: "debug", file: undefined }, a);
  assert.notEqual(log(), first);
  assert.equal(log().level, "debug");
});
