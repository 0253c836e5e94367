import type { Answer, SearchItem } from '../core/index';

/** Markdown as a terminal shows it: links become "text <url>", emphasis markers go. */
export function markdownForTerminal(md: string): string {
  return md
    .replace(/\*\*\[([^\]]+)\]\(([^)]+)\)\*\*/g, '$1 <$2>')
    .replace(/\[([^\]]+)\]\(([^)]+)\)/g, '$1 <$2>')
    .replace(/\*\*([^*]+)\*\*/g, '$1')
    .replace(/(^|[\s(])\*([^*\s][^*]*)\*/g, '$1$2')
    .replace(/`([^`]+)`/g, '$1');
}

export function formatAnswer(a: Answer): string {
  const sources = a.sources.map((s, i) => `  ${i + 1}. ${s.title} › ${s.section}\n     ${s.url}`).join('\n');
  return `${markdownForTerminal(a.answer)}\n\nSources:\n${sources || '  (none)'}\n\n(${a.intent}, confidence ${Math.round(a.confidence * 100)}%)\n`;
}

export function formatSearch(items: SearchItem[]): string {
  if (!items.length) return 'No matches.\n';
  return (
    items
      .map((r, i) => {
        const sections = r.sections.map((s) => `     - ${s.heading}: ${s.url}`).join('\n');
        return `${i + 1}. ${r.title} (${r.id}, score ${r.score})\n   ${r.summary}\n${sections}`;
      })
      .join('\n\n') + '\n'
  );
}
