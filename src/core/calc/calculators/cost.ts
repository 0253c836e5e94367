import type { Calculator } from '../calculator';
import * as z from 'zod/mini';
import { between, checkInput } from '../input';
import { CalcInputError, type Figure } from '../types';
import { parseNumber, parseRate, parseSize, parseTime } from '../units';
import { bytes, num, rate } from '../format';


/** Published list prices used when none is given (AWS Lambda, x86, us-east-1), stated in every result. */
export const COST_DEFAULTS = { perMillion: 0.2, perGbSecond: 0.0000166667 };

const usd = (x: number) => (x >= 100 ? `$${Math.round(x).toLocaleString('en-US')}` : x >= 0.01 ? `$${x.toFixed(2)}` : `$${Number(x.toPrecision(2))}`);

/** "$0.20", "0.2", "$30/month", "$0.05/h": dollars, and the period for instance prices (per month by default). */
function parseMoney(raw: string, key: string, periodic: boolean, hours = 730): number {
  const t = raw.trim().replace(/^\$/, '').replace(/usd$/i, '');
  const m = /^([\d.,]+(?:e[+-]?\d+)?)\s*(?:\/\s*(h|hr|hour|mo|month|d|day|y|yr|year))?$/i.exec(t);
  if (!m) throw new CalcInputError('not_a_number', `${key}=${raw} is not a price; write it like ${key}=0.20${periodic ? ' or ' + key + '=0.05/h or ' + key + '=30/month' : ''}`, key);
  const n = Number(m[1]!.replace(/,/g, ''));
  if (!Number.isFinite(n)) throw new CalcInputError('not_a_number', `${key}=${raw} is not a finite price`, key);
  if (!m[2]) return n;
  if (!periodic) throw new CalcInputError('wrong_unit', `${key}=${raw}: this price has no period`, key);
  const p = m[2].toLowerCase();
  return p.startsWith('h') ? n * hours : p.startsWith('d') ? n * (hours / 24) : p.startsWith('y') ? n / 12 : n;
}

