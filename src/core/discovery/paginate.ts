// nextToken pagination as the portal does it: a page may be empty and still carry a nextToken (keep
// going), and the last page omits it. A service that repeats a token or never stops would loop forever,
// so both are errors.
import { CallFailure } from "./call.ts";

export const MAX_PAGES = 10_000;
const MAX_PAGE_SIZE = 100; // max_result outside 1..100 is refused (docs/internals/portal-api.md 6)

export interface Page<T> {
  items: T[];
  nextToken?: string | undefined;
}

export function clampPageSize(n: number): number {
  if (!Number.isFinite(n)) return MAX_PAGE_SIZE;
  return Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(n)));
}

/** Fetches every page; `onPage` sees each page as it arrives so work can start before the last one. */
export async function paginate<T>(
  fetchPage: (nextToken: string | undefined) => Promise<Page<T>>,
  onPage?: (items: T[]) => void,
): Promise<T[]> {
  const all: T[] = [];
  const seen = new Set<string>();
  let token: string | undefined;
  for (let pages = 1; ; pages++) {
    const page = await fetchPage(token);
    all.push(...page.items);
    if (page.items.length > 0) onPage?.(page.items);
    const next = page.nextToken || undefined;
    if (next === undefined) return all;
    if (seen.has(next))
      throw new CallFailure("fatal", `pagination loop: nextToken repeated after ${pages} pages`);
    if (pages >= MAX_PAGES) throw new CallFailure("fatal", `pagination did not end after ${MAX_PAGES} pages`);
    seen.add(next);
    token = next;
  }
}
