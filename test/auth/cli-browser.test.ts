// The real `open` path: with a display, `login` opens the URL through the `open` package (its bundled
// xdg-open honours $BROWSER). The "browser" here is a script that fetches the URL and follows redirects,
// so a login only completes if the URL was really opened.
import assert from "node:assert/strict";
import { chmod, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, test } from "node:test";
import { readTokenCache } from "../../src/core/auth/index.ts";
import { runCli, writeUserFiles } from "./cli.ts";
import { authWorld, testSession, type AuthWorld } from "./support.ts";

let w: AuthWorld | undefined;
afterEach(async () => {
  await w?.close();
  w = undefined;
});

async function withBrowser(opts: Parameters<typeof authWorld>[0]) {
  w = await authWorld(opts);
  await writeUserFiles(w.home.home, { accountId: "111111111111", role: "Admin" });
  const log = join(w.home.home, "opened.log");
  const script = join(w.home.home, "browser.sh");
  const fetcher = "fetch(process.argv[1]).then((r) => r.text()).catch(() => {})";
  await writeFile(
    script,
    `#!/bin/sh\necho "$1" >> '${log}'\nexec '${process.execPath}' -e '${fetcher}' "$1" >/dev/null 2>&1 &\n`,
  );
  await chmod(script, 0o755);
  // A generic desktop (xdg-open then uses $BROWSER), and not over SSH (that would mean "no browser").
  const env = {
    ...w.env,
    BROWSER: script,
    DISPLAY_FOR_TEST: ":99",
    XDG_CURRENT_DESKTOP: undefined,
    DESKTOP_SESSION: undefined,
    SSH_CONNECTION: undefined,
    SSH_CLIENT: undefined,
    SSH_TTY: undefined,
  };
  return { w, env, opened: () => readFile(log, "utf8").catch(() => "") };
}

describe("opening the browser", () => {
  test("flow auto with a display: PKCE, the authorize URL opened in the browser", async () => {
    const { w, env, opened } = await withBrowser({});
    const res = await runCli(["login"], env);
    assert.equal(res.code, 0, res.stderr);
    assert.match(res.stdout, /\(pkce\)/);
    assert.match(await opened(), /\/authorize\?response_type=code&/);
    assert.equal((await readTokenCache(testSession(), { env: w.env })).state, "ok");
  });

  test("device code with a display: the verification URL is opened (it approves in the emulator)", async () => {
    const { w, env, opened } = await withBrowser({ approval: "manual" });
    const res = await runCli(["login", "--device-code"], env);
    assert.equal(res.code, 0, res.stderr);
    assert.match(await opened(), /\/device\/\?user_code=[A-Z]{4}-[A-Z]{4}/);
    assert.equal(w.emu.counters().grants.device_code !== undefined, true);
  });

  test("--no-browser never opens one", async () => {
    const { env, opened } = await withBrowser({ approval: "manual", deviceCodeTtlSec: 1 });
    const res = await runCli(["login", "--device-code", "--no-browser"], env);
    assert.equal(res.code, 1);
    assert.equal(await opened(), "");
  });
});
