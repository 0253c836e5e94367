import type { Calculator } from '../calculator';
import * as z from 'zod/mini';
import { between, checkInput } from '../input';
import { CalcInputError, type Figure } from '../types';
import { parseNumber, parseRate, parseSize, parseTime } from '../units';
import { bytes, duration, num, rate } from '../format';
import { requireKey } from '../args';

/**
 * The load a population makes: N sources each sending one event every T seconds make N ÷ T events
 * a second ("1M drivers each ping every 4 s" is 250,000 writes a second).
 */
export const eventRate: Calculator = {
  name: 'event-rate',
  aliases: ['events', 'population', 'fleet-rate', 'heartbeats'],
  title: 'Event rate from a population',
  summary: 'events per second from how many sources there are and how often each one sends (devices, drivers, clients, heartbeats)',
  usage: 'event-rate sources=<how many send> every=<interval of one source> [events=<events each interval, default 1>] [size=<bytes per event>] [who=<what the sources are, e.g. drivers>] [what=<what one event is, e.g. ping>]  or  event-rate sources=<count> each=<rate of one source, e.g. 20/day>',
  examples: ['event-rate sources=1M every=4s', 'event-rate sources=10k every=30s size=200B', 'event-rate sources=2M each=20/day', 'event-rate sources=1M every=4s who=drivers what=ping'],
  keys: ['sources', 'every', 'events', 'each', 'size', 'who', 'what'],
  doc: { id: 'quantitative/capacity-planning', anchor: 'the-formula', title: 'Capacity Planning' },
  run(args) {
    const sources = parseNumber(requireKey(args, 'sources', 'how many devices, users or clients send, e.g. sources=1M'), 'sources');
    if (args.keys.has('every') === args.keys.has('each')) {
      throw new CalcInputError(args.keys.has('every') ? 'too_many_values' : 'missing_key', 'give every= (how often one source sends, e.g. every=4s) or each= (the rate of one source, e.g. each=20/day), one of them', args.keys.has('every') ? 'each' : 'every');
    }
    if (args.keys.has('events') && !args.keys.has('every')) throw new CalcInputError('too_many_values', 'events= counts the events in each every= interval; with each= leave it out', 'events');
    const interval = args.keys.has('every') ? parseTime(args.keys.get('every')!, 'every') : undefined;
    const k = args.keys.has('events') ? parseNumber(args.keys.get('events')!, 'events') : 1;
    const perSource = interval !== undefined ? k / interval : parseRate(args.keys.get('each')!, 'each');
    const size = args.keys.has('size') ? parseSize(args.keys.get('size')!, 'size') : undefined;
    checkInput(
      z.object({
        sources: between(1, 1e12, 'sources= must be a whole number from 1 to 10^12', { whole: true }),
        events: between(0, 1e9, 'events= must be the events each interval, above zero', { minExclusive: true }),
        size: z.optional(between(0, 1e12, 'size= must be a positive size of one event', { minExclusive: true })),
      }),
      { sources, events: k, size },
    );
    const word = (k: string) => {
      const v = args.keys.get(k)?.trim();
      if (v !== undefined && !/^[a-z][a-z-]{0,30}$/i.test(v)) throw new CalcInputError('wrong_unit', `${k}=${v} should be one word, such as ${k === 'who' ? 'who=drivers' : 'what=ping'}`, k);
      return v?.toLowerCase();
    };
    const who = word('who') ?? 'sources';
    const what = word('what') ?? 'event';
    const whats = /(?:s|x|ch|sh)$/.test(what) ? `${what}es` : `${what}s`;
    const total = sources * perSource;
    checkInput(z.object({ rate: between(0, 1e13, 'the total rate is beyond any real system (over 10^13 a second); check sources= and every=') }), { rate: total });
    const figures: Figure[] = [
      { key: 'rate', label: 'Events per second, all sources', value: total, unit: '/s', text: rate(total) },
      { key: 'per_minute', label: 'Events per minute', value: total * 60, unit: 'per minute', text: num(total * 60) },
      { key: 'per_day', label: 'Events per day', value: total * 86400, unit: 'per day', text: num(total * 86400) },
      { key: 'per_source', label: 'Events per second, one source', value: perSource, unit: '/s', text: rate(perSource) },
    ];
    if (size !== undefined) {
      figures.push(
        { key: 'bytes_per_second', label: 'Bandwidth (payload only)', value: total * size, unit: 'B/s', text: `${bytes(total * size)}/s (${num((total * size * 8) / 1e6)} Mbit/s)` },
        { key: 'bytes_per_day', label: 'Data per day (payload only)', value: total * size * 86400, unit: 'B', text: bytes(total * size * 86400) },
      );
    }
    const slow = perSource >= 1 ? rate(perSource) : perSource * 60 >= 1 ? `${num(perSource * 60)} a minute` : perSource * 3600 >= 1 ? `${num(perSource * 3600)} an hour` : `${num(perSource * 86400)} a day`;
    const how = interval !== undefined ? `sending ${k === 1 ? `one ${what}` : `${num(k)} ${whats}`} every ${duration(interval)}` : `sending ${slow} each`;
    const reading = `${num(sources)} ${who} ${how} make ${big(total)} ${whats} a second on average (${big(total * 86400)} a day)${size !== undefined ? `, ${bytes(total * size)}/s of payload` : ''}. That is the average; if they send in step (all in the same second after a deploy, a reconnect or a clock-aligned timer) the peak is far higher, so add random jitter to their timers.`;
    const worked = interval !== undefined ? `${num(sources)}${k !== 1 ? ` × ${num(k)}` : ''} ÷ ${num(interval)} s = ${rate(total)}` : `${num(sources)} × ${slow} = ${rate(total)}`;
    return {
      status: 'ok',
      figures,
      formula: 'rate = sources × events per interval ÷ interval (or sources × the rate of one source)',
      worked,
      assumptions: [
        'every source counted is active and sends on schedule (count only the active ones: online drivers, connected devices)',
        'sends are spread evenly over the interval; synchronized clients make bursts far above this average',
        ...(size !== undefined ? ['payload only: no protocol headers, acknowledgements or retries; decimal units (1 KB = 1,000 bytes)'] : []),
      ],
      reading,
    };
  },
};

/** Large counts in words: 21.6 billion rather than 21,600,000,000. */
function big(x: number): string {
  if (x >= 1e12) return `${num(x / 1e12)} trillion`;
  if (x >= 1e9) return `${num(x / 1e9)} billion`;
  if (x >= 1e6) return `${num(x / 1e6)} million`;
  return num(x);
}
