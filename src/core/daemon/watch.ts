// Watches the daemon's inputs with chokidar: the config file and the user templates (a change means a
// reload) and the token cache files (a new token may mean a sync). Parent folders are watched rather than
// the files, because editors and the AWS CLI replace files by rename, which a watch on the old inode
// would miss. Events are debounced per kind, so an editor's burst of writes gives one reload.
import { watch, type FSWatcher } from "chokidar";
import { stat } from "node:fs/promises";
import { dirname, sep } from "node:path";
import { errorMessage } from "../errors.ts";
import { log } from "../log/logger.ts";

export interface WatchTargets {
  /** Files (or template folders) whose change means a reload. */
  reload: string[];
  /** Token cache files of the configured sessions. */
  tokens: string[];
}

export interface WatchHandlers {
  onReload(paths: string[]): void;
  onToken(file: string): void;
}

export interface Watcher {
  close(): Promise<void>;
}

function debounced(ms: number, fire: (paths: string[]) => void): (path: string) => void {
  let timer: NodeJS.Timeout | undefined;
  const pending = new Set<string>();
  return (path) => {
    pending.add(path);
    clearTimeout(timer);
    timer = setTimeout(() => {
      const paths = [...pending];
      pending.clear();
      fire(paths);
    }, ms);
  };
}

export async function startWatcher(
  targets: WatchTargets,
  handlers: WatchHandlers,
  debounceMs = 300,
): Promise<Watcher> {
  const files = new Set([...targets.reload, ...targets.tokens]);
  const tokenFiles = new Set(targets.tokens);
  // A reload target may be a template folder: everything directly in it counts.
  const dirs = (
    await Promise.all(
      targets.reload.map(async (p) => ((await stat(p).catch(() => undefined))?.isDirectory() ? p : "")),
    )
  ).filter(Boolean);
  const folders = dirs.map((p) => p + sep);
  const isTarget = (p: string): boolean => files.has(p) || folders.some((f) => p.startsWith(f));
  const roots = new Set([...[...files].map((f) => dirname(f)), ...dirs]);

  const reload = debounced(debounceMs, (paths) => handlers.onReload(paths));
  const perToken = new Map<string, (p: string) => void>();
  const onEvent = (path: string): void => {
    if (tokenFiles.has(path)) {
      let d = perToken.get(path);
      if (!d) perToken.set(path, (d = debounced(Math.min(debounceMs, 200), () => handlers.onToken(path))));
      d(path);
    } else if (isTarget(path)) {
      reload(path);
    }
  };

  const watcher: FSWatcher = watch([...roots], {
    ignoreInitial: true,
    depth: 0,
    ignored: (p: string) => !roots.has(p) && !isTarget(p),
  });
  watcher.on("all", (_event, path) => onEvent(path));
  watcher.on("error", (err) => log().warn("file watcher error", { error: errorMessage(err) }));
  await new Promise<void>((resolve) => watcher.once("ready", () => resolve()));
  return { close: () => watcher.close() };
}