export const cost: Calculator = {
  name: 'cost',
  aliases: ['pricing', 'serverless-cost', 'break-even'],
  title: 'Cloud cost: per request, always on, data transfer',
  summary: 'monthly cost of per-request (serverless) pricing against always-on instances, the break-even rate, and data transfer priced per GB',
  usage: 'cost rate=<requests per time> [per_million=<$ per million requests, default 0.20>] [memory=<size> duration=<time per request> gb_s=<$ per GB-second, default 0.0000166667>] [instance=<$ per month or $/h> instances=<count, default 1>] [hours=<hours in a month, default 730>]  or  cost transfer=<data per month, e.g. 500TB/month, or a one-off size> per_gb=<$ per GB> [alt_per_gb=<another $ per GB, for the saving>]',
  examples: ['cost rate=50/s memory=512MB duration=100ms instance=0.0832/h instances=2', 'cost rate=10M/month per_million=0.20', 'cost rate=200/s memory=1GB duration=50ms instance=60/month', 'cost transfer=500TB/month per_gb=0.08 alt_per_gb=0.02'],
  keys: ['rate', 'per_million', 'memory', 'duration', 'gb_s', 'instance', 'instances', 'hours', 'transfer', 'per_gb', 'alt_per_gb'],
  doc: { id: 'quantitative/cost-models', anchor: 'the-formula', title: 'Cost Models' },
  run(args) {
    if (args.keys.has('transfer') || args.keys.has('per_gb') || args.keys.has('alt_per_gb')) return transferCost(args);
    if (!args.keys.has('rate') && !(args.keys.has('instance') && !args.keys.has('memory'))) throw new CalcInputError('missing_key', 'missing rate= (requests per time, e.g. rate=50/s or rate=10M/month); without it only the break-even rate against instance= can be computed', 'rate');
    if (!args.keys.has('rate')) return breakEven(args);
    const r = parseRate(args.keys.get('rate')!.replace(/\/mo(?:nth)?$/i, '/month'), 'rate');
    const perMillion = args.keys.has('per_million') ? parseMoney(args.keys.get('per_million')!, 'per_million', false) : COST_DEFAULTS.perMillion;
    const gbS = args.keys.has('gb_s') ? parseMoney(args.keys.get('gb_s')!, 'gb_s', false) : COST_DEFAULTS.perGbSecond;
    checkInput(z.object({ per_million: between(0, 1e6, 'per_million= must be a price from $0 up'), gb_s: between(0, 1, 'gb_s= must be a price per GB-second from $0 to $1') }), { per_million: perMillion, gb_s: gbS });
    if (args.keys.has('memory') !== args.keys.has('duration')) throw new CalcInputError('missing_key', 'memory= and duration= go together: the compute charge is memory × duration × requests', args.keys.has('memory') ? 'duration' : 'memory');
    const hours = args.keys.has('hours') ? parseNumber(args.keys.get('hours')!, 'hours') : 730;
    checkInput(z.object({ hours: between(1, 744, 'hours= is the hours in a billing month, from 1 to 744 (730 by default; 720 for a 30-day month)') }), { hours });
    const requests = r * hours * 3600;
    const assumptions = [`a month is ${hours} hours${hours === 730 ? ' (cloud price lists\u2019 convention)' : ''}; free tiers, data transfer and storage are not included`];
    if (!args.keys.has('per_million')) assumptions.push(`per_million defaults to $${COST_DEFAULTS.perMillion} (AWS Lambda list price)`);
    let compute = 0;
    if (args.keys.has('memory')) {
      const memRaw = args.keys.get('memory')!.trim();
      const memBytes = parseSize(memRaw, 'memory');
      // Lambda sizes memory in MB and bills GB-seconds of 1,024 MB: 512MB is 0.5 GB.
      const memGb = /mb$/i.test(memRaw) ? memBytes / 1e6 / 1024 : /gb$/i.test(memRaw) ? memBytes / 1e9 : memBytes / 2 ** 30;
      const seconds = parseTime(args.keys.get('duration')!, 'duration', 'ms');
      checkInput(z.object({ memory: between(0, 1e4, 'memory= must be a positive size', { minExclusive: true }), duration: between(0, 86400, 'duration= must be a positive time up to a day', { minExclusive: true }) }), { memory: memGb, duration: seconds });
      compute = requests * seconds * memGb * gbS;
      if (!args.keys.has('gb_s')) assumptions.push(`gb_s defaults to $${COST_DEFAULTS.perGbSecond} per GB-second (AWS Lambda x86 list price); memory in GB of 1,024 MB as Lambda bills it`);
    }
    const perRequestMonthly = (requests / 1e6) * perMillion + compute;
    const figures: Figure[] = [
      { key: 'requests_month', label: 'Requests per month', value: requests, unit: 'requests', text: num(requests) },
      { key: 'per_request_month', label: `Per-request pricing per month${compute ? ' (requests + compute)' : ' (request charge only)'}`, value: perRequestMonthly, unit: 'usd', text: usd(perRequestMonthly) },
      { key: 'per_million_effective', label: 'Cost per million requests', value: (perRequestMonthly / requests) * 1e6, unit: 'usd', text: usd((perRequestMonthly / requests) * 1e6) },
    ];
    let reading = `${num(requests)} requests a month cost ${usd(perRequestMonthly)} on per-request pricing${compute ? '' : ' (request charge only: give memory= and duration= for the compute charge)'}.`;
    if (args.keys.has('instance')) {
      const instance = parseMoney(args.keys.get('instance')!, 'instance', true, hours);
      const count = args.keys.has('instances') ? parseNumber(args.keys.get('instances')!, 'instances') : 1;
      checkInput(z.object({ instance: between(0, 1e7, 'instance= must be a price from $0 up', { minExclusive: true }), instances: between(1, 100000, 'instances= must be a whole number from 1 up', { whole: true }) }), { instance, instances: count });
      const alwaysOn = instance * count;
      const breakEven = perRequestMonthly > 0 ? (alwaysOn / perRequestMonthly) * r : Infinity;
      figures.push(
        { key: 'always_on_month', label: `Always-on per month (${count} instance${count === 1 ? '' : 's'})`, value: alwaysOn, unit: 'usd', text: usd(alwaysOn) },
        { key: 'always_on_per_million', label: `Always-on cost per million requests at ${rate(r)}`, value: (alwaysOn / requests) * 1e6, unit: 'usd', text: usd((alwaysOn / requests) * 1e6) },
        { key: 'break_even_rate', label: 'Break-even rate (per-request costs as much above it)', value: breakEven, unit: '/s', text: Number.isFinite(breakEven) ? rate(breakEven) : 'none' },
      );
      const cheaper = perRequestMonthly < alwaysOn ? 'per-request pricing is cheaper' : perRequestMonthly > alwaysOn ? `the always-on instance${count === 1 ? ' is' : 's are'} cheaper` : 'they cost the same';
      reading = `At ${rate(r)}, per-request pricing costs ${usd(perRequestMonthly)} a month against ${usd(alwaysOn)} for ${count} always-on instance${count === 1 ? '' : 's'}, so ${cheaper}; the two cost the same at about ${Number.isFinite(breakEven) ? rate(breakEven) : 'no rate'}.`;
      assumptions.push('the always-on instances can carry the load; check their capacity with the capacity calculator');
    }
    return { status: 'ok', figures, formula: 'per-request = requests × price per request + requests × duration × memory × price per GB-second; always-on = instances × monthly price; break-even where they are equal', assumptions, reading };
  },
};

