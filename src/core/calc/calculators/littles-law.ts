import type { Calculator } from '../calculator';
import * as z from 'zod/mini';
import { between, checkInput, positive } from '../input';
import { CalcInputError } from '../types';
import { parseNumber, parseRate, parseTime } from '../units';
import { duration, num, rate } from '../format';

const LittleInput = z.object({
  concurrency: z.optional(positive('concurrency= must be greater than zero')),
  throughput: z.optional(positive('throughput= must be greater than zero')),
  latency: z.optional(positive('latency= must be greater than zero')),
});

export const littlesLaw: Calculator = {
  name: 'littles-law',
  aliases: ['little', 'littles', 'little-law', 'littleslaw', 'little\u2019s-law', "little's-law"],
  title: "Little's law",
  summary: 'any two of concurrency, throughput and latency give the third (L = λW)',
  usage: 'littles-law throughput=<rate> latency=<time>  (or any two of concurrency=, throughput=, latency=) [per_unit=<concurrency one pod, instance or worker holds>]',
  examples: ['littles-law throughput=200/s latency=50ms', 'littles-law concurrency=64 latency=800ms'],
  keys: ['concurrency', 'throughput', 'latency', 'per_unit'],
  doc: { id: 'quantitative/littles-law', anchor: 'the-formula', title: "Little's Law" },
  run(args) {
    const L = args.keys.has('concurrency') ? parseNumber(args.keys.get('concurrency')!, 'concurrency') : undefined;
    const X = args.keys.has('throughput') ? parseRate(args.keys.get('throughput')!, 'throughput') : undefined;
    const W = args.keys.has('latency') ? parseTime(args.keys.get('latency')!, 'latency') : undefined;
    const given = [L, X, W].filter((v) => v !== undefined).length;
    if (given !== 2) {
      throw new CalcInputError(given < 2 ? 'missing_key' : 'too_many_values', `give exactly two of concurrency=, throughput= and latency= (got ${given}); the third is computed`, given < 2 ? [...['concurrency', 'throughput', 'latency']].find((k) => !args.keys.has(k)) : undefined);
    }
    checkInput(LittleInput, { concurrency: L, throughput: X, latency: W });
    const conc = L ?? X! * W!;
    const thr = X ?? L! / W!;
    const lat = W ?? L! / X!;
    const solved = L === undefined ? 'concurrency' : X === undefined ? 'throughput' : 'latency';
    const reading =
      solved === 'concurrency'
        ? `At ${rate(thr)} with ${duration(lat)} in the system, about ${num(conc)} requests are in flight on average: size thread pools, connection pools and concurrency limits above that, with headroom for bursts.`
        : solved === 'throughput'
          ? `With ${num(conc)} requests in flight and ${duration(lat)} each, the system completes at most ${rate(thr)}; more throughput needs more concurrency or less time per request.`
          : `With ${num(conc)} requests in flight at ${rate(thr)}, each spends ${duration(lat)} in the system on average.`;
    const figures = [
      { key: 'concurrency', label: 'Concurrency (L)', value: conc, unit: 'requests', text: num(conc) },
      { key: 'throughput', label: 'Throughput (λ)', value: thr, unit: '/s', text: rate(thr) },
      { key: 'latency', label: 'Latency (W)', value: lat, unit: 's', text: duration(lat) },
    ];
    let units = '';
    if (args.keys.has('per_unit')) {
      const per = parseNumber(args.keys.get('per_unit')!, 'per_unit');
      checkInput(z.object({ per_unit: positive('per_unit= must be the concurrency one unit holds, above zero') }), { per_unit: per });
      const n = Math.ceil(conc / per - 1e-9);
      figures.push({ key: 'units_needed', label: `Units needed at ${num(per)} concurrent each`, value: n, unit: 'units', text: String(n) });
      units = ` At ${num(per)} concurrent per unit that takes ${n} units, before headroom.`;
    }
    return {
      status: 'ok',
      figures,
      formula: 'L = λ × W (items in the system = arrival rate × time each spends in it)',
      worked: `${num(conc)} = ${num(thr)}/s × ${num(lat)} s`,
      assumptions: ['long-run averages of a stable system (arrivals equal departures)', `computed: ${solved}`],
      reading: reading + units,
    };
  },
};
