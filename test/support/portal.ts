// discoverSession against a fresh emulator: the SDK pointed at it and HOME in a temp dir for the test's
// duration, a token issued, and `run` discovering the session "corp" with the config schema's defaults.
import { discoverSession, discoveryTuning, type DiscoveryOptions } from "../../src/core/discovery/index.ts";
import { tuningDefaults } from "../../src/core/config/index.ts";
import type { EmulatorOptions } from "../../src/emulator/index.ts";
import { setProcessEnv, withEmulator, type TempHome, type TestEmulator } from "./emulator.ts";

export type RunDiscovery = (o?: Partial<DiscoveryOptions>) => ReturnType<typeof discoverSession>;

export async function withPortal(
  home: TempHome,
  opts: Partial<EmulatorOptions>,
  fn: (emu: TestEmulator, run: RunDiscovery, accessToken: string) => Promise<void>,
  base: Partial<DiscoveryOptions> = {},
): Promise<void> {
  const tuning = discoveryTuning(tuningDefaults());
  await withEmulator(opts, async (emu) => {
    const restore = setProcessEnv({ ...home.env, ...emu.env });
    try {
      const { accessToken } = emu.issueToken();
      const input = { session: "corp", ssoRegion: "eu-west-1", accessToken };
      await fn(emu, (o = {}) => discoverSession(input, { ...tuning, ...base, ...o }), accessToken);
    } finally {
      restore();
    }
  });
}
