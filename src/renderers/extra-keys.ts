// profiles.extraKeys plus an output's own extraKeys, for renderers that write whole profiles (granted,
// aws-vault). A key the renderer writes itself is left out: a second copy in one section makes botocore
// refuse the whole file.
import { z } from "zod";
import { INI_KEY_RE, noNewline } from "../core/config/rules.ts";
import type { Model } from "../core/model/model.ts";

export type Extra = Array<{ key: string; value: string }>;

/** The output option `extraKeys`, refusing the keys this renderer writes. */
export function extraKeysOption(written: ReadonlySet<string>, renderer: string, example: string) {
  return z
    .record(
      z
        .string()
        .regex(INI_KEY_RE, `is not an INI key (use lowercase letters, digits and '_', e.g. ${example})`)
        .refine((k) => !written.has(k), `is written by the ${renderer} renderer itself`),
      z.union([noNewline("value"), z.number(), z.boolean()]).transform(String),
    )
    .default({})
    .describe(
      `Keys added to every profile of this output after profiles.extraKeys (same key: this value wins), e.g. ${example}.`,
    );
}

/** A profile's profiles.extraKeys, then the output's own, sorted; keys the renderer writes are left out. */
export function mergeExtraKeys(
  profileExtra: Extra,
  own: Record<string, string>,
  written: ReadonlySet<string>,
): Extra {
  const merged = new Map(profileExtra.map((e) => [e.key, e.value]));
  for (const [k, v] of Object.entries(own)) merged.set(k, v);
  return [...merged]
    .filter(([k]) => !written.has(k))
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([key, value]) => ({ key, value }));
}

/** One warning naming the profiles.extraKeys this output leaves out. */
export function clashingExtraKeys(model: Model, written: ReadonlySet<string>, renderer: string): string[] {
  const keys = [...new Set(model.profiles.flatMap((p) => p.extra.map((e) => e.key)))].filter((k) =>
    written.has(k),
  );
  if (keys.length === 0) return [];
  return [
    `profiles.extraKeys ${keys.join(", ")} left out of this output's profiles: the ${renderer} renderer writes ${keys.length > 1 ? "them" : "it"} itself`,
  ];
}
