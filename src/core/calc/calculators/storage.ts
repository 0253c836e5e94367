import type { Calculator } from '../calculator';
import { requireKey } from '../args';
import * as z from 'zod/mini';
import { between, checkInput, positive } from '../input';
import { CalcInputError } from '../types';
import { parseFraction, parseNumber, parseRate, parseSize, parseTime } from '../units';
import type { Args } from '../args';
import { bytes, num, percent } from '../format';

const StorageInput = z.object({
  per_day: positive('per_day= must be a positive size'),
  retention: between(0, 36525, 'retention= must be between a moment and 100 years', { minExclusive: true }),
  replication: between(1, 100, 'replication= must be a number of copies from 1 to 100'),
  growth: between(0, 100, 'growth= must be a yearly growth from 0% to 10,000%'),
});

export const storage: Calculator = {
  name: 'storage',
  aliases: ['disk', 'storage-growth'],
  title: 'Storage sizing',
  summary: 'stored data from daily volume, retention, replication and yearly growth',
  usage: 'storage per_day=<size> retention=<time> [replication=<copies, default 1>] [growth=<% per year, default 0>] [compression=<ratio, e.g. 4 for 4:1>]  (or users=<count> events=<per user per day> size=<per event> instead of per_day=; or rate=<events per time> size=<per event>)',
  examples: ['storage per_day=50GB retention=90d replication=3 growth=40%', 'storage users=10M events=20 size=500B retention=1y replication=3', 'storage rate=25k/s size=1KB retention=7d replication=3'],
  keys: ['per_day', 'users', 'events', 'size', 'rate', 'retention', 'replication', 'growth', 'compression', 'used', 'capacity'],
  doc: { id: 'quantitative/capacity-planning', anchor: 'worked-example', title: 'Capacity Planning' },
  run(args) {
    // compression=4: a 4:1 ratio, so a day of raw data is stored in a quarter of the space.
    const compression = args.keys.has('compression') ? parseNumber(args.keys.get('compression')!.replace(/:1$/, ''), 'compression') : 1;
    checkInput(z.object({ compression: between(1, 100, 'compression= must be a ratio from 1 to 100 (4 for 4:1)') }), { compression });
    const rawPerDay = dailyVolume(args);
    const perDay = rawPerDay / compression;
    if (args.keys.has('capacity') || args.keys.has('used')) return fillTime(args, perDay);
    const retentionRaw = requireKey(args, 'retention', 'how long data is kept, e.g. retention=90d or retention=1y');
    const retentionDays = parseTime(retentionRaw, 'retention', 'd') / 86400;
    const replication = args.keys.has('replication') ? parseNumber(args.keys.get('replication')!, 'replication') : 1;
    const growth = args.keys.has('growth') ? parseFraction(args.keys.get('growth')!.replace(/\/(y|yr|year)$/i, ''), 'growth').value : 0;
    checkInput(StorageInput, { per_day: perDay, retention: retentionDays, replication, growth });

    const logical = perDay * retentionDays;
    const raw = logical * replication;
    const nextYearPerDay = perDay * (1 + growth);
    const rawNextYear = nextYearPerDay * retentionDays * replication;
    const points: Array<[number, number]> = [];
    for (let m = 0; m <= 24; m += 2) points.push([m, (raw * Math.pow(1 + growth, m / 12)) / 1e12]);
    return {
      status: 'ok',
      figures: [
        { key: 'logical', label: 'Data retained (one copy)', value: logical, unit: 'B', text: bytes(logical) },
        { key: 'raw', label: `Stored with ${num(replication)} cop${replication === 1 ? 'y' : 'ies'}`, value: raw, unit: 'B', text: bytes(raw) },
        { key: 'per_day_next_year', label: 'Daily volume in a year', value: nextYearPerDay, unit: 'B', text: bytes(nextYearPerDay) },
        { key: 'raw_next_year', label: 'Stored in a year, at that volume', value: rawNextYear, unit: 'B', text: bytes(rawNextYear) },
      ],
      formula: 'stored = per day × retention (days) × replication; in a year: per day × (1 + growth) × retention × replication',
      worked: `${bytes(perDay)} × ${num(retentionDays)} × ${num(replication)} = ${bytes(raw)}`,
      assumptions: [
        'sizes use decimal prefixes (1 GB = 1,000,000,000 bytes; write GiB for binary)',
        'steady state: the retention window is full; growth compounds yearly on the daily volume',
        compression > 1 ? `compressed ${num(compression)}:1 (${bytes(rawPerDay)} a day raw); no indexes or filesystem overhead; leave 20-30% free space on top` : 'no compression, indexes or filesystem overhead; leave 20-30% free space on top',
      ],
      reading: `Keeping ${retentionDays.toLocaleString('en-US')} days of ${bytes(perDay)}/day with ${num(replication)} cop${replication === 1 ? 'y' : 'ies'} needs ${bytes(raw)} now${growth > 0 ? ` and ${bytes(rawNextYear)} in a year at ${percent(growth, 3)} yearly growth` : ''}, ${compression > 1 ? `after ${num(compression)}:1 compression, before` : 'before compression and'} free-space headroom.`,
      series: growth > 0 ? { title: 'Stored data over the next two years', x: { label: 'Months from now', unit: 'months' }, y: { label: 'Stored', unit: 'TB' }, points } : undefined,
    };
  },
};

