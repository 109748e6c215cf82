// `npm run bench`: runs every benchmark, prints the figures and rewrites docs/benchmarks.md with them and
// the machine they ran on. `npm run bench -- discovery` runs one (discovery, sync, daemon, polite, largefile).
import { execFileSync } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { cpus, totalmem, platform, release } from "node:os";

// Same as the CLI: the SDK's Node 22 notice is noise here (the lockfile pins releases that support Node 20).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

type Bench = () => Promise<Record<string, unknown>>;

const benches: Record<string, () => Promise<Bench>> = {
  discovery: async () => (await import("./discovery.ts")).benchDiscovery,
  sync: async () => (await import("./sync-cli.ts")).benchSync,
  daemon: async () => (await import("./daemon.ts")).benchDaemon,
  polite: async () => (await import("./polite.ts")).benchPolite,
  largefile: async () => (await import("./largefile.ts")).benchLargeFile,
};

const wanted = process.argv.slice(2).filter((a) => a in benches);
const names = wanted.length > 0 ? wanted : Object.keys(benches);
const results: Record<string, Record<string, unknown>> = {};
for (const name of names) {
  const load = benches[name];
  if (!load) continue;
  process.stdout.write(`\n== ${name} ==\n`);
  const t0 = Date.now();
  results[name] = await (await load())();
  process.stdout.write(
    `${JSON.stringify(results[name], null, 2)}\n(${((Date.now() - t0) / 1000).toFixed(1)} s)\n`,
  );
}

const machine = `${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, ${platform()} ${release()}, Node ${process.version}`;
const commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
const DOC = new URL("../docs/benchmarks.md", import.meta.url);
// Each section names its own run, so running one benchmark replaces its section and keeps the others.
const previous = await readFile(DOC, "utf8").catch(() => "");
const sections = new Map<string, string>();
const [preamble = "", ...parts] = previous.split(/^(?=## )/m);
// Files written before sections named their run carry one "Machine: … Run: …" line for all of them.
const shared = preamble.split("\n").find((l) => l.startsWith("Machine:"));
for (const part of parts) {
  const title = part.slice(3, part.indexOf("\n")).trim();
  const named = part.includes("\nRun: ") || !shared;
  sections.set(title, named ? part : part.replace("\n\n", `\n\n${shared}\n\n`));
}
for (const [name, r] of Object.entries(results)) {
  const run = `Run: ${new Date().toISOString()}, commit ${commit}, \`npm run bench -- ${name}\`. Machine: ${machine}.`;
  sections.set(
    name,
    [`## ${name}`, "", run, "", "```json", JSON.stringify(r, null, 2), "```", "", ""].join("\n"),
  );
}
const body = [
  "# Benchmarks",
  "",
  "Written by `npm run bench` (bench/run.ts); every figure below comes from the run it names.",
  "",
  ...[...sections.values()].map((s) => s.trimEnd() + "\n"),
].join("\n");
await writeFile(DOC, body);
