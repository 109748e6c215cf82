import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { CallFailure, classify, describeError } from "./call.ts";
import { clampPageSize, MAX_PAGES, paginate, type Page } from "./paginate.ts";

/** Serves scripted pages and records the tokens it was asked for. */
function pages(script: Array<Page<number>>, loopLast = false) {
  const asked: Array<string | undefined> = [];
  const fetch = async (token: string | undefined): Promise<Page<number>> => {
    asked.push(token);
    const page = script[Math.min(asked.length - 1, script.length - 1)]!;
    return loopLast || asked.length <= script.length ? page : { items: [] };
  };
  return { fetch, asked };
}

describe("paginate", () => {
  test("follows nextToken through empty pages and stops when it is absent", async () => {
    const { fetch, asked } = pages([
      { items: [], nextToken: "a" },
      { items: [1, 2], nextToken: "b" },
      { items: [], nextToken: "c" },
      { items: [3] },
    ]);
    const seen: number[][] = [];
    assert.deepEqual(await paginate(fetch, (p) => seen.push(p)), [1, 2, 3]);
    assert.deepEqual(asked, [undefined, "a", "b", "c"]);
    assert.deepEqual(seen, [[1, 2], [3]]);
  });

  test("an empty-string nextToken ends the listing", async () => {
    assert.deepEqual(await paginate(pages([{ items: [1], nextToken: "" }]).fetch), [1]);
  });

  test("a repeated nextToken is a fatal pagination loop", async () => {
    const { fetch } = pages([
      { items: [1], nextToken: "x" },
      { items: [], nextToken: "y" },
      { items: [], nextToken: "x" },
    ]);
    await assert.rejects(
      paginate(fetch),
      (e: unknown) => e instanceof CallFailure && e.kind === "fatal" && /repeated/.test(e.reason),
    );
  });

  test(`more than ${MAX_PAGES} pages is an error`, async () => {
    let n = 0;
    const endless = async (): Promise<Page<number>> => ({ items: [], nextToken: `t${n++}` });
    await assert.rejects(paginate(endless), /did not end/);
    assert.equal(n, MAX_PAGES);
  });

  test("page size is clamped to the service's 1..100", () => {
    assert.deepEqual([0, 1, 57.9, 100, 500, Number.NaN].map(clampPageSize), [1, 1, 57, 100, 100, 100]);
  });
});

describe("error classification", () => {
  const sdkError = (name: string, status: number) =>
    Object.assign(new Error("m"), { name, $metadata: { httpStatusCode: status } });

  test("401 is a login problem, 429 throttling, 5xx / resets / timeouts transient, other 4xx fatal", () => {
    assert.equal(classify(sdkError("UnauthorizedException", 401)), "unauthorized");
    assert.equal(classify(sdkError("TooManyRequestsException", 429)), "throttled");
    assert.equal(classify(sdkError("InternalServerException", 500)), "transient");
    assert.equal(classify(sdkError("Unknown", 503)), "transient");
    assert.equal(classify(Object.assign(new Error("socket hang up"), { code: "ECONNRESET" })), "transient");
    assert.equal(classify(Object.assign(new Error("t"), { name: "TimeoutError" })), "transient");
    assert.equal(classify(sdkError("InvalidRequestException", 400)), "fatal");
    assert.equal(classify(sdkError("ResourceNotFoundException", 404)), "fatal");
  });

  test("reasons name the error and status", () => {
    assert.equal(
      describeError(sdkError("InvalidRequestException", 400)),
      "InvalidRequestException (HTTP 400): m",
    );
    assert.equal(
      describeError(Object.assign(new Error("refused"), { code: "ECONNREFUSED" })),
      "ECONNREFUSED: refused",
    );
  });
});
