// Commands return their exit code; main.ts reads it here once commander is done and sets it once, so no
// command reaches for process.exitCode. Commander discards an action's return value, hence this map.
import type { Command } from "commander";
import { ExitCode } from "../core/errors.ts";

const returned = new WeakMap<Command, number>();

function root(cmd: Command): Command {
  let c = cmd;
  while (c.parent) c = c.parent;
  return c;
}

/** A command action that returns its exit code (commander passes the command itself last). */
export function returnsCode<A extends unknown[]>(
  fn: (...args: A) => Promise<number>,
): (...args: A) => Promise<void> {
  return async (...args: A) => {
    const code = await fn(...args);
    const cmd = args.at(-1) as Command;
    returned.set(root(cmd), code);
  };
}

/** The code the command that ran returned; 0 when none ran (help, version). */
export function exitCodeOf(program: Command): number {
  return returned.get(program) ?? ExitCode.ok;
}
