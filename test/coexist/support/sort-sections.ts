// An editor's "sort sections" command: each section moves together with the comment and blank lines right
// above its header (the usual reading of "this comment is about the next section"); the sections are sorted
// by header text; lines after the last section's keys stay at the end.
export function sortSections(text: string): string {
  const lines = text.split(/(?<=\n)/);
  const blocks: { header: string; lines: string[] }[] = [];
  let lead: string[] = [];
  const head: string[] = [];
  for (const l of lines) {
    const t = l.trim();
    if (t.startsWith("[")) {
      blocks.push({ header: t, lines: [...lead, l] });
      lead = [];
    } else if (t === "" || t.startsWith("#") || t.startsWith(";")) lead.push(l);
    else if (blocks.length === 0) head.push(...lead.splice(0), l);
    else (blocks[blocks.length - 1] as { lines: string[] }).lines.push(...lead.splice(0), l);
  }
  blocks.sort((a, b) => (a.header < b.header ? -1 : a.header > b.header ? 1 : 0));
  return [...head, ...blocks.flatMap((b) => b.lines), ...lead].join("");
}
