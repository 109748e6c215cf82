// What every route handler shares: the live options, the token store, counters and the fault knobs.
import type { AnswerFaults } from "./answer-faults.ts";
import type { Counters } from "./counters.ts";
import type { TokenBucket } from "./knobs.ts";
import type { Store } from "./state.ts";
import type { ResolvedOptions } from "./types.ts";

export interface Ctx {
  opts: ResolvedOptions;
  store: Store;
  counters: Counters;
  /** Seeded RNG for errorRate, so a failing run can be replayed. */
  random: () => number;
  bucket: TokenBucket | null;
  /** The answerFaults knob with the uses each fault has left. */
  faults: AnswerFaults;
  /** Random per emulator; pagination tokens from another instance are rejected. */
  salt: string;
  /** http://127.0.0.1:PORT */
  url: string;
}
