// Which tool most likely rewrote the file, told from what it leaves behind (docs/internals/
// coexistence-rewrites.md): go-ini pads `=` into a column per section and `granted sso populate` marks its
// sections with `common_fate_generated_from`; an editor's "sort sections" leaves every header in order.
import { KIND, type IniScan } from "../ini-scan.ts";
import { lineText, type LineIndex } from "../lines.ts";

const GO_INI =
  "`granted sso populate` (it saves the whole file through go-ini, which drops a comment at the end of " +
  "the file and deletes the comments above every section it writes or prunes)";
const SORTED = "an editor or tool that sorted the sections";
const OTHER = "another program or a hand edit";

export function likelyCulprit(idx: LineIndex, scan: IniScan): string {
  let padded = false;
  let populated = false;
  for (let i = 0; i < idx.count && !(padded && populated); i++) {
    if (scan.kinds[i] !== KIND.option) continue;
    const line = lineText(idx, i);
    if (/^\S+ {2,}= /.test(line)) padded = true;
    if (/^common_fate_generated_from\s*=/.test(line)) populated = true;
  }
  if (padded) return GO_INI;
  const headers = scan.sections.map((s) => s.header);
  const sorted = headers.length >= 3 && headers.every((h, k) => k === 0 || (headers[k - 1] as string) <= h);
  if (sorted) return SORTED;
  return populated ? GO_INI : OTHER;
}
