// A renderer module imports the API by name (`import { defineRenderer } from "aws-sso-sync"`), but it lives
// in the user's config folder, where Node's resolution finds no node_modules holding aws-sso-sync (a global
// install keeps it under the npm prefix). A resolve hook maps exactly that name to the package that is
// loading the module, so the module gets the contract of the CLI that runs it; every other name resolves as
// Node resolves it, and the mapped URL still goes down the chain (tsx's hooks load src/index.ts in tests).
// Registered once, on the first module output (off-thread hooks: Node ≥ 20.6).
import { register } from "node:module";

const NAME = "aws-sso-sync";
let registered = false;

/** The package entry (src/index.ts under tsx, dist/index.js when built) beside this file's tree. */
function selfEntry(): string {
  const ext = import.meta.url.endsWith(".ts") ? ".ts" : ".js";
  return new URL(`../../index${ext}`, import.meta.url).href;
}

export function resolveOwnPackageName(): void {
  if (registered) return;
  registered = true;
  const hooks = `export async function resolve(specifier, context, next) {
  return next(specifier === ${JSON.stringify(NAME)} ? ${JSON.stringify(selfEntry())} : specifier, context);
}`;
  register(`data:text/javascript,${encodeURIComponent(hooks)}`);
}
