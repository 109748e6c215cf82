// A real full disk: a small tmpfs mounted for one test (CI runs as root), filled until only a chosen
// number of bytes is free. Where mounting is not permitted the test skips and says why; under CI=true it
// fails instead, so a CI run never passes without having tried.
import { spawnSync } from "node:child_process";
import { mkdir, mkdtemp, readdir, rm, statfs, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestContext } from "node:test";

export const PAGE = 4096; // tmpfs hands out space in pages

export interface Tmpfs {
  dir: string;
  free(): Promise<number>;
  /** Fills the disk so that at most `bytes` (rounded down to a page) stay free. */
  leaveFree(bytes: number): Promise<void>;
  /** Every name in the mount except the filler. */
  names(sub?: string): Promise<string[]>;
  unmount(): Promise<void>;
}

let fillers = 0;

/** Mounts a tmpfs of `size` bytes at `dir` (created), or skips the test (see the top of this file). */
export async function mountTmpfs(t: TestContext, size: number, dir?: string): Promise<Tmpfs | undefined> {
  const at = dir ?? (await mkdtemp(join(tmpdir(), "aws-sso-sync-tmpfs-")));
  await mkdir(at, { recursive: true });
  const r = spawnSync("mount", ["-t", "tmpfs", "-o", `size=${size},mode=0700`, "tmpfs", at], {
    encoding: "utf8",
  });
  if (r.status !== 0) {
    const why = `cannot mount a tmpfs (${(r.stderr || r.error?.message || "").trim()}): full-disk test skipped`;
    if (process.env.CI === "true") throw new Error(`${why}; CI=true needs it (run as root)`);
    t.skip(why);
    return undefined;
  }
  const free = async () => {
    const s = await statfs(at);
    return s.bavail * s.bsize;
  };
  return {
    dir: at,
    free,
    leaveFree: async (bytes) => {
      const extra = (await free()) - Math.floor(bytes / PAGE) * PAGE;
      if (extra > 0) await writeFile(join(at, `.filler${fillers++}`), Buffer.alloc(extra));
    },
    names: async (sub = "") => (await readdir(join(at, sub))).filter((n) => !n.startsWith(".filler")).sort(),
    unmount: async () => {
      const u = spawnSync("umount", [at], { encoding: "utf8" });
      if (u.status !== 0) spawnSync("umount", ["-l", at]);
      if (dir === undefined) await rm(at, { recursive: true, force: true });
    },
  };
}
