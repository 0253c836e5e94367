import type { Calculator } from '../calculator';
import * as z from 'zod/mini';
import { between, checkInput } from '../input';
import { CalcInputError, type Figure } from '../types';
import { parseFraction, parseNumber, parseSize } from '../units';
import { bytes, num, percent } from '../format';

/** Bits for m: "9585059", "1.2M", "10 bits per item" is given as bits_per_item=; sizes ("1.2MB") are bytes × 8. */
function parseBits(raw: string, key: string): number {
  const t = raw.trim();
  if (/^[\d.,_]+\s*(?:[kmgb])?(?:bits?)?$/i.test(t)) return parseNumber(t.replace(/bits?$/i, ''), key);
  return parseSize(t, key) * 8;
}

/** A probability: "1%", "0.01" or "1e-3". */
export function parseProbability(raw: string, key: string): number {
  const v = parseFraction(raw, key).value;
  checkInput(z.object({ [key]: between(0, 1, `${key}= must be a probability above 0 and below 1 (e.g. ${key}=1% or ${key}=0.001)`, { minExclusive: true, maxExclusive: true }) }), { [key]: v });
  return v;
}

const fp = (m: number, n: number, k: number) => Math.pow(1 - Math.exp((-k * n) / m), k);

export const bloom: Calculator = {
  name: 'bloom',
  aliases: ['bloom-filter', 'bloomfilter'],
  title: 'Bloom filter sizing',
  summary: 'false-positive rate from bits, items and hashes, or the bits and hashes for a target rate',
  usage: 'bloom n=<items> m=<bits or size> [k=<hashes, default optimal>]  or  bloom n=<items> bits_per_item=<b> [k=]  or  bloom n=<items> p=<target false-positive rate>',
  examples: ['bloom n=1M p=1%', 'bloom n=1M m=9.6M k=7', 'bloom n=10M bits_per_item=10'],
  keys: ['n', 'm', 'k', 'p', 'bits_per_item'],
  doc: { id: 'patterns/bloom-filter', anchor: 'in-practice', title: 'Bloom Filter' },
  run(args) {
    if (!args.keys.has('n')) return perItem(args);
    const n = parseNumber(args.keys.get('n')!, 'n');
    checkInput(z.object({ n: between(1, 1e15, 'n= must be a whole number of items from 1 to 10^15', { whole: true }) }), { n });
    const given = ['m', 'p', 'bits_per_item'].filter((k) => args.keys.has(k));
    if (given.length === 0) throw new CalcInputError('missing_key', 'give the filter size m= (bits, or a size such as 1.2MB), bits_per_item=, or a target false-positive rate p= (e.g. p=1%)', 'm');
    if (given.length > 1) throw new CalcInputError('too_many_values', `give only one of m=, bits_per_item= and p= (got ${given.map((k) => `${k}=`).join(' and ')})`, given[1]);
    const figures: Figure[] = [];
    const assumptions = ['hash functions are independent and uniform; the formula is the standard approximation (1 − e^(−kn/m))^k'];
    let m: number;
    let k: number;
    let reading: string;
    if (args.keys.has('p')) {
      const p = parseProbability(args.keys.get('p')!, 'p');
      m = Math.ceil((-n * Math.log(p)) / Math.LN2 ** 2);
      k = args.keys.has('k') ? parseNumber(args.keys.get('k')!, 'k') : Math.max(1, Math.round((m / n) * Math.LN2));
      checkInput(z.object({ k: between(1, 100, 'k= must be a whole number of hash functions from 1 to 100', { whole: true }) }), { k });
      figures.push(
        { key: 'bits', label: 'Bits needed (m)', value: m, unit: 'bits', text: num(m) },
        { key: 'size', label: 'Memory', value: m / 8, unit: 'B', text: bytes(m / 8) },
        { key: 'bits_per_item', label: 'Bits per item (m/n)', value: m / n, unit: 'bits', text: num(m / n) },
        { key: 'hashes', label: args.keys.has('k') ? 'Hash functions (given)' : 'Hash functions (optimal k)', value: k, unit: 'hashes', text: String(k) },
        { key: 'false_positive_rate', label: 'False-positive rate at that size', value: fp(m, n, k), unit: 'fraction', text: percent(fp(m, n, k), 3) },
      );
      reading = `Holding ${num(n)} items at a ${percent(p, 3)} false-positive rate takes ${num(m)} bits (${bytes(m / 8)}, ${num(m / n)} bits per item) with ${k} hash functions.`;
    } else {
      m = args.keys.has('m') ? parseBits(args.keys.get('m')!, 'm') : parseNumber(args.keys.get('bits_per_item')!, 'bits_per_item') * n;
      checkInput(z.object({ m: between(1, 1e18, 'the filter must have at least 1 bit and at most 10^18', { minExclusive: false }) }), { m });
      const optimal = Math.max(1, Math.round((m / n) * Math.LN2));
      k = args.keys.has('k') ? parseNumber(args.keys.get('k')!, 'k') : optimal;
      checkInput(z.object({ k: between(1, 100, 'k= must be a whole number of hash functions from 1 to 100', { whole: true }) }), { k });
      const rate = fp(m, n, k);
      figures.push(
        { key: 'false_positive_rate', label: 'False-positive rate', value: rate, unit: 'fraction', text: percent(rate, 3) },
        { key: 'bits_per_item', label: 'Bits per item (m/n)', value: m / n, unit: 'bits', text: num(m / n) },
        { key: 'size', label: 'Memory', value: m / 8, unit: 'B', text: bytes(m / 8) },
        { key: 'hashes', label: args.keys.has('k') ? 'Hash functions (given)' : 'Hash functions (optimal k)', value: k, unit: 'hashes', text: String(k) },
        { key: 'optimal_hashes', label: 'Optimal hash functions for this size ((m/n) ln 2)', value: optimal, unit: 'hashes', text: String(optimal) },
        { key: 'false_positive_rate_optimal', label: 'False-positive rate with the optimal k', value: fp(m, n, optimal), unit: 'fraction', text: percent(fp(m, n, optimal), 3) },
      );
      reading = `${num(n)} items in ${num(m)} bits (${num(m / n)} bits per item) with ${k} hash function${k === 1 ? '' : 's'} give a false-positive rate of ${percent(rate, 3)}, about 1 in ${num(1 / rate)} lookups of absent items.${k !== optimal ? ` With the optimal ${optimal} hashes it would be ${percent(fp(m, n, optimal), 3)}.` : ''}`;
    }
    const points: Array<[number, number]> = [];
    for (let b = 2; b <= 24; b += 2) points.push([b, fp(b, 1, Math.max(1, Math.round(b * Math.LN2))) * 100]);
    return {
      status: 'ok',
      figures,
      formula: 'p = (1 − e^(−kn/m))^k; for a target p: m = −n ln p / (ln 2)², k = (m/n) ln 2',
      assumptions,
      reading,
      series: { title: 'False-positive rate against bits per item (optimal k)', x: { label: 'Bits per item', unit: 'bits' }, y: { label: 'False positives', unit: '%' }, points, mark: { x: Math.round((m / n) * 10) / 10, y: fp(m, n, k) * 100, label: 'you' } },
    };
  },
};

