// The line `aws-sso-sync shell-init SHELL` prints: it sources the generated file when it exists, so a
// shell still starts before the first sync. The path is quoted for the shell like any other value.
import { fishQuote, pwshQuote, shQuote } from "../../core/render/helpers.ts";
import type { Shell } from "./names.ts";

export const RC_FILES: Record<Shell, string> = {
  bash: "~/.bashrc",
  zsh: "~/.zshrc",
  fish: "~/.config/fish/config.fish",
  pwsh: "$PROFILE",
};

export function sourceLine(shell: Shell, file: string): string {
  switch (shell) {
    case "fish":
      return `if test -f ${fishQuote(file)}; source ${fishQuote(file)}; end`;
    case "pwsh":
      return `if (Test-Path -LiteralPath ${pwshQuote(file)}) { . ${pwshQuote(file)} }`;
    default:
      return `if [ -f ${shQuote(file)} ]; then . ${shQuote(file)}; fi`;
  }
}
