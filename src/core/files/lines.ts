// Line splitting that keeps every byte: each line carries its own terminator, so joining the pieces gives
// back the exact input. A lone "\r" ends a line too, because Python's universal newlines (botocore) treat
// it so; one rule everywhere keeps our line numbers equal to the ones botocore prints.
// Large files are read through a LineIndex (one number per line, no object per line): a 10 MB config has
// 400,000 lines, and an object for each of them, made several times per plan, was most of the cost.

export type Eol = "\r\n" | "\n" | "\r" | "";

export interface Line {
  text: string;
  eol: Eol;
}

/** Where each line starts: `starts[i]` is line i's first character (0-based), `starts[count]` the end. */
export interface LineIndex {
  text: string;
  /** A typed array: on a 10 MB file a plain array of 400,000 numbers, grown by doubling, cost 8 MB per index. */
  starts: Int32Array;
  count: number;
}

/** Line starts after the first; `out` null only counts them. The common "\n"-only text goes by indexOf. */
function breaks(text: string, out: Int32Array | null): number {
  let k = 0;
  if (!text.includes("\r")) {
    for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1))
      if (out) out[++k] = i + 1;
      else k++;
    return k;
  }
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c !== 10 && c !== 13) continue;
    if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
    if (out) out[++k] = i + 1;
    else k++;
  }
  return k;
}

export function indexLines(text: string): LineIndex {
  const n = text.length;
  // Two passes (count, then fill) so the array is allocated once at its final size.
  const b = breaks(text, null);
  const starts = new Int32Array(b + 2);
  breaks(text, starts);
  // A final line without a break is a line too; a text that ends with a break has no empty last line.
  const count = starts[b] === n ? b : b + 1;
  starts[count] = n;
  return { text, starts: count === b + 1 ? starts : starts.subarray(0, count + 1), count };
}

/** Length of line i's terminator (0, 1 or 2). */
export function eolLength(idx: LineIndex, i: number): number {
  const end = idx.starts[i + 1] as number;
  if (end <= (idx.starts[i] as number)) return 0;
  const c = idx.text.charCodeAt(end - 1);
  if (c === 13) return 1;
  if (c !== 10) return 0;
  return end - 2 >= (idx.starts[i] as number) && idx.text.charCodeAt(end - 2) === 13 ? 2 : 1;
}

/** Line i's text without its terminator. */
export function lineText(idx: LineIndex, i: number): string {
  return idx.text.slice(idx.starts[i], (idx.starts[i + 1] as number) - eolLength(idx, i));
}

export function lineEol(idx: LineIndex, i: number): Eol {
  const end = idx.starts[i + 1] as number;
  return idx.text.slice(end - eolLength(idx, i), end) as Eol;
}

export function splitLines(text: string): Line[] {
  const idx = indexLines(text);
  const out: Line[] = new Array<Line>(idx.count);
  for (let i = 0; i < idx.count; i++) out[i] = { text: lineText(idx, i), eol: lineEol(idx, i) };
  return out;
}

/** The line break new lines should use: CRLF when most existing breaks are CRLF, else LF. */
export function dominantEol(idx: LineIndex): "\r\n" | "\n" {
  let crlf = 0;
  let lf = 0;
  for (let i = 0; i < idx.count; i++) {
    const e = eolLength(idx, i);
    if (e === 2) crlf++;
    else if (e === 1 && idx.text.charCodeAt((idx.starts[i + 1] as number) - 1) === 10) lf++;
  }
  return crlf > lf ? "\r\n" : "\n";
}
