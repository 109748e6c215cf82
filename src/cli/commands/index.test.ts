import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { commandsFor, namedCommand } from "./index.ts";

describe("command loading", () => {
  test("the first operand names the command; global options and their values are skipped", () => {
    assert.equal(namedCommand(["sync", "--dry-run"]), "sync");
    assert.equal(namedCommand(["-c", "sync", "list"]), "list");
    assert.equal(namedCommand(["--config", "/x/c.yaml", "--log-level", "debug", "status"]), "status");
    assert.equal(namedCommand(["--config=/x/c.yaml", "sync"]), "sync");
    assert.equal(namedCommand(["--", "sync"]), "sync");
    assert.equal(namedCommand(["--help"]), undefined);
    assert.equal(namedCommand([]), undefined);
  });

  test("a named command loads its own file alone; help or an unknown name loads every command", async () => {
    assert.equal((await commandsFor(["sync"])).length, 1);
    assert.equal((await commandsFor(["service", "install"])).length, 1);
    const all = await commandsFor(["--help"]);
    assert.equal(all.length, 13);
    assert.equal((await commandsFor(["synk"])).length, all.length);
    assert.equal((await commandsFor(["toString"])).length, all.length);
  });
});
