/**
 * A change of one value ("latency went from 100 ms to 400 ms", "cut MTTR from 1 hour to 15
 * minutes"): the question once with each value, so a calculation runs before and after the
 * change, and the two results as one, each figure before and after with the factor between them.
 */
import { readQuantities, type Quantity } from './quantities';
import type { CalcResult, Figure } from './types';
import { bytes, duration, num, rate } from './format';

export type Change = { before: string; after: string; from: Quantity; to: Quantity };

/** The first "from X to Y" whose two values are of one kind; null when the question has none. */
export function changeIn(question: string): Change | null {
  const { text, quantities } = readQuantities(question);
  for (let i = 0; i + 1 < quantities.length; i++) {
    const from = quantities[i]!;
    const to = quantities[i + 1]!;
    // "from 8 to 32 cores": a bare first number is a count of what the second one counts.
    const bareCount = from.kind === 'number' && to.kind === 'count' && !!to.noun;
    if ((from.kind !== to.kind && !bareCount) || to.kind === 'number') continue;
    const lead = /\bfrom\s+(?:about\s+|around\s+|~\s*)?$/i.exec(text.slice(Math.max(0, from.start - 16), from.start));
    if (!lead || !/^\s*(?:to|->|→)\s+(?:about\s+|around\s+|~\s*)?$/i.test(text.slice(from.end, to.start))) continue;
    // Each value takes the place of "from X to Y", before what follows ("from 8 to 32 cores": "8 cores").
    const start = from.start - lead[0].length;
    const say = (q: Quantity) => text.slice(q.start, q.end);
    return { before: text.slice(0, start) + say(from) + text.slice(to.end), after: text.slice(0, start) + say(to) + text.slice(to.end), from, to };
  }
  return null;
}

const say = (q: Quantity) => q.raw.trim();

/** Units of shares and flags: a factor or a difference of two of them says little. */
const SHARES = new Set(['fraction', '%', 'boolean', 'nines', '']);

/** The words two labels start with ("Relative capacity" of "Relative capacity C(8)" and "... C(16)"). */
function sharedWords(a: string, b: string): string {
  const x = a.split(' ');
  const y = b.split(' ');
  let n = 0;
  while (n < x.length && x[n] === y[n]) n++;
  return n ? x.slice(0, n).join(' ') : a;
}

/** A value in a figure's unit as a person reads it. */
function inUnit(value: number, unit: string): string {
  if (unit === 's') return duration(value);
  if (unit === '/s') return rate(value);
  if (unit === 'usd') return `$${num(value)}`;
  if (unit === 'B' || unit === 'bytes') return bytes(value);
  if (unit === 'x' || unit === '×') return num(value);
  return `${num(value)} ${unit}`;
}

/**
 * One result from the calculation before and after a change: every figure twice, labelled, and
 * the factor between the two values of each figure that is not a share (a factor of two
 * availabilities means little; their downtimes carry it).
 */
export function combineChange(before: CalcResult, after: CalcResult, change: Change): CalcResult {
  const was = say(change.from);
  const now = say(change.to);
  const figures: Figure[] = [];
  const factors: Figure[] = [];
  const comparison: NonNullable<CalcResult['comparison']> = [];
  for (const f of before.figures) {
    const g = after.figures.find((x) => x.key === f.key);
    figures.push({ ...f, key: `before_${f.key}`, label: `${f.label}, before (${was})` });
    if (!g) continue;
    figures.push({ ...g, key: `after_${g.key}`, label: `${g.label}, after (${now})` });
    // A label that names the value ("Relative capacity C(8)") keeps only the words both share.
    const label = f.label === g.label ? f.label : sharedWords(f.label, g.label);
    const points = (g.value - f.value) * 100;
    const row = { label, before: f.text, after: g.text, change: g.value === f.value ? 'same' : f.unit === 'fraction' ? `${points > 0 ? '+' : '−'}${num(Math.abs(points))} points` : '' };
    comparison.push(row);
    if (!SHARES.has(f.unit) && f.value > 0 && g.value > 0 && Number.isFinite(g.value / f.value)) {
      const factor = g.value / f.value;
      factors.push({ key: `factor_${f.key}`, label: `${label}, after ÷ before`, value: factor, unit: 'x', text: `${num(factor)}×` });
      // How much more or less ("how many hours of downtime do we save?"), in the figure's own unit.
      const gap = Math.abs(g.value - f.value);
      if (gap > 0) factors.push({ key: `change_${f.key}`, label: `${label}, change`, value: gap, unit: f.unit, text: `${inUnit(gap, f.unit)} ${g.value > f.value ? 'more' : 'less'}` });
      if (gap > 0) row.change = `${num(factor)}× (${inUnit(gap, f.unit)} ${g.value > f.value ? 'more' : 'less'})`;
    }
  }
  const first = before.figures[0];
  const firstAfter = first && after.figures.find((x) => x.key === first.key);
  const factor = first && factors.find((x) => x.key === `factor_${first.key}`);
  // The first figure is each calculator's headline; the table has the rest.
  const headline = first && firstAfter ? (first.label === firstAfter.label ? first.label : sharedWords(first.label, firstAfter.label)) : '';
  const reading = first && firstAfter
    ? `From ${was} to ${now}, ${headline.charAt(0).toLowerCase()}${headline.slice(1)} goes from ${first.text} to ${firstAfter.text}${factor ? ` (${factor.text})` : ''}.`
    : `Before (${was}): ${before.reading} After (${now}): ${after.reading}`;
  return {
    ok: true,
    calculator: before.calculator,
    title: before.title,
    input: `${before.input} -> ${after.input}`,
    status: before.status === 'overloaded' || after.status === 'overloaded' ? 'overloaded' : 'ok',
    figures: [...figures, ...factors],
    formula: before.formula,
    ...(before.worked && after.worked ? { worked: `before ${before.worked}; after ${after.worked}` } : {}),
    assumptions: [...new Set([...before.assumptions, ...after.assumptions])],
    reading,
    doc: before.doc,
    comparison,
  };
}
