// Portal pagination (docs/internals/portal-api.md 2, 6): max_result 1..100, default page size 20, opaque
// nextToken.
// Tokens are standard base64 so they contain `+ / =` and a client that forgets to percent-encode them,
// or the emulator forgetting to decode them, shows up in tests.
import type { Ctx } from "./context.ts";
import { portalError, type Reply } from "./http.ts";

interface Cursor {
  k: string; // which list: "accounts" or "roles:<accountId>"
  o: number; // offset
  s: string; // emulator salt
}

function encode(c: Cursor): string {
  // Pad so the base64 always ends in "==": every token then needs percent-encoding on the way back.
  let json = JSON.stringify(c);
  while (json.length % 3 !== 1) json += " ";
  return Buffer.from(json).toString("base64");
}

function decode(token: string, list: string, salt: string): number | undefined {
  try {
    // URLSearchParams turns an unencoded "+" into a space; undo that.
    const c = JSON.parse(Buffer.from(token.replace(/ /g, "+"), "base64").toString("utf8")) as Partial<Cursor>;
    if (c.k !== list || c.s !== salt || typeof c.o !== "number" || !Number.isInteger(c.o) || c.o < 0) {
      return undefined;
    }
    return c.o;
  } catch {
    return undefined;
  }
}

const RESULT_SIZE_MESSAGE = "ResultSize parameter must be within the valid limits of: 1-100";

/** One page of `items`, or the InvalidRequestException reply. */
export function paginate<T>(
  items: readonly T[],
  query: URLSearchParams,
  list: string,
  ctx: Ctx,
): { page: T[]; nextToken?: string } | Reply {
  let size = ctx.opts.defaultPageSize;
  const raw = query.get("max_result");
  if (raw !== null) {
    size = /^\d+$/.test(raw) ? Number(raw) : NaN;
    if (!(size >= 1 && size <= 100)) return portalError("InvalidRequestException", RESULT_SIZE_MESSAGE);
  }
  const token = query.get("next_token");
  if (token === null || token === "") {
    // emptyPages: the first answer is empty but not the last — clients must follow nextToken.
    if (ctx.opts.emptyPages) return { page: [], nextToken: encode({ k: list, o: 0, s: ctx.salt }) };
    return slice(items, 0, size, list, ctx);
  }
  const offset = decode(token, list, ctx.salt);
  if (offset === undefined) return portalError("InvalidRequestException", "Invalid nextToken provided");
  return slice(items, offset, size, list, ctx);
}

function slice<T>(items: readonly T[], offset: number, size: number, list: string, ctx: Ctx) {
  const page = items.slice(offset, offset + size);
  const next = offset + size;
  return next < items.length ? { page, nextToken: encode({ k: list, o: next, s: ctx.salt }) } : { page };
}

export function isReply(v: unknown): v is Reply {
  return typeof v === "object" && v !== null && "status" in v;
}
