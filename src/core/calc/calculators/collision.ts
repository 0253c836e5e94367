import type { Calculator } from '../calculator';
import * as z from 'zod/mini';
import { between, checkInput } from '../input';
import { CalcInputError, type Figure } from '../types';
import { parseNumber, parseRate, parseTime } from '../units';
import { duration, num } from '../format';
import { parseProbability } from './bloom';

/** The number of distinct values: bits=, or chars= of an alphabet= (default base62), or space=. */
export function idSpace(args: { keys: Map<string, string> }): { space: number; log2: number; described: string } {
  const given = ['bits', 'chars', 'space'].filter((k) => args.keys.has(k));
  if (!given.length) throw new CalcInputError('missing_key', 'give the size of the ID: bits= (e.g. bits=64), or chars= with alphabet= (e.g. chars=7 alphabet=62), or space= (distinct values)', 'bits');
  if (given.length > 1) throw new CalcInputError('too_many_values', `give only one of bits=, chars= and space= (got ${given.map((k) => `${k}=`).join(' and ')})`, given[1]);
  if (args.keys.has('bits')) {
    const bits = parseNumber(args.keys.get('bits')!.replace(/-?bits?$/i, ''), 'bits');
    checkInput(z.object({ bits: between(1, 1024, 'bits= must be a whole number from 1 to 1,024', { whole: true }) }), { bits });
    return { space: 2 ** bits, log2: bits, described: `${bits}-bit` };
  }
  if (args.keys.has('chars')) {
    const chars = parseNumber(args.keys.get('chars')!, 'chars');
    const alphabet = args.keys.has('alphabet') ? parseNumber(args.keys.get('alphabet')!, 'alphabet') : 62;
    checkInput(z.object({ chars: between(1, 256, 'chars= must be a whole number of characters from 1 to 256', { whole: true }), alphabet: between(2, 65536, 'alphabet= must be the number of distinct characters, from 2 to 65,536', { whole: true }) }), { chars, alphabet });
    return { space: alphabet ** chars, log2: chars * Math.log2(alphabet), described: `${chars}-character base-${alphabet}` };
  }
  const space = parseNumber(args.keys.get('space')!, 'space');
  checkInput(z.object({ space: between(2, 1e300, 'space= must be a number of distinct values of at least 2') }), { space });
  return { space, log2: Math.log2(space), described: `${num(space)}-value` };
}

export const collision: Calculator = {
  name: 'collision',
  aliases: ['birthday', 'birthday-bound', 'collisions'],
  title: 'ID collision odds (birthday bound)',
  summary: 'the chance that random IDs collide, or how many can be drawn before the chance reaches a target',
  usage: 'collision bits=<id bits> n=<ids>  (or chars=<length> alphabet=<size, default 62>; or rate=<ids per time> time=<period> instead of n=; or p=<acceptable chance> for the ids allowed)',
  examples: ['collision bits=64 n=1B', 'collision chars=7 alphabet=62 n=10M', 'collision bits=122 p=1e-9', 'collision bits=64 rate=10k/s time=1y'],
  keys: ['bits', 'chars', 'alphabet', 'space', 'n', 'rate', 'time', 'p'],
  doc: { id: 'case-studies/unique-id-generator', anchor: 'key-decisions-and-trade-offs', title: 'Unique ID Generator' },
  run(args) {
    const { space, log2, described } = idSpace(args);
    const figures: Figure[] = [];
    let reading: string;
    let n: number | undefined;
    if (args.keys.has('n') && (args.keys.has('rate') || args.keys.has('time'))) throw new CalcInputError('too_many_values', 'give n= or rate= with time=, not both', 'rate');
    if (args.keys.has('rate') || args.keys.has('time')) {
      if (!args.keys.has('rate') || !args.keys.has('time')) throw new CalcInputError('missing_key', 'rate= needs time= (and time= needs rate=): IDs drawn per second over how long, e.g. rate=10k/s time=1y', args.keys.has('rate') ? 'time' : 'rate');
      n = parseRate(args.keys.get('rate')!, 'rate') * parseTime(args.keys.get('time')!, 'time', 's');
    } else if (args.keys.has('n')) {
      n = parseNumber(args.keys.get('n')!, 'n');
    }
    if (n !== undefined) {
      checkInput(z.object({ n: between(1, 1e30, 'the number of IDs must be at least 1 and at most 10^30') }), { n });
      // 1 − e^(−n(n−1)/2N), with expm1 so that tiny odds keep their digits.
      const pairs = (n * (n - 1)) / 2;
      const p = -Math.expm1(-pairs / space);
      const expected = pairs / space;
      figures.push(
        { key: 'probability', label: 'Chance of at least one collision', value: p, unit: 'fraction', text: p < 1e-4 ? `${p.toExponential(2)}` : `${num(p * 100, 3)}%` },
        { key: 'expected_collisions', label: 'Expected colliding pairs', value: expected, unit: 'pairs', text: expected < 1e-3 ? expected.toExponential(2) : num(expected) },
        { key: 'ids', label: 'IDs drawn', value: n, unit: 'ids', text: num(n) },
      );
      reading = `Drawing ${num(n)} random ${described} IDs gives a ${p < 1e-4 ? p.toExponential(2) : `${num(p * 100, 3)}%`} chance of at least one collision${p < 1e-6 ? ', negligible in practice' : p > 0.01 ? ': too high for IDs that must be unique, so add bits or check for duplicates' : ''}.`;
    } else {
      reading = '';
    }
    const target = args.keys.has('p') ? parseProbability(args.keys.get('p')!, 'p') : 0.5;
    const allowed = Math.sqrt(2 * space * -Math.log1p(-target));
    figures.push({ key: 'space', label: 'Distinct values', value: space, unit: 'values', text: num(space) });
    figures.push({ key: 'ids_for_target', label: `IDs until a ${target === 0.5 ? '50%' : num(target * 100, 3) + '%'} chance of a collision`, value: allowed, unit: 'ids', text: num(allowed) });
    if (n === undefined) reading = `${described[0]!.toUpperCase()}${described.slice(1)} IDs have ${num(space)} distinct values (about 2^${num(log2)}); drawn at random they reach a ${num(target * 100, 3)}% chance of a collision after about ${num(allowed)} IDs.`;
    if (args.keys.has('rate') && n !== undefined) {
      const perSecond = parseRate(args.keys.get('rate')!, 'rate');
      figures.push({ key: 'time_to_target', label: `Time until a ${num(target * 100, 3)}% chance at this rate`, value: allowed / perSecond, unit: 's', text: duration(allowed / perSecond) });
    }
    return {
      status: 'ok',
      figures,
      formula: 'P(collision) ≈ 1 − e^(−n(n−1)/2N) for n random IDs from N values; n for a chance p ≈ √(2N·ln(1/(1−p)))',
      assumptions: ['IDs are drawn uniformly at random (UUIDv4 has 122 random bits, not 128); sequential or time-based IDs do not collide this way'],
      reading,
    };
  },
};