/** Without a rate: the request rate at which per-request pricing costs as much as the instances. */
function breakEven(args: { keys: Map<string, string> }) {
  const hours = args.keys.has('hours') ? parseNumber(args.keys.get('hours')!, 'hours') : 730;
  checkInput(z.object({ hours: between(1, 744, 'hours= is the hours in a billing month, from 1 to 744') }), { hours });
  const perMillion = args.keys.has('per_million') ? parseMoney(args.keys.get('per_million')!, 'per_million', false) : COST_DEFAULTS.perMillion;
  const instance = parseMoney(args.keys.get('instance')!, 'instance', true, hours);
  const count = args.keys.has('instances') ? parseNumber(args.keys.get('instances')!, 'instances') : 1;
  checkInput(z.object({ per_million: between(0, 1e6, 'per_million= must be a price above $0', { minExclusive: true }), instance: between(0, 1e7, 'instance= must be a price from $0 up', { minExclusive: true }), instances: between(1, 100000, 'instances= must be a whole number from 1 up', { whole: true }) }), { per_million: perMillion, instance, instances: count });
  const alwaysOn = instance * count;
  const monthlyRequests = (alwaysOn / perMillion) * 1e6;
  const perSecond = monthlyRequests / (hours * 3600);
  return {
    status: 'ok' as const,
    figures: [
      { key: 'break_even_rate', label: 'Break-even rate (per-request costs more above it)', value: perSecond, unit: '/s', text: rate(perSecond) },
      { key: 'break_even_requests_month', label: 'Break-even requests per month', value: monthlyRequests, unit: 'requests', text: num(monthlyRequests) },
      { key: 'always_on_month', label: `Always-on per month (${count} instance${count === 1 ? '' : 's'})`, value: alwaysOn, unit: 'usd', text: usd(alwaysOn) },
    ],
    formula: 'break-even requests per month = always-on monthly cost ÷ price per request',
    assumptions: [`a month is ${hours} hours; per-request price $${perMillion} per million${args.keys.has('per_million') ? '' : ' (default, AWS Lambda list price)'}; the instances can carry the load`],
    reading: `Per-request pricing at $${perMillion} per million costs as much as ${usd(alwaysOn)} a month of always-on capacity at ${rate(perSecond)} on average (${num(monthlyRequests)} requests a month); below that it is cheaper.`,
  };
}

/** Months in one unit of a volume's period ("500TB/month", "2TB/d"): a month is 30 days, a year 12 months. */
const MONTHS_PER: Record<string, number> = {
  s: 1 / (30 * 86400), sec: 1 / (30 * 86400), second: 1 / (30 * 86400), min: 1 / (30 * 1440), minute: 1 / (30 * 1440), h: 1 / 720, hr: 1 / 720, hour: 1 / 720,
  d: 1 / 30, day: 1 / 30, w: 7 / 30, wk: 7 / 30, week: 7 / 30, mo: 1, month: 1, y: 12, yr: 12, year: 12,
};

