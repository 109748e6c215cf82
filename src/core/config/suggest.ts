// "Did you mean …?" for unknown keys and values: the closest allowed word by edit distance.

/**
 * Levenshtein distance (insert, delete, substitute each cost 1) that also counts swapping two adjacent
 * letters as one edit (optimal string alignment), since `pcke` for `pkce` is the typical typo.
 */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let before: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, (before[j - 2] ?? 0) + 1);
      cur[j] = d;
    }
    before = prev;
    prev = cur;
  }
  return prev[b.length] ?? 0;
}

/**
 * The allowed word closest to `word`, or undefined when nothing is close enough to be a likely typo.
 * Case is ignored when measuring (`starturl` → `startUrl` is distance 0), and the threshold grows with
 * the word's length so that short keys do not suggest unrelated short keys.
 */
export function closest(word: string, allowed: readonly string[]): string | undefined {
  const lower = word.toLowerCase();
  const limit = Math.max(1, Math.floor(word.length / 3));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of allowed) {
    const d = editDistance(lower, candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return bestDistance <= limit ? best : undefined;
}

/** The fix text for an unknown word: a suggestion when one is close, otherwise the allowed list. */
export function suggestFix(word: string, allowed: readonly string[]): string {
  const guess = closest(word, allowed);
  if (guess !== undefined) return `did you mean '${guess}'?`;
  return allowed.length > 0 ? `allowed: ${[...new Set(allowed)].join(", ")}` : "remove it";
}