/** Without n=: what a target rate costs per item, or what a number of bits per item gives. */
function perItem(args: { keys: Map<string, string> }) {
  if (args.keys.has('m')) throw new CalcInputError('missing_key', 'm= needs n= (how many items the filter holds, e.g. n=1M)', 'n');
  if (args.keys.has('p') === args.keys.has('bits_per_item')) throw new CalcInputError('missing_key', 'give n= (items) with m= or p=, or on its own p= (bits per item for a rate) or bits_per_item= (the rate it gives)', 'n');
  const figures: Figure[] = [];
  let reading: string;
  let b: number;
  let k: number;
  if (args.keys.has('p')) {
    const p = parseProbability(args.keys.get('p')!, 'p');
    b = -Math.log(p) / Math.LN2 ** 2;
    k = args.keys.has('k') ? parseNumber(args.keys.get('k')!, 'k') : Math.max(1, Math.round(b * Math.LN2));
    figures.push({ key: 'bits_per_item', label: 'Bits per item', value: b, unit: 'bits', text: num(b) }, { key: 'hashes', label: 'Hash functions (optimal k)', value: k, unit: 'hashes', text: String(k) });
    reading = `A ${percent(p, 3)} false-positive rate takes ${num(b)} bits per item with ${k} hash functions, whatever the number of items.`;
  } else {
    b = parseNumber(args.keys.get('bits_per_item')!, 'bits_per_item');
    checkInput(z.object({ bits_per_item: between(0, 1e6, 'bits_per_item= must be a positive number of bits', { minExclusive: true }) }), { bits_per_item: b });
    const optimal = Math.max(1, Math.round(b * Math.LN2));
    k = args.keys.has('k') ? parseNumber(args.keys.get('k')!, 'k') : optimal;
    checkInput(z.object({ k: between(1, 100, 'k= must be a whole number of hash functions from 1 to 100', { whole: true }) }), { k });
    const rate = fp(b, 1, k);
    figures.push(
      { key: 'false_positive_rate', label: 'False-positive rate', value: rate, unit: 'fraction', text: percent(rate, 3) },
      { key: 'hashes', label: args.keys.has('k') ? 'Hash functions (given)' : 'Hash functions (optimal k)', value: k, unit: 'hashes', text: String(k) },
      { key: 'optimal_hashes', label: 'Optimal hash functions ((m/n) ln 2)', value: optimal, unit: 'hashes', text: String(optimal) },
      { key: 'false_positive_rate_optimal', label: 'False-positive rate with the optimal k', value: fp(b, 1, optimal), unit: 'fraction', text: percent(fp(b, 1, optimal), 3) },
    );
    reading = `${num(b)} bits per item with ${k} hash function${k === 1 ? '' : 's'} give a ${percent(rate, 3)} false-positive rate, whatever the number of items.`;
  }
  return { status: 'ok' as const, figures, formula: 'p = (1 − e^(−k/b))^k for b bits per item; b = −ln p / (ln 2)², k = b ln 2', assumptions: ['hash functions are independent and uniform; the standard approximation'], reading };
}