/** Data transfer (egress) priced per GB: a monthly volume, or a one-off one, times the price, and the saving at another price. */
function transferCost(args: { keys: Map<string, string> }) {
  for (const k of ['rate', 'per_million', 'memory', 'duration', 'gb_s', 'instance', 'instances', 'hours']) {
    if (args.keys.has(k)) throw new CalcInputError('too_many_values', `${k}= prices requests or instances; transfer= and per_gb= price data by the GB, so give them in a separate command`, k);
  }
  if (!args.keys.has('transfer')) throw new CalcInputError('missing_key', 'missing transfer= (the data moved, e.g. transfer=500TB/month, or transfer=200TB for a one-off move)', 'transfer');
  if (!args.keys.has('per_gb')) throw new CalcInputError('missing_key', 'missing per_gb= (the price of one GB, e.g. per_gb=0.09)', 'per_gb');
  const raw = args.keys.get('transfer')!.trim();
  const m = /^(.*?)(?:\s*\/\s*([a-z]+))?$/i.exec(raw)!;
  const volume = parseSize(m[1]!, 'transfer');
  const periodWord = m[2]?.toLowerCase();
  const months = periodWord === undefined ? undefined : MONTHS_PER[periodWord];
  if (periodWord !== undefined && months === undefined) throw new CalcInputError('wrong_unit', `transfer=${raw}: "${periodWord}" is not a period; write transfer=500TB/month, 2TB/d or 6PB/y, or a size alone for a one-off move`, 'transfer');
  const price = (k: string) => parseMoney(args.keys.get(k)!.replace(/\s*\/\s*gb$/i, ''), k, false);
  const perGb = price('per_gb');
  const alt = args.keys.has('alt_per_gb') ? price('alt_per_gb') : undefined;
  checkInput(
    z.object({
      transfer: between(0, 1e21, 'transfer= must be a positive size up to 1 ZB', { minExclusive: true }),
      per_gb: between(0, 1000, 'per_gb= must be a price from $0 to $1,000 per GB'),
      alt_per_gb: z.optional(between(0, 1000, 'alt_per_gb= must be a price from $0 to $1,000 per GB')),
    }),
    { transfer: volume, per_gb: perGb, alt_per_gb: alt },
  );
  const monthly = months !== undefined;
  // Per month when a period is given (a 30-day month), else the one-off volume.
  const bytesPer = monthly ? volume / months : volume;
  const gb = bytesPer / 1e9;
  const cost0 = gb * perGb;
  const when = monthly ? ' a month' : '';
  const gbText = `${num(gb)} GB`;
  const figures: Figure[] = [
    { key: monthly ? 'transfer_month' : 'transfer_total', label: monthly ? 'Data transferred per month' : 'Data transferred', value: bytesPer, unit: 'B', text: `${bytes(bytesPer)} (${gbText})` },
    { key: monthly ? 'transfer_cost_month' : 'transfer_cost', label: `Cost at $${num(perGb)}/GB${monthly ? ', per month' : ''}`, value: cost0, unit: 'usd', text: usd(cost0) },
  ];
  if (monthly) figures.push({ key: 'transfer_cost_year', label: `Cost at $${num(perGb)}/GB, per year`, value: cost0 * 12, unit: 'usd', text: usd(cost0 * 12) });
  const volumeText = monthly ? `${bytes(bytesPer)} a month` : `${bytes(bytesPer)}`;
  let reading = `${volumeText[0]!.toUpperCase()}${volumeText.slice(1)} at $${num(perGb)}/GB costs ${usd(cost0)}${when}${monthly ? ` (${usd(cost0 * 12)} a year)` : ''}.`;
  let worked = `${num(gb)} GB × $${num(perGb)} = ${usd(cost0)}`;
  if (alt !== undefined) {
    const cost1 = gb * alt;
    const saving = cost0 - cost1;
    const share = cost0 > 0 ? saving / cost0 : 0;
    figures.push({ key: monthly ? 'alt_cost_month' : 'alt_cost', label: `Cost at $${num(alt)}/GB${monthly ? ', per month' : ''}`, value: cost1, unit: 'usd', text: usd(cost1) });
    const label = saving < 0 ? `Extra cost at $${num(alt)}/GB` : `Saving at $${num(alt)}/GB`;
    const key = saving < 0 ? 'extra_cost' : 'saving';
    figures.push({ key: monthly ? `${key}_month` : key, label: `${label}${monthly ? ', per month' : ''}`, value: Math.abs(saving), unit: 'usd', text: usd(Math.abs(saving)) });
    if (monthly) figures.push({ key: `${key}_year`, label: `${label}, per year`, value: Math.abs(saving) * 12, unit: 'usd', text: usd(Math.abs(saving) * 12) });
    if (cost0 > 0 && saving > 0) figures.push({ key: 'saving_share', label: 'Saving as a share of the cost', value: share, unit: 'fraction', text: `${num(share * 100)}%` });
    reading += saving > 0
      ? ` At $${num(alt)}/GB it would cost ${usd(cost1)}${when}, saving ${usd(saving)}${when}${monthly ? ` (${usd(saving * 12)} a year)` : ''}${cost0 > 0 ? `, ${num(share * 100)}% less` : ''}.`
      : saving < 0
        ? ` At $${num(alt)}/GB it would cost ${usd(cost1)}${when}, ${usd(-saving)} more${when}.`
        : ` At $${num(alt)}/GB it costs the same.`;
    worked += `; at $${num(alt)}: ${num(gb)} GB × $${num(alt)} = ${usd(cost1)}`;
  }
  const assumptions = [
    `decimal units, as cloud price lists quote them: 1 TB = 1,000 GB and 1 GB = 10^9 bytes${/i?b$/i.test(m[1]!.trim()) && /[kmgtp]ib$/i.test(m[1]!.trim()) ? ' (the binary volume is converted: 1 TiB = 1,099.5 GB)' : ''}`,
    'one flat price per GB: real data-transfer price lists are often tiered (internet egress on AWS gets cheaper per GB past 10, 50 and 150 TB a month) and have a small free allowance, so check a large bill against the tiers',
  ];
  if (monthly && periodWord !== 'mo' && periodWord !== 'month') assumptions.push('a month is 30 days (a year is 12 months)');
  return { status: 'ok' as const, figures, formula: 'transfer cost = GB transferred × price per GB; saving = GB × (price − other price)', worked, assumptions, reading };
}
