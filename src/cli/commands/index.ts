// Every CLI command, one file each. A new command is one file and one line here.
// Loaded on demand: a run that names its command loads that command's file alone, so `sync` does not load
// the daemon, the emulator or the service code (each pulls in its own dependencies). Help, a version
// request or an unknown name loads them all, so commander lists and suggests every command.
import type { Command } from "commander";

type Register = (program: Command) => void;

const commands: Record<string, () => Promise<Register>> = {
  init: async () => (await import("./init.ts")).register,
  login: async () => (await import("./login.ts")).register,
  sync: async () => (await import("./sync.ts")).register,
  list: async () => (await import("./list.ts")).register,
  status: async () => (await import("./status.ts")).register,
  demo: async () => (await import("./demo.ts")).register,
  emulator: async () => (await import("./emulator.ts")).register,
  render: async () => (await import("./render.ts")).register,
  repair: async () => (await import("./repair.ts")).register,
  validate: async () => (await import("./validate.ts")).register,
  "shell-init": async () => (await import("./shell-init.ts")).register,
  daemon: async () => (await import("./daemon.ts")).register,
  service: async () => (await import("./service.ts")).register,
};

/** The global options of `program` that take a value (`-c <file>`): their value is not a command name. */
function valueOptions(program: Command): Set<string> {
  const names = program.options.filter((o) => o.required || o.optional).flatMap((o) => [o.short, o.long]);
  return new Set(names.filter((n): n is string => n !== undefined));
}

/** The command a command line names (its first operand), or undefined before any operand. */
export function namedCommand(program: Command, args: readonly string[]): string | undefined {
  const takesValue = valueOptions(program);
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? "";
    if (arg === "--") return args[i + 1];
    if (takesValue.has(arg)) i++;
    else if (!arg.startsWith("-")) return arg;
  }
  return undefined;
}

/** The register functions a command line of `program` needs: its own command's, or every one in order. */
export async function commandsFor(program: Command, args: readonly string[]): Promise<Register[]> {
  const name = namedCommand(program, args);
  const one = name !== undefined && Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (one) return [await one()];
  return Promise.all(Object.values(commands).map((load) => load()));
}
