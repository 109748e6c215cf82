// Where a write to a path really lands, so that `../`, `~`, a symlinked folder or a dangling link cannot
// make a protected file look like some other path (docs/internals/output-targets.md).
import { lstatSync, readlinkSync, realpathSync } from "node:fs";
import { basename, dirname, resolve, sep } from "node:path";

// Same bound as the kernel's own symlink limit (ELOOP after 40 links).
const MAX_LINKS = 40;

/** Where the symlink at `abs` points, if it is one (a dangling one included). */
function linkTarget(abs: string): string | undefined {
  try {
    return lstatSync(abs).isSymbolicLink() ? readlinkSync(abs) : undefined;
  } catch {
    return undefined; // nothing there, or it vanished meanwhile
  }
}

/**
 * The absolute path a write to `p` would reach: the realpath when it exists, else the realpath of its
 * nearest existing parent plus the rest. A dangling symlink is followed to where it points, because
 * writing through it creates that file.
 */
export function canonicalPath(p: string, links = 0): string {
  const abs = resolve(p);
  try {
    return realpathSync.native(abs);
  } catch {
    // Missing (or unreadable): look at the path itself below.
  }
  const target = links < MAX_LINKS ? linkTarget(abs) : undefined;
  if (target !== undefined) return canonicalPath(resolve(dirname(abs), target), links + 1);
  const parent = dirname(abs);
  if (parent === abs) return abs;
  return `${canonicalPath(parent, links).replace(/[\\/]+$/, "")}${sep}${basename(abs)}`;
}

// macOS and Windows file systems ignore case by default: `~/.AWS/SSO/cache` is the same folder there.
const fold = (p: string): string =>
  process.platform === "darwin" || process.platform === "win32" ? p.toLowerCase() : p;

/** True when `child` is `parent` or lies inside it (both canonical). */
export function isWithin(child: string, parent: string): boolean {
  const c = fold(child);
  const p = fold(parent).replace(/[\\/]+$/, "");
  return c === p || c.startsWith(`${p}${sep}`);
}

/** Both paths reach the same file. */
export function samePlace(a: string, b: string): boolean {
  return fold(canonicalPath(a)) === fold(canonicalPath(b));
}
