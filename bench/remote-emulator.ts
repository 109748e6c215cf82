// The benchmarks' emulator runs in a child process, as a real portal is not on our event loop (and its
// memory must not count in the daemon's RSS). The child is this file; it is driven through the emulator's
// /_emulator/ control API and stops when its stdin closes.
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { generateOrg, startEmulator } from "../src/emulator/index.ts";

const SELF = fileURLToPath(import.meta.url);

export interface RemoteEmulator {
  url: string;
  control(action: string, body?: unknown): Promise<unknown>;
  close(): Promise<void>;
}

export async function spawnEmulator(): Promise<RemoteEmulator> {
  const child = spawn(process.execPath, ["--import", "tsx", SELF], { stdio: ["pipe", "pipe", "inherit"] });
  const url = await new Promise<string>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`emulator exited with ${code}`)));
    createInterface({ input: child.stdout }).once("line", resolve);
  });
  const control = async (action: string, body?: unknown): Promise<unknown> => {
    const res = await fetch(`${url}/_emulator/${action}`, {
      method: body === undefined ? "GET" : "POST",
      ...(body === undefined
        ? {}
        : { body: JSON.stringify(body), headers: { "content-type": "application/json" } }),
    });
    if (!res.ok) throw new Error(`control ${action}: HTTP ${res.status} ${await res.text()}`);
    return res.json();
  };
  const close = async (): Promise<void> => {
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.stdin.end();
    await exited;
  };
  return { url, control, close };
}

if (process.argv[1] === SELF) {
  const emu = await startEmulator({ org: generateOrg(1, { seed: 1 }) });
  process.stdout.write(`${emu.url}\n`);
  process.stdin.resume();
  process.stdin.once("end", () => void emu.close().then(() => process.exit(0)));
}
