import type { CalcOutcome } from './types';

/** A calculator outcome as markdown (chat, CLI and the answer text). `docUrl` links the explanation. */
export function calcToMarkdown(outcome: CalcOutcome, docUrl: string): string {
  if (!outcome.ok) {
    const lines = [`**Calculator:** ${outcome.message}`];
    if (outcome.example) lines.push(`Try: \`/calc ${outcome.example}\``);
    return lines.join('\n\n');
  }
  const rows = outcome.figures.map((f) => `| ${f.label} | ${f.text} |`);
  return [
    `**${outcome.title}**${outcome.status === 'overloaded' ? ' (overloaded)' : ''}: \`${outcome.input}\``,
    ['| Figure | Value |', '|---|---|', ...rows].join('\n'),
    outcome.reading,
    `Formula: ${outcome.formula}`,
    `Assumptions: ${outcome.assumptions.join('; ')}.`,
    `Explained in [${outcome.doc.title}](${docUrl}).`,
  ].join('\n\n');
}
