// The watcher: a burst of edits is one reload, an editor's save-by-rename is seen, a new partial in a
// template folder is seen, token files go to onToken, and other files in the same folders are ignored.
import assert from "node:assert/strict";
import { mkdir, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { startWatcher, type Watcher } from "../../src/core/daemon/watch.ts";
import { tempHome, type TempHome } from "../support/emulator.ts";

let h: TempHome;
let w: Watcher;
const reloads: string[][] = [];
const tokens: string[] = [];
let cfg: string, folder: string, token: string;

before(async () => {
  h = await tempHome();
  cfg = join(h.home, "cfg", "config.yaml");
  folder = join(h.home, "tpl");
  token = join(h.home, "cache", "abc.json");
  for (const d of ["cfg", "tpl", "cache"]) await mkdir(join(h.home, d), { recursive: true });
  await writeFile(cfg, "a: 1\n");
  await writeFile(join(folder, "main.hbs"), "x");
  w = await startWatcher(
    { reload: [cfg, folder], tokens: [token] },
    { onReload: (p) => reloads.push(p), onToken: (f) => tokens.push(f) },
    150,
  );
});
after(async () => {
  await w.close();
  await h.cleanup();
});

async function settle(): Promise<void> {
  await sleep(700);
}

test("a burst of writes to the config is one reload", async () => {
  reloads.length = 0;
  for (let i = 0; i < 5; i++) {
    await writeFile(cfg, `a: ${i}\n`);
    await sleep(20);
  }
  await settle();
  assert.equal(reloads.length, 1, JSON.stringify(reloads));
  assert.deepEqual(reloads[0], [cfg]);
});

test("save by rename (editors, write-file-atomic) is seen", async () => {
  reloads.length = 0;
  await writeFile(`${cfg}.tmp`, "a: 9\n");
  await rename(`${cfg}.tmp`, cfg);
  await settle();
  assert.equal(reloads.length, 1);
  assert.ok(reloads[0]?.includes(cfg));
});

test("a new partial in a template folder is seen; unrelated files are not", async () => {
  reloads.length = 0;
  await writeFile(join(h.home, "cfg", "notes.txt"), "unrelated");
  await settle();
  assert.equal(reloads.length, 0, "a file next to the config is not a reload");
  await writeFile(join(folder, "extra.hbs"), "{{x}}");
  await settle();
  assert.equal(reloads.length, 1);
});

test("token files go to onToken, other cache files do not", async () => {
  await writeFile(join(h.home, "cache", "other.json"), "{}");
  await writeFile(token, "{}");
  await settle();
  assert.deepEqual(tokens, [token]);
});
