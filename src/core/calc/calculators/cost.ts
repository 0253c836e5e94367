import type { Calculator } from '../calculator';
import * as z from 'zod/mini';
import { between, checkInput } from '../input';
import { CalcInputError, type Figure } from '../types';
import { parseNumber, parseRate, parseSize, parseTime } from '../units';
import { num, rate } from '../format';


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
  title: 'Per-request against always-on cost',
  summary: 'monthly cost of per-request (serverless) pricing against always-on instances, and the break-even rate',
  usage: 'cost rate=<requests per time> [per_million=<$ per million requests, default 0.20>] [memory=<size> duration=<time per request> gb_s=<$ per GB-second, default 0.0000166667>] [instance=<$ per month or $/h> instances=<count, default 1>] [hours=<hours in a month, default 730>]',
  examples: ['cost rate=50/s memory=512MB duration=100ms instance=0.0832/h instances=2', 'cost rate=10M/month per_million=0.20', 'cost rate=200/s memory=1GB duration=50ms instance=60/month'],
  keys: ['rate', 'per_million', 'memory', 'duration', 'gb_s', 'instance', 'instances', 'hours'],
  doc: { id: 'quantitative/cost-models', anchor: 'the-formula', title: 'Cost Models' },
  run(args) {
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
