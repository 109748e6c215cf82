import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { builtinRenderers } from "../../renderers/index.ts";
import type { AnyRenderer } from "./contract.ts";
import type { ResolvedOutput } from "./loader.ts";
import { lostEveryProfile } from "./lost-profiles.ts";
import { sampleModel } from "../model/sample.ts";

const model = sampleModel();
const output = (renderer: AnyRenderer, rendersProfiles?: boolean): ResolvedOutput => ({
  name: renderer.id,
  renderer,
  base: "/",
  file: "/dev/null",
  options: {},
  template: () => "",
  ...(rendersProfiles === undefined ? {} : { rendersProfiles }),
});
const builtin = (id: string) => builtinRenderers.find((r) => r.id === id)!;
const user = (mode: AnyRenderer["mode"]): AnyRenderer => ({
  id: "mine",
  description: "d",
  template: "x.hbs",
  defaultFile: () => "/dev/null",
  mode,
});

describe("lostEveryProfile", () => {
  test("built-in INI and shell outputs without a single profile are lost", () => {
    for (const id of ["aws-config", "aws-vault", "granted"])
      assert.match(
        lostEveryProfile(output(builtin(id)), "[sso-session acme]\n", model) ?? "",
        /no \[profile/,
      );
    assert.match(lostEveryProfile(output(builtin("shell")), "# nothing\n", model) ?? "", /names none/);
    const p = model.profiles[0]!;
    assert.equal(lostEveryProfile(output(builtin("aws-config")), `[profile ${p.name}]\n`, model), undefined);
    assert.equal(
      lostEveryProfile(output(builtin("shell")), `export AWS_PROFILE='${p.name}'\n`, model),
      undefined,
    );
  });

  test("user outputs: region and INI outputs are checked, whole-file text is not, and either can say so", () => {
    const region = user({ kind: "region", comment: "#", format: "text" });
    const page = user({ kind: "file", format: "text" });
    assert.match(lostEveryProfile(output(region), "3 sessions\n", model) ?? "", /names none/);
    assert.equal(lostEveryProfile(output(region, false), "3 sessions\n", model), undefined);
    assert.equal(lostEveryProfile(output(page), "<p>hello</p>\n", model), undefined);
    assert.match(lostEveryProfile(output(page, true), "<p>hello</p>\n", model) ?? "", /names none/);
    assert.equal(
      lostEveryProfile(output(region), `account ${model.profiles[0]!.accountId}\n`, model),
      undefined,
    );
  });

  test("a model without profiles loses nothing", () => {
    const empty = { ...model, profiles: [] };
    assert.equal(lostEveryProfile(output(builtin("aws-config")), "", empty), undefined);
  });
});
