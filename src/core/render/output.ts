// One output's render and the checks its result must pass before it is planned. Every hook and the
// template run under the output's time limit (hooks.ts); the model they see is frozen (model.ts).
import { AppError, ConfigError } from "../errors.ts";
import type { Model } from "../model.ts";
import type { Env } from "../paths.ts";
import { runHook } from "./hooks.ts";
import { hookOwner, type ResolvedOutput } from "./loader.ts";
import { lostEveryProfile } from "./lost-profiles.ts";
import { controlLine } from "./writable.ts";

/** What hooks get: the model and options are frozen, env a frozen copy (a hook may not change ours). */
export function hookContext(out: ResolvedOutput, model: Model, env: Env) {
  return { model, options: out.options, output: out.name, env: Object.freeze({ ...env }) };
}

/** Renders one output: its context() hook, then its template, each under the output's time limit. */
export function renderOutput(out: ResolvedOutput, model: Model, env: Env): string {
  const owner = hookOwner(out);
  const { context } = out.renderer;
  const ctx = hookContext(out, model, env);
  const extra = context ? (runHook(owner, "context()", () => context(ctx)) ?? {}) : {};
  // The template runs under the limit too: it may call functions that context() returned.
  return runHook(owner, "the template", () =>
    out.template({
      ...extra,
      model,
      profiles: model.profiles,
      sessions: model.sessions,
      options: out.options,
      output: out.name,
    }),
  );
}

/** Everything that stops a rendered result from being planned: failed checks, control characters, lost profiles. */
export function checkResult(out: ResolvedOutput, content: string, model: Model, env: Env): void {
  const { check } = out.renderer;
  const ctx = hookContext(out, model, env);
  const problems = check ? runHook(hookOwner(out), "check()", () => check(content, ctx)) : [];
  if (problems.length > 0) throw new ConfigError(`output "${out.name}" failed its checks`, problems);
  const control = controlLine(content);
  if (control) {
    throw new AppError(
      `output "${out.name}": line ${control.line} of its result holds the control character ${control.char}; nothing of it was written`,
      { hint: "pass values through the helper for the format (ini, sh, fish, pwsh, comment, json)" },
    );
  }
  const lost = lostEveryProfile(out, content, model);
  if (lost) {
    throw new AppError(
      `output "${out.name}": ${lost}; taken for a broken render, nothing of it was written`,
      {
        hint: "fix the template or module; an output meant to list no profiles sets rendersProfiles: false",
      },
    );
  }
}
