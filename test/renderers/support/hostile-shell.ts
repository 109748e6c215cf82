// Account and role names that are shell code in every quoting mistake (a canary file appears when one
// runs), for the shell renderer's tests in real bash, zsh and fish.
import type { Model } from "../../../src/core/model/model.ts";
import { account, modelOf } from "./render.ts";

/** A model whose names try to `touch` the file `canary`, plus one plain account with two roles. */
export function hostileModel(canary: string): Model {
  const c = canary;
  const names = [
    `Quote's "double" $(touch ${c})`,
    `\`touch ${c}\`; touch ${c}; #`,
    `line1\ntouch ${c}\n`,
    `back\\' $(touch ${c}) \\`,
    `\${IFS}$(touch\${IFS}${c}) %s %n`,
    `pwsh $(New-Item ${c}) ' + (New-Item ${c}) + ' ’; New-Item ${c}; ‘`,
    "Plain Prod",
  ];
  return modelOf(
    names.map((n, i) =>
      account(
        String(111111111111 * (i + 1))
          .slice(0, 12)
          .padStart(12, "0"),
        n,
        i === 6 ? ["Admin", "ReadOnly"] : [`R$(touch ${c})`],
      ),
    ),
  );
}
