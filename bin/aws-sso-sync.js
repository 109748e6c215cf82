#!/usr/bin/env node
// Installed entry point: runs the compiled CLI. The package ships dist/ (built by "prepack" when it is
// packed); in a clone, `npm run build` makes it, or run from source with `npx tsx src/cli/main.ts`.
const main = new URL("../dist/cli/main.js", import.meta.url);
try {
  await import(main.href);
} catch (err) {
  if (err?.code !== "ERR_MODULE_NOT_FOUND" || !String(err.message).includes(main.pathname)) throw err;
  process.stderr.write("aws-sso-sync: dist/ is not built in this checkout; run `npm run build` first\n");
  process.exitCode = 1;
}
