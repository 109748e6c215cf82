// Every CLI command, one file each. A new command is one file and one line here.
import type { Command } from "commander";
import { register as daemon } from "./daemon.ts";
import { register as demo } from "./demo.ts";
import { register as emulator } from "./emulator.ts";
import { register as init } from "./init.ts";
import { register as list } from "./list.ts";
import { register as login } from "./login.ts";
import { register as render } from "./render.ts";
import { register as repair } from "./repair.ts";
import { register as service } from "./service.ts";
import { register as shellInit } from "./shell-init.ts";
import { register as status } from "./status.ts";
import { register as sync } from "./sync.ts";
import { register as validate } from "./validate.ts";

export const commands: Array<(program: Command) => void> = [
  init,
  login,
  sync,
  list,
  status,
  demo,
  emulator,
  render,
  repair,
  validate,
  shellInit,
  daemon,
  service,
];