/** New data per day: per_day=, or users × events per user per day × size, or a rate × size. */
function dailyVolume(args: Args): number {
  const modes = [args.keys.has('per_day'), args.keys.has('users') || args.keys.has('events'), args.keys.has('rate')].filter(Boolean).length;
  if (modes > 1) throw new CalcInputError('too_many_values', 'give the daily volume one way: per_day=, or users= events= size=, or rate= size=', 'per_day');
  if (args.keys.has('per_day')) {
    if (args.keys.has('size')) throw new CalcInputError('too_many_values', 'size= goes with users= and events= or with rate=, not with per_day=', 'size');
    return parseSize(args.keys.get('per_day')!, 'per_day');
  }
  if (!args.keys.has('size') && (args.keys.has('users') || args.keys.has('rate'))) throw new CalcInputError('missing_key', 'missing size= (bytes per event, e.g. size=500B)', 'size');
  if (args.keys.has('users') || args.keys.has('events')) {
    if (!args.keys.has('users') || !args.keys.has('events')) throw new CalcInputError('missing_key', 'users= and events= go together: users, and events each makes per day', args.keys.has('users') ? 'events' : 'users');
    const users = parseNumber(args.keys.get('users')!, 'users');
    const events = parseNumber(args.keys.get('events')!.replace(/\/(?:d|day)$/i, ''), 'events');
    checkInput(z.object({ users: between(0, 1e11, 'users= must be a count from 1 to 10^11', { minExclusive: true }), events: between(0, 1e9, 'events= must be a positive number of events per user per day', { minExclusive: true }) }), { users, events });
    return users * events * parseSize(args.keys.get('size')!, 'size');
  }
  if (args.keys.has('rate')) return parseRate(args.keys.get('rate')!, 'rate') * 86400 * parseSize(args.keys.get('size')!, 'size');
  throw new CalcInputError('missing_key', 'missing per_day= (new data per day, e.g. per_day=50GB), or users= events= size=, or rate= size=', 'per_day');
}

/** A disk or volume filling at a daily rate: days until it is full, and until 80%. */
function fillTime(args: Args, perDay: number) {
  if (!args.keys.has('capacity') || !args.keys.has('used')) throw new CalcInputError('missing_key', 'capacity= and used= go together: how large the volume is and how much is used today', args.keys.has('used') ? 'capacity' : 'used');
  const capacity = parseSize(args.keys.get('capacity')!, 'capacity');
  const used = parseSize(args.keys.get('used')!, 'used');
  checkInput(z.object({ capacity: positive('capacity= must be a positive size'), used: between(0, capacity, 'used= must be from 0 to capacity=') }), { capacity, used });
  const full = (capacity - used) / perDay;
  const eighty = Math.max(0, (0.8 * capacity - used) / perDay);
  return {
    status: 'ok' as const,
    figures: [
      { key: 'days_to_full', label: 'Days until full', value: full * 86400, unit: 's', text: `${num(full)} days` },
      { key: 'days_to_80', label: 'Days until 80% full', value: eighty * 86400, unit: 's', text: `${num(eighty)} days` },
      { key: 'used_share', label: 'Used today', value: used / capacity, unit: 'fraction', text: percent(used / capacity, 3) },
    ],
    formula: 'days until full = (capacity − used) ÷ growth per day',
    assumptions: ['steady growth per day; deletions, compaction and retention are not counted'],
    reading: `At ${bytes(perDay)} a day, ${bytes(capacity - used)} of free space lasts ${num(full)} days${eighty > 0 ? `, and 80% is reached in ${num(eighty)} days` : ', and it is already past 80%'}.`,
  };
}
