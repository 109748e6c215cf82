// Runs renderer hooks (context, check, inspect, defaultFile) and templates under a time limit. User code
// runs in our process: an endless loop would hang `sync` and keep even SIGTERM's handler from running.
// node:vm's `timeout` ends whatever JavaScript runs inside the call, functions from other modules
// included, so the output fails with a message and the process goes on (docs/internals/content-safety.md).
import vm from "node:vm";
import { AppError, ConfigError, errorMessage } from "../errors.ts";

export const DEFAULT_HOOK_TIMEOUT_MS = 10_000;

/** Who runs the hook, for messages: `module /home/me/x.mjs`, `renderer aws-config`, `template page`. */
export interface HookOwner {
  name: string;
  origin: string;
  limitMs: number;
}

// One script and one context for every call: creating a context costs far more than the call itself.
const script = new vm.Script("run()", { filename: "aws-sso-sync-hook" });
const sandbox = vm.createContext({ run: undefined as (() => unknown) | undefined });

function timedOut(err: unknown): boolean {
  return (err as { code?: unknown } | null)?.code === "ERR_SCRIPT_EXECUTION_TIMEOUT";
}

/**
 * Calls `fn` with the owner's time limit. A hook that runs too long, or throws, becomes an AppError naming
 * the output, the module and the hook; our own typed errors (template errors with file:line) pass as is.
 */
export function runHook<T>(owner: HookOwner, hook: string, fn: () => T): T {
  const previous = sandbox.run;
  sandbox.run = fn;
  try {
    return script.runInContext(sandbox, { timeout: owner.limitMs }) as T;
  } catch (err) {
    if (timedOut(err)) {
      throw new AppError(
        `output "${owner.name}": ${hook} of ${owner.origin} did not return within ${owner.limitMs / 1000} s and was stopped; nothing of this output was written`,
        {
          hint: `fix the endless loop or slow work in ${hook}; the limit is hookTimeoutSeconds in the config`,
        },
      );
    }
    if (err instanceof ConfigError || err instanceof AppError) throw err;
    const readOnly =
      err instanceof TypeError &&
      /read[ -]only|not extensible|cannot (delete|assign|add|define|redefine)/i.test(err.message);
    throw new AppError(`output "${owner.name}": ${hook} of ${owner.origin} failed: ${errorMessage(err)}`, {
      hint: readOnly
        ? "the model is read-only, shared by every output: return extra data from context() instead of changing it"
        : `fix ${hook} in ${owner.origin}`,
    });
  } finally {
    sandbox.run = previous;
  }
}
