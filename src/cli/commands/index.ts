// Every CLI command, one file each. A new command is one file and one line here.
import type { Command } from "commander";
import { register as demo } from "./demo.ts";
import { register as emulator } from "./emulator.ts";
import { register as list } from "./list.ts";
import { register as login } from "./login.ts";
import { register as status } from "./status.ts";
import { register as sync } from "./sync.ts";

export const commands: Array<(program: Command) => void> = [login, sync, list, status, demo, emulator];
