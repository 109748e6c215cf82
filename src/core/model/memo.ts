// The model of the same config and the same discoveries is the same model (build.ts is pure and
// deterministic), so a caller that builds often (the daemon, every cycle, once for this run's discovery
// and once for the previous one it reports changes against) keeps the last few and builds only on a
// change. The model is frozen: sharing one between cycles is safe. An unchanged cycle then renders
// nothing either (render/output.ts keys its cache on the model object).
import type { Config } from "../config/index.ts";
import { createEngine } from "../render/engine.ts";
import { buildModel, type BuildResult } from "./build.ts";
import type { DiscoveredSession } from "./model.ts";

/** This run's model and the previous run's: two entries cover both builds of a cycle. */
const KEEP = 2;

export class ModelMemo {
  private entries: Array<{ config: Config; key: string; result: BuildResult }> = [];

  build(config: Config, discovered: readonly DiscoveredSession[]): BuildResult {
    // The discoveries as text, in session order (the order they finished in varies): a few ms at 1000
    // accounts, against ~50 ms for a build.
    const key = JSON.stringify([...discovered].sort((a, b) => (a.session < b.session ? -1 : 1)));
    const hit = this.entries.find((e) => e.config === config && e.key === key);
    if (hit) return { model: hit.result.model, warnings: [...hit.result.warnings] };
    const result = buildModel(config, [...discovered], createEngine());
    this.entries = [{ config, key, result }, ...this.entries].slice(0, KEEP);
    return result;
  }
}
