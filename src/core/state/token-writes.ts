// Which token files we wrote last, remembered by the file's identity right after our write (inode, size,
// mtime): the same bytes as the AWS CLI's, so the shape alone cannot say "ours"
// (docs/internals/token-file-shapes.md 2). Any later write by another tool, in place or by rename,
// changes the identity. No token is kept here.
import { stat } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { readJson, writeJson } from "../files/json.ts";
import { log } from "../log/logger.ts";
import { stateDir, type Env } from "../paths.ts";

const Identity = z.object({ ino: z.number(), size: z.number(), mtimeMs: z.number() });
const Stored = z.object({ format: z.literal(1), files: z.record(z.string(), Identity) });
type Identity = z.output<typeof Identity>;

const WHAT = "the token write record";
const recordFile = (env: Env) => join(stateDir(env), "token-writes.json");

async function identity(file: string): Promise<Identity | undefined> {
  const st = await stat(file).catch(() => undefined);
  return st ? { ino: st.ino, size: st.size, mtimeMs: st.mtimeMs } : undefined;
}

async function load(env: Env): Promise<Record<string, Identity>> {
  const read = await readJson(recordFile(env), Stored, { what: WHAT });
  return read.kind === "ok" ? read.value.files : {};
}

/** After our write of `file`. A failure to record only costs `status` its "aws-sso-sync" answer. */
export async function recordTokenWrite(file: string, env: Env): Promise<void> {
  try {
    const id = await identity(file);
    if (!id) return;
    const files = { ...(await load(env)), [file]: id };
    await writeJson(recordFile(env), Stored, { format: 1, files }, { what: WHAT, compact: true });
  } catch (err) {
    log().debug("token write not recorded", { file, error: String(err) });
  }
}

/** True when the file is still exactly what we last wrote there. */
export async function weWroteLast(file: string, env: Env): Promise<boolean> {
  const [now, ours] = await Promise.all([identity(file), load(env).then((f) => f[file])]);
  return !!now && !!ours && now.ino === ours.ino && now.size === ours.size && now.mtimeMs === ours.mtimeMs;
}
