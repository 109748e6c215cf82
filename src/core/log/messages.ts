// Every message a log line may carry. A message is a fixed id that names the event, never its values:
// sessions, files, numbers and error texts go in fields, so journald, launchd and `jq` users can filter
// on `message` and read the rest as data. The logger's type admits only these (logger.ts), and a test
// runs the daemon and checks every line against this list (docs/internals/log-lines.md).
export const LOG_MESSAGES = [
  // daemon life
  "daemon started",
  "config warning",
  "stopping",
  "exiting without waiting",
  "stop failed",
  "stopped",
  "unexpected error",
  "daemon lock lost",
  // runs
  "sync done",
  "sync failed",
  "retry scheduled",
  "scheduled run skipped",
  "session discovered",
  "session not synced",
  "output failed",
  "profiles changed",
  "warning",
  "warning in full",
  // reloads, schedule, watcher
  "config reloaded",
  "reload refused",
  "reload failed",
  "reload cleanup failed",
  "file watcher error",
  "cron",
  "cron error",
  // tokens and login
  "token refreshed",
  "token refresh failed",
  "login needed",
  "new token in the cache",
  "token file not completed",
  "client registration restored",
  "client registration reused",
  "client registered",
  "device polling slowed down",
  "could not open a browser",
  "legacy token file not updated",
  "cache folder open to other users",
  "no desktop notification",
  // locks and state files
  "stale lock removed",
  "lock lost",
  "stored discovery ignored",
  "output records unusable",
  "token write not recorded",
  "state file not written",
  "sdk setting ignored",
] as const;

export type LogMessage = (typeof LOG_MESSAGES)[number];
