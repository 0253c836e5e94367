import type { Calculator } from '../calculator';
import { requireKey } from '../args';
import * as z from 'zod/mini';
import { between, checkInput, positive } from '../input';
import { CalcInputError } from '../types';
import { parseFraction, parseNumber, parseRate, parseRedundancy } from '../units';
import { num, percent, rate } from '../format';

/** Defaults stated in every result: a 70% utilization target and one spare (N+1). */
export const CAPACITY_DEFAULTS = { util: 0.7, safety: 1, spares: 1 } as const;

const CapacityInput = z.object({
  peak: positive('the peak load must be positive'),
  per_server: positive('per_server= must be a positive rate'),
  util: between(0, 1, 'util= must be above 0 and at most 100% (e.g. util=60%)', { minExclusive: true }),
  safety: between(1, 10, 'safety= must be a factor from 1 to 10 (e.g. safety=1.2 for 20% extra)'),
  redundancy: between(0, 1000, 'redundancy= must be N+k with k from 0 to 1,000', { whole: true }),
});

export const capacity: Calculator = {
  name: 'capacity',
  aliases: ['capacity-planning', 'servers', 'sizing'],
  title: 'Capacity planning',
  summary: 'servers needed for a peak load, with a utilization target, safety factor and spares',
  usage: 'capacity peak=<rate> [per_server=<rate>] [util=<target, default 70%>] [safety=<factor, default 1>] [redundancy=N+<k>, default N+1] [zones=<zones, survive losing one>] [growth=<expected growth of the load, e.g. 50%>]  (or avg=<rate> peak_ratio=<x> instead of peak=)',
  examples: ['capacity peak=12000/s per_server=800/s util=0.6 redundancy=N+1', 'capacity avg=3000/s peak_ratio=3 per_server=500/s safety=1.2', 'capacity avg=2000/s peak_ratio=3 growth=50% per_server=500/s util=70%'],
  keys: ['peak', 'avg', 'peak_ratio', 'per_server', 'util', 'safety', 'redundancy', 'zones', 'growth'],
  doc: { id: 'quantitative/capacity-planning', anchor: 'the-formula', title: 'Capacity Planning' },
  run(args) {
    const perServerRaw = args.keys.get('per_server');
    let peak: number;
    const assumptions: string[] = [];
    if (args.keys.has('peak')) {
      if (args.keys.has('avg')) throw new CalcInputError('too_many_values', 'give peak= or avg= with peak_ratio=, not both', 'avg');
      peak = parseRate(args.keys.get('peak')!, 'peak');
    } else if (args.keys.has('avg')) {
      if (!args.keys.has('peak_ratio')) throw new CalcInputError('missing_key', 'avg= needs peak_ratio= (peak divided by average, often 2 to 3), e.g. avg=3000/s peak_ratio=3', 'peak_ratio');
      const avg = parseRate(args.keys.get('avg')!, 'avg');
      const ratio = parseNumber(args.keys.get('peak_ratio')!, 'peak_ratio');
      checkInput(z.object({ peak_ratio: between(1, 1000, 'peak_ratio= must be at least 1 (the peak is never below the average)') }), { peak_ratio: ratio });
      peak = avg * ratio;
      assumptions.push(`peak = average ${rate(avg)} × ${num(ratio)}`);
    } else {
      throw new CalcInputError('missing_key', 'missing peak= (peak load, e.g. peak=12000/s), or avg= with peak_ratio=', 'peak');
    }
    const grew = args.keys.has('growth');
    if (grew) {
      // "we expect 50% growth": the load to plan for is the peak after it. A bare number of 1 or more is ambiguous (1 = 1% or 100%?).
      const raw = args.keys.get('growth')!;
      const { value: growth, assumedPercent } = parseFraction(raw, 'growth');
      if (!raw.trim().endsWith('%') && (assumedPercent || growth >= 1)) throw new CalcInputError('wrong_unit', `growth=${raw} should be a percentage like growth=50% (or a fraction like 0.5)`, 'growth');
      checkInput(z.object({ growth: between(0, 100, 'growth= must be from 0% to 10,000% (e.g. growth=50% for half as much again)') }), { growth });
      const grown = peak * (1 + growth);
      assumptions.push(`peak after ${percent(growth, 3)} growth = ${rate(peak)} × ${num(1 + growth, 4)} = ${rate(grown)}`);
      peak = grown;
    }
    if (perServerRaw === undefined) {
      // Without per-server capacity: the load to plan for, and how to get the server count.
      checkInput(z.object({ safety: between(1, 10, 'safety= must be from 1 to 10') }), { safety: args.keys.has('safety') ? parseNumber(args.keys.get('safety')!, 'safety') : 1 });
      const planned = peak * (args.keys.has('safety') ? parseNumber(args.keys.get('safety')!, 'safety') : 1);
      return {
        status: 'ok',
        figures: [{ key: 'required_capacity', label: `Load to plan for (peak${grew ? ' after growth' : ''} × safety)`, value: planned, unit: '/s', text: rate(planned) }],
        formula: `peak = average × peak ratio${grew ? ' × (1 + growth)' : ''}; planned = peak × safety`,
        assumptions: [...assumptions, 'give per_server= (what one server handles) for the number of servers'],
        reading: `Plan for ${rate(planned)} at peak. With what one server handles, add per_server= to get the number of servers.`,
      };
    }
    const perServer = parseRate(perServerRaw, 'per_server');
    const util = args.keys.has('util') ? parseFraction(args.keys.get('util')!, 'util').value : CAPACITY_DEFAULTS.util;
    const safety = args.keys.has('safety') ? parseNumber(args.keys.get('safety')!, 'safety') : CAPACITY_DEFAULTS.safety;
    const spares = args.keys.has('redundancy') ? parseRedundancy(args.keys.get('redundancy')!, 'redundancy') : CAPACITY_DEFAULTS.spares;
    checkInput(CapacityInput, { peak, per_server: perServer, util, safety, redundancy: spares });

    const required = peak * safety;
    const usable = perServer * util;
    const base = Math.ceil(required / usable - 1e-9);
    if (args.keys.has('zones')) {
      if (args.keys.has('redundancy')) throw new CalcInputError('too_many_values', 'zones= already sets the spare capacity (one zone); leave out redundancy=', 'redundancy');
      const zones = parseNumber(args.keys.get('zones')!, 'zones');
      checkInput(z.object({ zones: between(2, 100, 'zones= must be a whole number of zones from 2 to 100', { whole: true }) }), { zones });
      const perZone = Math.ceil(required / (usable * (zones - 1)) - 1e-9);
      const total = perZone * zones;
      assumptions.push(`spread evenly over ${zones} zones; the ${zones - 1} left after losing one carry the full peak`);
      return {
        status: 'ok',
        figures: [
          { key: 'servers_total', label: `Servers in all (${perZone} in each of ${zones} zones)`, value: total, unit: 'servers', text: String(total) },
          { key: 'servers_per_zone', label: 'Servers per zone', value: perZone, unit: 'servers', text: String(perZone) },
          { key: 'servers_base', label: 'Servers the peak needs with no loss', value: base, unit: 'servers', text: String(base) },
          { key: 'utilization_at_peak', label: 'Utilization at peak, all zones up', value: peak / (total * perServer), unit: 'fraction', text: percent(peak / (total * perServer), 3) },
          { key: 'utilization_after_loss', label: 'Utilization at peak with one zone down', value: peak / (perZone * (zones - 1) * perServer), unit: 'fraction', text: percent(peak / (perZone * (zones - 1) * perServer), 3) },
        ],
        formula: 'per zone = ⌈peak × safety ÷ (per-server capacity × target utilization × (zones − 1))⌉; total = per zone × zones',
        assumptions,
        reading: `Run ${total} servers, ${perZone} in each of ${zones} zones: losing a zone leaves ${perZone * (zones - 1)}, enough for ${rate(required)} at ${percent(util, 3)} utilization.`,
      };
    }
    const total = base + spares;
    const atPeak = peak / (total * perServer);
    const afterLoss = spares > 0 ? peak / ((total - spares) * perServer) : atPeak;
    assumptions.push(
      `utilization target ${percent(util, 3)}${args.keys.has('util') ? '' : ' (default)'}; safety factor ${num(safety)}${args.keys.has('safety') ? '' : ' (default)'}; N+${spares}${args.keys.has('redundancy') ? '' : ' (default)'}`,
      'load spreads evenly across servers; per-server capacity measured at acceptable latency',
    );
    return {
      status: 'ok',
      figures: [
        { key: 'required_capacity', label: `Capacity to provision (peak${grew ? ' after growth' : ''} × safety)`, value: required, unit: '/s', text: rate(required) },
        { key: 'servers_base', label: 'Servers to carry it at the target utilization (N)', value: base, unit: 'servers', text: String(base) },
        { key: 'servers_total', label: `Servers with N+${spares}`, value: total, unit: 'servers', text: String(total) },
        { key: 'utilization_at_peak', label: 'Utilization at peak, all servers up', value: atPeak, unit: 'fraction', text: percent(atPeak, 3) },
        { key: 'utilization_after_loss', label: `Utilization at peak with ${spares} server${spares === 1 ? '' : 's'} down`, value: afterLoss, unit: 'fraction', text: percent(afterLoss, 3) },
        { key: 'headroom', label: 'Headroom above peak, all servers up', value: total * perServer / peak - 1, unit: 'fraction', text: percent(total * perServer / peak - 1, 3) },
      ],
      formula: `N = ⌈peak${grew ? ' × (1 + growth)' : ''} × safety ÷ (per-server capacity × target utilization)⌉; total = N + k spares`,
      worked: `⌈${num(peak)} × ${num(safety)} ÷ (${num(perServer)} × ${num(util, 4)})⌉ = ${base}; ${base} + ${spares} = ${total}`,
      assumptions,
      reading:
        spares > 0
          ? `Run ${total} servers: ${base} carry ${rate(required)} at ${percent(util, 3)} utilization and ${spares} spare${spares === 1 ? ' covers' : 's cover'} failures or deploys. At peak they run at ${percent(atPeak, 3)}, and ${percent(afterLoss, 3)} with ${spares} down${afterLoss > 0.85 ? ', which is past the queueing knee: add servers' : ''}.`
          : `Run ${total} server${total === 1 ? '' : 's'} to carry ${rate(required)} at ${percent(util, 3)} utilization, with no spare: at peak they run at ${percent(atPeak, 3)}${total > 1 ? `, and losing one pushes the rest to ${percent(peak / ((total - 1) * perServer), 3)}` : ''}.`,
    };
  },
};
