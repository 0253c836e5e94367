import { resolveDocLinks, sectionsMarkdown, type CatalogEntry, type ParsedDocument } from '../core/index';
import { GROUP_LABEL } from './site';

/** A document as plain markdown (`/docs/<id>.md`), for agents and tools that read markdown. */
export function documentMarkdown(d: ParsedDocument): string {
  return `# ${d.title}\n\n> ${d.summary.replace(/\s+/g, ' ')}\n\n${resolveDocLinks(sectionsMarkdown(d.sections), '')}\n`;
}

/** `/llms.txt`: what the site is and where its parts are, in the llms.txt convention. */
export function llmsTxt(docs: ParsedDocument[], catalog: CatalogEntry[]): string {
  const byId = new Map(docs.map((d) => [d.id, d]));
  const groups = [...new Set(catalog.map((e) => e.group))];
  const lines = [
    '# Compendium',
    '',
    '> Design guidance for distributed systems, written from first principles: 8 axioms, 5 pillars, 60+ patterns, case studies, a quantitative toolkit, human factors, learning paths and a glossary. Every document ends with common questions and direct answers.',
    '',
    'Each document is available as markdown at /docs/<id>.md (and as a page at /docs/<id>). The assistant answers at POST /api/ask, runs calculators at POST /api/calc, and serves all of it as MCP tools at /mcp.',
  ];
  for (const group of groups) {
    const entries = catalog.filter((e) => e.group === group && byId.has(e.id));
    if (!entries.length) continue;
    lines.push('', `## ${GROUP_LABEL[group] ?? group}`, '');
    for (const e of entries) lines.push(`- [${e.title}](/docs/${e.id}.md): ${byId.get(e.id)!.summary.replace(/\s+/g, ' ').split(/(?<=\.)\s/)[0]}`);
  }
  return `${lines.join('\n')}\n`;
}
