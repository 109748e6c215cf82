// Line splitting that keeps every byte: each line carries its own terminator, so joining the pieces gives
// back the exact input. A lone "\r" ends a line too, because Python's universal newlines (botocore) treat
// it so; one rule everywhere keeps our line numbers equal to the ones botocore prints.

export type Eol = "\r\n" | "\n" | "\r" | "";

export interface Line {
  text: string;
  eol: Eol;
}

export function splitLines(text: string): Line[] {
  const out: Line[] = [];
  const re = /\r\n|\r|\n/g;
  let start = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    out.push({ text: text.slice(start, m.index), eol: m[0] as Eol });
    start = m.index + m[0].length;
  }
  if (start < text.length) out.push({ text: text.slice(start), eol: "" });
  return out;
}

export function joinLines(lines: readonly Line[]): string {
  let s = "";
  for (const l of lines) s += l.text + l.eol;
  return s;
}

/** The line break new lines should use: CRLF when most existing breaks are CRLF, else LF. */
export function dominantEol(lines: readonly Line[]): "\r\n" | "\n" {
  let crlf = 0;
  let lf = 0;
  for (const l of lines) {
    if (l.eol === "\r\n") crlf++;
    else if (l.eol === "\n") lf++;
  }
  return crlf > lf ? "\r\n" : "\n";
}
