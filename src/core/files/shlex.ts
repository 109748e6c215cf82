// Python's shlex.split(s) (POSIX mode, no comments), which botocore uses to take the name out of a
// `[profile NAME]` header: `[profile "a b"]` names "a b", `[profile a b]` has three parts and is ignored.
// Throws like Python on an unclosed quote or a trailing backslash.

const WS = " \t\r\n";

export function shlexSplit(s: string): string[] {
  const out: string[] = [];
  let token = "";
  let quoted = false;
  let state: "ws" | "word" | "'" | '"' | "esc" = "ws";
  let escaped: "word" | '"' = "word";
  for (const ch of s) {
    if (state === "ws") {
      if (WS.includes(ch)) continue;
      if (ch === "\\") [escaped, state] = ["word", "esc"];
      else if (ch === "'" || ch === '"') state = ch;
      else [token, state] = [ch, "word"];
    } else if (state === "word") {
      if (WS.includes(ch)) {
        out.push(token);
        [token, quoted, state] = ["", false, "ws"];
      } else if (ch === "'" || ch === '"') state = ch;
      else if (ch === "\\") [escaped, state] = ["word", "esc"];
      else token += ch;
    } else if (state === "esc") {
      // Inside double quotes a backslash only escapes `"` and `\`; otherwise it stays.
      if (escaped === '"' && ch !== '"' && ch !== "\\") token += "\\";
      token += ch;
      state = escaped;
    } else {
      quoted = true;
      if (ch === state) state = "word";
      else if (ch === "\\" && state === '"') [escaped, state] = ['"', "esc"];
      else token += ch;
    }
  }
  if (state === "'" || state === '"') throw new Error("No closing quotation");
  if (state === "esc") throw new Error("No escaped character");
  if (state === "word" && (token !== "" || quoted)) out.push(token);
  return out;
}
