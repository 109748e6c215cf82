// Desktop notifications: the right tool per platform, AppleScript quoting that cannot be escaped from,
// and a missing tool is a quiet `false`, never an error.
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { appleScriptString, notify, notifyCommand } from "../../src/core/daemon/notify.ts";
import { tempHome, type TempHome } from "../support/emulator.ts";
import { fakeNotifySend } from "./support.ts";

let h: TempHome;
before(async () => (h = await tempHome()));
after(() => h.cleanup());

test("macOS: osascript with both strings quoted for AppleScript", () => {
  const [cmd, args] = notifyCommand("t", 'say "hi" \\ bye', "darwin");
  assert.equal(cmd, "osascript");
  assert.deepEqual(args, ["-e", 'display notification "say \\"hi\\" \\\\ bye" with title "t"']);
  assert.equal(appleScriptString('a"b'), '"a\\"b"');
});

test("Linux: notify-send with title and body as separate arguments", () => {
  const [cmd, args] = notifyCommand("title", "body; $(rm -rf /)", "linux");
  assert.equal(cmd, "notify-send");
  assert.deepEqual(args.slice(-2), ["title", "body; $(rm -rf /)"]);
  assert.ok(args.includes("--urgency=critical"), "a login needed stays until dismissed");
  assert.ok(notifyCommand("t", "b", "linux", "normal")[1].includes("--urgency=normal"), "news is normal");
});

test(
  "notify runs the tool when present and reports false when it is missing",
  { skip: process.platform !== "linux" },
  async () => {
    const log = join(h.home, "notes.txt");
    const bin = await fakeNotifySend(h.home, log);
    assert.equal(
      await notify("aws-sso-sync: login needed", "Run: aws-sso-sync login --session acme", {
        ...process.env,
        PATH: bin,
      }),
      true,
    );
    assert.match(await readFile(log, "utf8"), /login needed Run: aws-sso-sync login --session acme/);
    assert.equal(await notify("x", "y", { PATH: join(h.home, "nowhere") }), false);
  },
);
