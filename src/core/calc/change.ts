/**
 * A change of one value ("latency went from 100 ms to 400 ms", "cut MTTR from 1 hour to 15
 * minutes"): the question once with each value, so a calculation runs before and after the
 * change, and the two results as one, each figure before and after with the factor between them.
 */
import { readQuantities, type Quantity } from './quantities';
import type { CalcResult, Figure } from './types';
import { bytes, duration, num, rate } from './format';
import { plainQuantity } from './render';

export type Change = {
  before: string;
  after: string;
  from: Quantity;
  to: Quantity;
  /** The two values as plain text for labels ("100 ms", "32 cores"); never markup from the question. */
  was: string;
  now: string;
};

/** A value as the question wrote it, reduced to characters that are never markup, on one line. */
const plain = (text: string) => plainQuantity(text).replace(/\s+/g, ' ');

/** A question with more numbers than this is not read as a change (each reading plans it again). */
const MAX_QUANTITIES = 12;

/** "ranges from 50 to 200 ms", "anywhere from": a span of values, not a change. */
const RANGE = /\b(?:anywhere|ranges?|ranging|varies|vary|varying|somewhere|between)\s+$/i;

/**
 * The first "from X to Y" whose two values are of one kind; null when the question has none. A
 * bare first number takes the second's unit or noun ("from 8 to 32 cores", "from 100 to 400 ms").
 */
export function changeIn(question: string): Change | null {
  // Most questions say no "from ... to" at all: they are not read for quantities a second time.
  const at = question.search(/\bfrom\b/i);
  if (at < 0 || !/\bto\b|->|→/i.test(question.slice(at))) return null;
  const { text, quantities } = readQuantities(question);
  // Planning twice over a question full of numbers costs more than it could ever be worth.
  if (quantities.length > MAX_QUANTITIES) return null;
  for (let i = 0; i + 1 < quantities.length; i++) {
    const from = quantities[i]!;
    const to = quantities[i + 1]!;
    const bare = from.kind === 'number' && to.kind !== 'number' && to.kind !== 'multiplier';
    if ((from.kind !== to.kind && !bare) || to.kind === 'number') continue;
    // "from 3 AZs to 2 regions" counts two different things.
    if (from.kind === 'count' && from.noun && to.noun && from.noun !== to.noun) continue;
    const lead = /\bfrom\s+(?:about\s+|around\s+|~\s*)?$/i.exec(text.slice(Math.max(0, from.start - 16), from.start));
    if (!lead || !/^\s*(?:to|->|→)\s+(?:about\s+|around\s+|~\s*)?$/i.test(text.slice(from.end, to.start))) continue;
    const start = from.start - lead[0].length;
    if (RANGE.test(text.slice(Math.max(0, start - 24), start))) continue;
    // A bare first number borrows the second value's unit ("100" of "from 100 to 400 ms" is 100 ms).
    const toText = text.slice(to.start, to.end);
    const unit = bare && to.kind !== 'count' ? toText.replace(/^[\s$~]*[\d.,]+/, '') : '';
    const fromText = text.slice(from.start, from.end) + unit;
    // Each value takes the place of "from X to Y", before what follows ("from 8 to 32 cores": "8 cores").
    const rest = text.slice(to.end);
    const noun = to.kind === 'count' && to.noun ? rest.match(/^\s*([A-Za-z][\w-]*)/)?.[1] ?? '' : '';
    const nounText = noun && noun.toLowerCase().startsWith(to.noun!.slice(0, 3)) ? ` ${noun}` : '';
    return {
      before: text.slice(0, start) + fromText + rest,
      after: text.slice(0, start) + toText + rest,
      from,
      to,
      was: plain(fromText + (from.kind === 'number' || !from.noun ? nounText : '')),
      now: plain(toText + nounText),
    };
  }
  return null;
}

/** Units of shares and flags: a factor or a difference of two of them says little. */
const SHARES = new Set(['fraction', '%', 'boolean', 'nines', '']);

