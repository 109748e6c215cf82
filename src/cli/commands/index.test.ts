import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { Command } from "commander";
import { commandsFor, namedCommand } from "./index.ts";

// The global options main.ts gives the program: two that take a value.
const program = new Command().option("-c, --config <file>").option("--log-level <level>");

describe("command loading", () => {
  test("the first operand names the command; global options and their values are skipped", () => {
    assert.equal(namedCommand(program, ["sync", "--dry-run"]), "sync");
    assert.equal(namedCommand(program, ["-c", "sync", "list"]), "list");
    assert.equal(
      namedCommand(program, ["--config", "/x/c.yaml", "--log-level", "debug", "status"]),
      "status",
    );
    assert.equal(namedCommand(program, ["--config=/x/c.yaml", "sync"]), "sync");
    assert.equal(namedCommand(program, ["--", "sync"]), "sync");
    assert.equal(namedCommand(program, ["--help"]), undefined);
    assert.equal(namedCommand(program, []), undefined);
  });

  test("a named command loads its own file alone; help or an unknown name loads every command", async () => {
    assert.equal((await commandsFor(program, ["sync"])).length, 1);
    assert.equal((await commandsFor(program, ["service", "install"])).length, 1);
    const all = await commandsFor(program, ["--help"]);
    assert.equal(all.length, 13);
    assert.equal((await commandsFor(program, ["synk"])).length, all.length);
    assert.equal((await commandsFor(program, ["toString"])).length, all.length);
  });
});
