// The schedule: a node-cron expression (5 fields, or 6 with seconds first). A tick only asks the runner
// for a run; the runner decides whether one is already going (runs never overlap). node-cron's own
// messages (missed executions after a sleep) go to our logger instead of the console.
import cron, { type Logger as CronLogger, type ScheduledTask } from "node-cron";
import { ConfigError, errorMessage } from "../errors.ts";
import { log } from "../log/logger.ts";

export interface Schedule {
  readonly expression: string;
  nextRun(): Date | undefined;
  stop(): Promise<void>;
}

const cronLogger: CronLogger = {
  info: (m) => log().debug("cron", { detail: m }),
  warn: (m) => log().debug("cron", { detail: m }),
  error: (m, e) => log().warn("cron error", { error: errorMessage(e ?? m) }),
  debug: (m) => log().debug("cron", { detail: errorMessage(m) }),
};

export function startSchedule(expression: string, onTick: () => void): Schedule {
  if (!cron.validate(expression)) {
    throw new ConfigError(`schedule: "${expression}" is not a valid cron expression`, [
      `schedule: "${expression}" is not a valid cron expression`,
    ]);
  }
  const task: ScheduledTask = cron.schedule(expression, () => onTick(), {
    name: "aws-sso-sync",
    logger: cronLogger,
  });
  return {
    expression,
    nextRun: () => task.getNextRun() ?? undefined,
    async stop() {
      await task.destroy();
    },
  };
}
