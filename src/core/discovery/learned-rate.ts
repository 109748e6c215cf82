// The portal rate each session's discoveries have seen allowed, kept for the life of the process: the
// daemon's next background run starts at its share of it instead of probing for the limit again (a probe
// briefly empties the portal's bucket, which every other tool of the user shares). Never written to disk:
// a hand-run sync uses the whole rate and probes anyway.
const learned = new Map<string, number>();

const key = (session: string, region: string): string => `${session}\0${region}`;

export function learnedRate(session: string, region: string): number | undefined {
  return learned.get(key(session, region));
}

export function rememberRate(session: string, region: string, rate: number | undefined): void {
  if (rate !== undefined && rate > 0) learned.set(key(session, region), rate);
}
