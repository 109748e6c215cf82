// Profile names: rendered from the naming template, then sanitized to what both botocore (shlex) and the
// JS SDK (`[\w-@+.%:/]+`) accept. We keep to `[A-Za-z0-9_.-]` and `/` (docs/internals/consumers.md 2).
import type { Engine, Template } from "../render/engine.ts";

export const MAX_PROFILE_NAME = 128;

interface NameInput {
  session: { name: string; startUrl: string; region: string };
  account: { id: string; name: string; email: string };
  role: { name: string };
}

export function sanitizeProfileName(raw: string): string {
  const cleaned = raw
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^A-Za-z0-9_./-]+/g, "-")
    .replace(/-{2,}/g, "-")
    .replace(/\/{2,}/g, "/")
    .replace(/^[-./]+|[-./]+$/g, "");
  return cleaned.slice(0, MAX_PROFILE_NAME).replace(/[-./]+$/g, "");
}

export interface Namer {
  name(input: NameInput): string;
}

export function createNamer(engine: Engine, template: string, source = "config profiles.name"): Namer {
  const fn: Template = engine.compile(template, source);
  return {
    name(input) {
      const sanitized = sanitizeProfileName(fn(input));
      // A template that yields nothing usable for this account still gives a stable, unique-ish name.
      return sanitized || `${input.account.id}.${sanitizeProfileName(input.role.name) || "role"}`;
    },
  };
}
