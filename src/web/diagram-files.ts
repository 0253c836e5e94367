/**
 * Diagrams live beside the documents, in content/diagrams/<document id>.mmd, so the answer engine
 * and search never index diagram source. A file holds one or more Mermaid diagrams, each starting
 * with the section it illustrates and its caption:
 *
 *   %% section: solution
 *   %% caption: A saga's steps and the compensations that undo them
 *   sequenceDiagram
 *     ...
 *
 * The figure is placed at the end of that section (`section: top` places it before the first one).
 */
export type DiagramSpec = { section: string; source: string; line: number };

export function parseDiagramFile(text: string): { diagrams: DiagramSpec[]; problems: string[] } {
  const lines = text.split('\n');
  const diagrams: DiagramSpec[] = [];
  const problems: string[] = [];
  let current: { section: string; start: number; body: string[] } | null = null;
  const flush = () => {
    if (!current) return;
    const source = current.body.join('\n').trim();
    if (!/^\s*%%\s*caption:\s*\S/m.test(source)) problems.push(`line ${current.start}: the diagram needs a "%% caption: ..." line after its section`);
    else diagrams.push({ section: current.section, source, line: current.start });
  };
  lines.forEach((line, i) => {
    const m = /^\s*%%\s*section:\s*([a-z0-9-]+)\s*$/.exec(line);
    if (m) {
      flush();
      current = { section: m[1]!, start: i + 1, body: [] };
    } else if (current) current.body.push(line);
    else if (line.trim() && !line.trim().startsWith('%%')) problems.push(`line ${i + 1}: a diagram must start with "%% section: <anchor>"`);
  });
  flush();
  if (!diagrams.length && !problems.length) problems.push('no diagram in the file');
  return { diagrams, problems };
}
