// The terminal line a person reads (`HH:mm:ss level message key=value …`, strings quoted only when they
// must be) and the JSON line a machine reads carry the same fixed message and fields, both redacted.
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { test } from "node:test";
import { PACKAGE_ROOT } from "../package-files.ts";
import { closeLogger, createLogger, type LoggerOptions } from "./logger.ts";
import { LOG_MESSAGES } from "./messages.ts";
import { registerSecret } from "./redact.ts";

/** Logs through a real logger into a stream and returns the lines it wrote. */
async function lines(opts: LoggerOptions, write: (l: ReturnType<typeof createLogger>) => void) {
  const stream = new PassThrough();
  let out = "";
  stream.setEncoding("utf8").on("data", (d: string) => (out += d));
  const logger = createLogger({ level: "debug", ...opts, stream });
  write(logger);
  await closeLogger(logger);
  return out.split("\n").filter((l) => l !== "");
}

test("a terminal line: time, level, message, then key=value with quotes only where needed", async () => {
  const [line] = await lines({ json: false }, (l) =>
    l.error("login needed", {
      session: "acme",
      reason: 'token expired and "no" refresh token',
      run: "aws-sso-sync login --session acme",
      attempt: 2,
      kept: true,
      file: "/home/u/.aws/config",
      empty: "",
      absent: undefined,
      added: ["dev.Admin", "prod.Read Only"],
    }),
  );
  assert.equal(
    line?.replace(/^\d\d:\d\d:\d\d /, "TIME "),
    'TIME error login needed session=acme reason="token expired and \\"no\\" refresh token" ' +
      'run="aws-sso-sync login --session acme" attempt=2 kept=true file=/home/u/.aws/config empty="" ' +
      'added=["dev.Admin","prod.Read Only"]',
  );
});

test("a value with =, a backslash or a newline is quoted, so one line stays one record", async () => {
  const [line, ...rest] = await lines({ json: false }, (l) =>
    l.warn("output failed", { detail: "a=b", file: "C:\\x", error: "two\nlines" }),
  );
  assert.deepEqual(rest, []);
  assert.match(line ?? "", / detail="a=b" file="C:\\\\x" error="two\\nlines"$/);
});

test("a JSON line: the same message and fields, numbers as numbers", async () => {
  const [line] = await lines({ json: true }, (l) =>
    l.info("sync done", { trigger: "schedule", ms: 42, exitCode: 0 }),
  );
  const r = JSON.parse(line ?? "") as Record<string, unknown>;
  assert.deepEqual(
    { level: r.level, message: r.message, trigger: r.trigger, ms: r.ms, exitCode: r.exitCode },
    { level: "info", message: "sync done", trigger: "schedule", ms: 42, exitCode: 0 },
  );
  assert.match(String(r.timestamp), /^\d{4}-\d\d-\d\dT/);
});

test("a registered secret in a field is masked in both formats, and so is a secret-named field", async () => {
  const secret = "aoa-FIELD-SECRET-0123456789";
  registerSecret(secret);
  for (const json of [false, true]) {
    const out = await lines({ json }, (l) =>
      l.warn("token refresh failed", {
        session: "acme",
        error: `refused ${secret}`,
        refreshToken: "rt-12345678",
      }),
    );
    const text = out.join("\n");
    assert.ok(!text.includes(secret) && !text.includes("rt-12345678"), text);
    assert.match(text, /refused \[REDACTED\]/);
  }
});

test("every listed message is static: lowercase words, no digits, paths or quotes", () => {
  for (const m of LOG_MESSAGES) assert.match(m, /^[a-z]+( [a-z]+)*$/, m);
  assert.equal(new Set(LOG_MESSAGES).size, LOG_MESSAGES.length, "no message listed twice");
});

test("docs/service.md lists every message, so a user can look a line up", async () => {
  const doc = await readFile(join(PACKAGE_ROOT, "docs", "service.md"), "utf8");
  const missing = LOG_MESSAGES.filter((m) => !doc.includes(`\`${m}\``));
  assert.deepEqual(missing, [], "add a row to the messages table in docs/service.md");
});
