// One self-updating status line for long listings on a terminal ("800 accounts took 7.5 min, no progress
// output", aws-sso-cli#448). Nothing at all when the stream is not a TTY, and nothing for runs that end
// before SHOW_AFTER_MS, so pipes, logs and quick syncs stay clean.

export interface DiscoveryProgress {
  accountsDone: number;
  /** Accounts known so far (grows while ListAccounts pages arrive). */
  accountsTotal: number;
  requests: number;
  retries: number;
  throttled: number;
  elapsedMs: number;
  /** Set on the last report of a run (success or failure). */
  finished: boolean;
}

const SHOW_AFTER_MS = 1000;
const REDRAW_MS = 100;

export function formatProgress(p: DiscoveryProgress, label: string): string {
  const seconds = p.elapsedMs / 1000;
  const rate = seconds > 0 ? p.requests / seconds : 0;
  const throttled = p.throttled > 0 ? ` (${p.throttled} throttled)` : "";
  return (
    `${label}: ${p.accountsDone}/${p.accountsTotal} accounts, ${rate.toFixed(1)} req/s, ` +
    `${p.retries} retries${throttled}, ${seconds.toFixed(1)}s`
  );
}

/** A progress callback drawing on `stream`, or undefined when `stream` is not a terminal. */
export function progressReporter(
  stream: NodeJS.WriteStream,
  label = "discovery",
): ((p: DiscoveryProgress) => void) | undefined {
  if (!stream.isTTY) return undefined;
  let drawn = false;
  let lastDraw = -Infinity;
  const draw = (p: DiscoveryProgress): void => {
    const width = Math.max(20, (stream.columns || 80) - 1);
    // \r + erase-line: redraw in place without leaving a longer previous line's tail behind.
    stream.write(`\r\x1b[2K${formatProgress(p, label).slice(0, width)}`);
    drawn = true;
    lastDraw = p.elapsedMs;
  };
  return (p) => {
    if (p.finished) {
      if (drawn) {
        draw(p);
        stream.write("\n");
      }
      drawn = false;
      lastDraw = -Infinity;
      return;
    }
    if (p.elapsedMs < SHOW_AFTER_MS || p.elapsedMs - lastDraw < REDRAW_MS) return;
    draw(p);
  };
}