/** The words two labels start with ("Relative capacity" of "Relative capacity C(8)" and "... C(16)"). */
function sharedWords(a: string, b: string): string {
  const x = a.split(' ');
  const y = b.split(' ');
  let n = 0;
  while (n < x.length && x[n] === y[n]) n++;
  // "Speedup on 8" and "Speedup on 32" share "Speedup", not "Speedup on".
  while (n > 1 && /^(?:on|per|with|across|at|of|for|in|to|from|by|over|after|before)$/i.test(x[n - 1]!)) n--;
  return n ? x.slice(0, n).join(' ') : a;
}

/** A value in a figure's unit as a person reads it. */
function inUnit(value: number, unit: string): string {
  if (unit === 's') return duration(value);
  if (unit === '/s') return rate(value);
  if (unit === 'usd') return `$${num(value)}`;
  if (unit === 'B' || unit === 'bytes') return bytes(value);
  if (unit === 'B/s') return `${bytes(value)}/s`;
  if (unit === 'x' || unit === '×') return num(value);
  return `${num(value)} ${unit}`;
}

/**
 * One result from the calculation before and after a change: every figure twice, labelled, and
 * the factor between the two values of each figure that is not a share (a factor of two
 * availabilities means little; their downtimes carry it).
 */
export function combineChange(before: CalcResult, after: CalcResult, change: Change): CalcResult {
  const { was, now } = change;
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
    const row = { label, before: f.text, after: g.text, change: changeText(f, g) };
    comparison.push(row);
    if (SHARES.has(f.unit) || g.value === f.value || !Number.isFinite(g.value - f.value)) continue;
    // How much more or less ("how many hours of downtime do we save?"), in the figure's own unit...
    const gap = Math.abs(g.value - f.value);
    factors.push({ key: `change_${f.key}`, label: `${label}, change`, value: gap, unit: f.unit, text: `${inUnit(gap, f.unit)} ${g.value > f.value ? 'more' : 'less'}` });
    // ...and how many times as much, when both are above zero.
    if (f.value > 0 && g.value > 0) factors.push({ key: `factor_${f.key}`, label: `${label}, after ÷ before`, value: g.value / f.value, unit: 'x', text: `${num(g.value / f.value)}×` });
  }
  // The headline: the first figure that changed (each calculator lists its main result first).
  const pairs = before.figures.map((f) => [f, after.figures.find((x) => x.key === f.key)] as const).filter((p): p is readonly [Figure, Figure] => !!p[1]);
  const lead = pairs.find(([f, g]) => f.value !== g.value) ?? pairs[0];
  let reading = `Before (${was}): ${before.reading} After (${now}): ${after.reading}`;
  if (lead) {
    const [f, g] = lead;
    const label = f.label === g.label ? f.label : sharedWords(f.label, g.label);
    const factor = factors.find((x) => x.key === `factor_${f.key}`);
    const said = /^[A-Z][a-z]/.test(label) ? label.charAt(0).toLowerCase() + label.slice(1) : label;
    reading = f.value === g.value ? `From ${was} to ${now}, ${said} stays at ${f.text}.` : `From ${was} to ${now}, ${said} goes from ${f.text} to ${g.text}${factor ? ` (${factor.text})` : ''}.`;
    // What the change means for the user's own setup ("Your pool of 200 is too small: ..."), after it.
    if (after.verdict && after.verdict !== before.verdict) reading += ` After the change: ${after.verdict}`;
  }
  return {
    ok: true,
    calculator: before.calculator,
    title: before.title,
    input: before.input,
    inputs: [before.input, after.input],
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

/** A figure's change as a table cell: the factor and the difference, points for a share, "same". */
function changeText(f: Figure, g: Figure): string {
  if (g.value === f.value) return 'same';
  const more = g.value > f.value;
  if (f.unit === 'fraction') return `${more ? '+' : '−'}${num(Math.abs(g.value - f.value) * 100)} points`;
  if (f.unit === 'nines') return `${more ? '+' : '−'}${num(Math.abs(g.value - f.value))}`;
  if (SHARES.has(f.unit) || !Number.isFinite(g.value - f.value)) return '';
  const gap = `${inUnit(Math.abs(g.value - f.value), f.unit)} ${more ? 'more' : 'less'}`;
  return f.value > 0 && g.value > 0 ? `${num(g.value / f.value)}× (${gap})` : gap;
}
