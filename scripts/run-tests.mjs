#!/usr/bin/env node
// Runs every *.test.ts under test/ and src/ with node's own test runner (tsx strips the types).
// Node 20's --test takes no globs, so the file list is built here. Extra arguments are passed on
// (for example a file name to run only that file). `--unit` runs only the unit tests, the ones beside the
// code under src/ (no emulator process, no real consumer; `npm run test:unit`).
import { readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { spawnSync } from "node:child_process";

function walk(dir, out) {
  for (const name of readdirSync(dir)) {
    if (name === "node_modules" || name.startsWith(".")) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (name.endsWith(".test.ts")) out.push(p);
  }
  return out;
}

const unit = process.argv.includes("--unit");
const args = process.argv.slice(2).filter((a) => a !== "--unit");
const files = args.length > 0 ? args : [...(unit ? [] : walk("test", [])), ...walk("src", [])].sort();
const concurrency = process.env.TEST_CONCURRENCY ?? "2";
// Every test process, and every node process a test starts, may reach loopback only (network-guard.mjs).
const guard = `--import=${pathToFileURL(resolve("test/support/network-guard.mjs")).href}`;
const nodeOptions = [process.env.NODE_OPTIONS, guard].filter(Boolean).join(" ");
const result = spawnSync(
  process.execPath,
  ["--import", "tsx", "--test", `--test-concurrency=${concurrency}`, "--test-reporter=spec", ...files],
  {
    stdio: "inherit",
    // The SDK's notice that its 2027 releases need Node 22 would repeat in every test file's output.
    env: {
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
      ...process.env,
      NODE_OPTIONS: nodeOptions,
    },
  },
);
process.exit(result.status ?? 1);
