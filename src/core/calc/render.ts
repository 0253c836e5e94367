import type { CalcOutcome } from './types';

export type CalcNotes = {
  /** What was read into the question ("two copies at 99.9% in parallel count as 99.9999%"). */
  notes?: string[];
  /** Quantities of the question that the calculation does not use, as the question wrote them. */
  unused?: string[];
  /** What the compendium advises for the situation the numbers describe (its own markdown), said after the result. */
  advice?: string;
};

/** Quantities are digits and unit words; anything else is dropped so nothing the user typed becomes markup. */
export function plainQuantity(text: string): string {
  // Letters and digits, not \w: an underscore would open emphasis in markdown and Slack.
  return text.replace(/[^A-Za-z0-9\s.,%$/µμ+×-]/g, '').trim();
}

/**
 * A calculator outcome as markdown (chat, CLI and the answer text): the result in words first, then
 * the figures, the inputs as read, the formula and assumptions, and the section that explains it.
 */
export function calcToMarkdown(outcome: CalcOutcome, docUrl: string, extra: CalcNotes = {}): string {
  if (!outcome.ok) {
    const lines = [`**Calculator:** ${outcome.message}`];
    if (outcome.example) lines.push(`Try: \`/calc ${outcome.example}\``);
    return lines.join('\n\n');
  }
  const table = outcome.comparison
    ? ['| Figure | Before | After | Change |', '|---|---|---|---|', ...outcome.comparison.map((r) => `| ${r.label} | ${r.before} | ${r.after} | ${r.change} |`)]
    : ['| Figure | Value |', '|---|---|', ...outcome.figures.map((f) => `| ${f.label} | ${f.text} |`)];
  const parts = [
    `${outcome.status === 'overloaded' ? '**Overloaded.** ' : ''}${outcome.reading}`,
    ...(extra.advice ? [extra.advice] : []),
    table.join('\n'),
    `**${outcome.title}**, computed as ${outcome.inputs ? `\`${outcome.inputs[0]}\` before and \`${outcome.inputs[1]}\` after` : `\`${outcome.input}\``}. Formula: ${outcome.formula}${outcome.worked ? `. With your numbers: ${outcome.worked}` : ''}`,
    `Assumptions: ${[...outcome.assumptions, ...(extra.notes ?? [])].join('; ')}.`,
  ];
  const unused = (extra.unused ?? []).map(plainQuantity).filter(Boolean);
  if (unused.length) parts.push(`Not used from your question: ${unused.join(', ')} (this calculation does not take ${unused.length === 1 ? 'it' : 'them'}; say if ${unused.length === 1 ? 'it changes' : 'they change'} the question).`);
  parts.push(`Explained in [${outcome.doc.title}](${docUrl}).`);
  return parts.join('\n\n');
}
