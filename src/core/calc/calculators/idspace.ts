import type { Calculator } from '../calculator';
import * as z from 'zod/mini';
import { between, checkInput } from '../input';
import { CalcInputError } from '../types';
import { parseNumber, parseRate, parseTime } from '../units';
import { duration, num, rate } from '../format';
import { idSpace } from './collision';

const YEAR = 365.25 * 86400;

export const idspace: Calculator = {
  name: 'idspace',
  aliases: ['exhaustion', 'wraparound', 'overflow', 'id-exhaustion'],
  title: 'ID space exhaustion',
  summary: 'how long until a counter or a timestamp field of a given size wraps or runs out',
  usage: 'idspace bits=<field bits> rate=<ids or ticks per time> [signed=yes] [at=<current value>]  (or tick=<time per tick> for a timestamp field; or chars= alphabet= instead of bits=; or per=<time> for the IDs a sequence field that resets every per= can mint)',
  examples: ['idspace bits=32 rate=1k/s', 'idspace bits=41 tick=1ms', 'idspace bits=32 tick=1s signed=yes', 'idspace chars=7 alphabet=62 rate=100/s'],
  keys: ['bits', 'chars', 'alphabet', 'space', 'rate', 'tick', 'signed', 'per', 'at'],
  doc: { id: 'case-studies/unique-id-generator', anchor: 'key-decisions-and-trade-offs', title: 'Unique ID Generator' },
  run(args) {
    const signedRaw = (args.keys.get('signed') ?? 'no').toLowerCase();
    if (!['yes', 'no', 'true', 'false'].includes(signedRaw)) throw new CalcInputError('wrong_unit', `signed=${signedRaw} should be yes or no`, 'signed');
    const signed = signedRaw === 'yes' || signedRaw === 'true';
    const { space: full, described } = idSpace(args);
    const space = signed ? full / 2 : full;
    if (args.keys.has('per')) {
      if (args.keys.has('rate') || args.keys.has('tick')) throw new CalcInputError('too_many_values', 'per= (a sequence that resets every period) goes without rate= and tick=', 'per');
      const per = parseTime(args.keys.get('per')!, 'per');
      return {
        status: 'ok',
        figures: [
          { key: 'ids_per_second', label: `IDs per second (${num(space)} every ${duration(per)})`, value: space / per, unit: '/s', text: rate(space / per) },
          { key: 'values', label: 'Values per period', value: space, unit: 'values', text: num(space) },
        ],
        formula: 'IDs per second = values per period ÷ period (values = 2^bits)',
        assumptions: ['the sequence resets every period; a generator that exhausts it waits for the next period'],
        reading: `A ${described} sequence that resets every ${duration(per)} mints at most ${num(space)} IDs per period, ${rate(space / per)}.`,
      };
    }
    if (args.keys.has('rate') === args.keys.has('tick')) throw new CalcInputError(args.keys.has('rate') ? 'too_many_values' : 'missing_key', 'give rate= (IDs used per time, e.g. rate=1k/s) for a counter, or tick= (time per step, e.g. tick=1ms) for a timestamp field, not both', 'rate');
    const perSecond = args.keys.has('rate') ? parseRate(args.keys.get('rate')!, 'rate') : 1 / parseTime(args.keys.get('tick')!, 'tick');
    checkInput(z.object({ rate: between(0, 1e15, 'the rate must be above 0', { minExclusive: true }) }), { rate: perSecond });
    const at = args.keys.has('at') ? parseNumber(args.keys.get('at')!, 'at') : 0;
    checkInput(z.object({ at: between(0, space, `at= must be from 0 to the largest value (${num(space)})`) }), { at });
    const seconds = (space - at) / perSecond;
    const what = args.keys.has('tick') ? `a ${described}${signed ? ' signed' : ''} timestamp ticking every ${duration(1 / perSecond)}` : `a ${described}${signed ? ' signed' : ''} counter used at ${rate(perSecond)}`;
    return {
      status: 'ok',
      figures: [
        { key: 'time_to_exhaust', label: 'Time until it wraps or runs out', value: seconds, unit: 's', text: seconds >= 2 * YEAR ? `${num(seconds / YEAR)} years` : duration(seconds) },
        { key: 'years', label: 'In years', value: seconds / YEAR, unit: 'years', text: num(seconds / YEAR) },
        { key: 'values', label: signed ? 'Usable values (non-negative half)' : 'Distinct values', value: space, unit: 'values', text: num(space) },
      ],
      formula: 'time = values ÷ rate (values = 2^bits, or 2^(bits−1) when signed)',
      assumptions: ['a steady rate from zero; a counter that starts from an epoch or an offset has only the time left after it', 'growth in the rate shortens the time proportionally'],
      reading: `${at ? `From ${num(at)}, ` : ''}${at ? what : `${what[0]!.toUpperCase()}${what.slice(1)}`} runs out after ${seconds >= 2 * YEAR ? `${num(seconds / YEAR)} years` : duration(seconds)}.${seconds < 10 * YEAR ? ' Plan the wider field now: a migration of a primary key or an ID format takes months.' : ''}`,
    };
  },
};
