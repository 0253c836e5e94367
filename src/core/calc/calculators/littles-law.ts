import type { Calculator } from '../calculator';
import * as z from 'zod/mini';
import { between, checkInput, positive } from '../input';
import { CalcInputError } from '../types';
import { parseNumber, parseRate, parseTime } from '../units';
import { duration, num, plural, rate } from '../format';

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
  usage: 'littles-law throughput=<rate> latency=<time>  (or any two of concurrency=, throughput=, latency=) [per_unit=<concurrency one pod, instance or worker holds>] [have=<pool or limit you have now, to compare; per unit with per=>]  or  littles-law throughput=<rate of one pod> latency=<time> per=<pod|instance|worker...> [fleet=<how many of them>]',
  examples: ['littles-law throughput=200/s latency=50ms', 'littles-law concurrency=64 latency=800ms', 'littles-law throughput=200/s latency=15ms per=pod fleet=12', 'littles-law throughput=400/s latency=2s have=200'],
  keys: ['concurrency', 'throughput', 'latency', 'per_unit', 'per', 'fleet', 'have'],
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
    // "each pod handles 200 req/s": the throughput of one unit, so the concurrency is that unit's too.
    const perRaw = args.keys.get('per')?.trim();
    if (perRaw !== undefined && !/^[a-z][a-z-]{0,23}$/i.test(perRaw)) throw new CalcInputError('wrong_unit', `per=${perRaw} names what the figures are per, as one word: per=pod, per=instance, per=worker`, 'per');
    if (perRaw !== undefined && args.keys.has('per_unit')) throw new CalcInputError('too_many_values', 'per= already makes the figures those of one unit; leave out per_unit=', 'per_unit');
    if (args.keys.has('fleet') && perRaw === undefined) throw new CalcInputError('missing_key', 'fleet= counts the units the figures are per; give per= too (e.g. per=pod fleet=12)', 'per');
    const unit = perRaw?.toLowerCase();
    const fleet = args.keys.has('fleet') ? parseNumber(args.keys.get('fleet')!, 'fleet') : undefined;
    if (fleet !== undefined) checkInput(z.object({ fleet: between(1, 1e6, 'fleet= must be a whole number of units from 1 to 1,000,000', { whole: true }) }), { fleet });
    const each = unit ? ` per ${unit}` : '';
    const unitsOf = (n: number) => (unit ? (n === 1 ? unit : plural(unit)) : 'units');
    // With random (Poisson) arrivals the number in flight is Poisson with mean L (M/G/∞), whatever the latency distribution.
    const p99 = solved === 'concurrency' ? poissonQuantile99(conc) : undefined;
    let reading: string;
    if (solved === 'concurrency') {
      const mean = unit
        ? `Per ${unit}: at ${rate(thr)} with ${duration(lat)} each, about ${num(conc)} requests are in flight on average (the rate is per ${unit}, so this is one ${unit}'s pool, not the whole fleet's)`
        : `At ${rate(thr)} with ${duration(lat)} in the system, about ${num(conc)} requests are in flight on average`;
      const tail = p99! >= 1
        ? `; with random arrivals 99% of the time at most ${num(p99!)} are, so a pool or limit of about ${num(p99!)}${each} covers ordinary fluctuation. Leave more headroom for bursts and latency spikes: if latency doubles, so does the concurrency needed.`
        : ': size pools and concurrency limits above that, with headroom for bursts.';
      reading = mean + tail;
      if (fleet !== undefined) reading += ` Across ${num(fleet)} ${unitsOf(fleet)} that is ${num(conc * fleet)} in flight on average${p99! >= 1 ? `, and pools of ${num(p99!)} each allow up to ${num(p99! * fleet)} at once, which whatever they share (a database's connection limit) must accept` : ''}.`;
    } else if (solved === 'throughput') {
      reading = `With ${num(conc)} requests in flight${each} and ${duration(lat)} each, ${unit ? `one ${unit}` : 'the system'} completes at most ${rate(thr)}; more throughput needs more concurrency or less time per request.`;
      if (fleet !== undefined) reading += ` Across ${num(fleet)} ${unitsOf(fleet)} that is at most ${rate(thr * fleet)}.`;
    } else {
      reading = `With ${num(conc)} requests in flight at ${rate(thr)}${each}, each spends ${duration(lat)} in the system on average.`;
    }
    const figures = [
      { key: 'concurrency', label: `Concurrency (L)${unit ? `, per ${unit}` : ''}`, value: conc, unit: 'requests', text: num(conc) },
      { key: 'throughput', label: `Throughput (λ)${unit ? `, per ${unit}` : ''}`, value: thr, unit: '/s', text: rate(thr) },
      { key: 'latency', label: 'Latency (W)', value: lat, unit: 's', text: duration(lat) },
    ];
    if (p99 !== undefined) figures.push({ key: 'concurrency_p99', label: `In flight at the 99th percentile, random arrivals${unit ? `, per ${unit}` : ''}`, value: p99, unit: 'requests', text: num(p99) });
    if (fleet !== undefined) {
      figures.push({ key: 'fleet_concurrency', label: `Concurrency across ${num(fleet)} ${unitsOf(fleet)}`, value: conc * fleet, unit: 'requests', text: num(conc * fleet) });
      if (solved === 'concurrency' && p99! >= 1) figures.push({ key: 'fleet_pool_total', label: `Pool slots across ${num(fleet)} ${unitsOf(fleet)} at the 99th percentile each`, value: p99! * fleet, unit: 'requests', text: num(p99! * fleet) });
      if (solved !== 'latency') figures.push({ key: 'fleet_throughput', label: `Throughput across ${num(fleet)} ${unitsOf(fleet)}`, value: thr * fleet, unit: '/s', text: rate(thr * fleet) });
    }
    let units = '';
    if (args.keys.has('per_unit')) {
      const per = parseNumber(args.keys.get('per_unit')!, 'per_unit');
      checkInput(z.object({ per_unit: positive('per_unit= must be the concurrency one unit holds, above zero') }), { per_unit: per });
      const n = Math.ceil(conc / per - 1e-9);
      figures.push({ key: 'units_needed', label: `Units needed at ${num(per)} concurrent each`, value: n, unit: 'units', text: String(n) });
      units = ` At ${num(per)} concurrent per unit that takes ${n} units, before headroom.`;
    }
    // have=: the pool or limit the user runs now, set against what the load needs.
    let verdict = '';
    if (args.keys.has('have')) {
      if (solved !== 'concurrency') throw new CalcInputError('too_many_values', 'have= compares a pool with the concurrency the load needs; give throughput= and latency=, not concurrency=', 'have');
      const have = parseNumber(args.keys.get('have')!, 'have');
      checkInput(z.object({ have: between(1, 1e9, 'have= must be the size of the pool or limit you have: a whole number, at least 1', { whole: true }) }), { have });
      // A pool the size of the mean is busy most of the time: it counts as too small. Rounding must not make the two read equal.
      const need = num(conc) === num(have) && have !== conc ? conc.toFixed(1) : num(conc);
      figures.push({ key: 'have', label: `Pool or limit you have${each}`, value: have, unit: 'requests', text: num(have) });
      verdict =
        have <= conc
          ? `Your pool or limit of ${num(have)}${each} is too small: about ${need} requests are in flight on average, so once ${num(have)} are busy the rest wait or are rejected. `
          : have < p99!
            ? `Your pool or limit of ${num(have)}${each} covers the average (${num(conc)} in flight) but not the 99th percentile (${num(p99!)}), so bursts will wait or be rejected. `
            : `Your pool or limit of ${num(have)}${each} covers it: about ${num(conc)} are in flight on average and ${num(p99!)} at the 99th percentile. `;
    }
    const assumptions = ['long-run averages of a stable system (arrivals equal departures)', `computed: ${solved}`];
    if (unit) assumptions.push(`the throughput is that of one ${unit}, so the concurrency is one ${unit}'s${fleet !== undefined ? `; the fleet figures multiply by ${num(fleet)}` : ''}`);
    if (p99 !== undefined) assumptions.push(`the 99th percentile assumes random (Poisson) arrivals, for which the number in flight is Poisson with mean L${conc > POISSON_EXACT_LIMIT ? ' (normal approximation at this size)' : ''}; synchronized or bursty traffic needs more`);
    return {
      status: 'ok',
      figures,
      formula: 'L = λ × W (items in the system = arrival rate × time each spends in it)',
      worked: `${num(conc)} = ${num(thr)}/s × ${num(lat)} s${each}${fleet !== undefined ? `; × ${num(fleet)} ${unitsOf(fleet)} = ${num(conc * fleet)}` : ''}`,
      assumptions,
      reading: verdict + reading + units,
      ...(verdict ? { verdict: verdict.trim() } : {}),
    };
  },
};

const POISSON_EXACT_LIMIT = 1e5;

/** The smallest k with P(X ≤ k) ≥ 0.99 for X Poisson with the given mean (Cornish-Fisher approximation for large means). */
export function poissonQuantile99(mean: number): number {
  const p = 0.99;
  if (!(mean > 0)) return 0;
  const z = 2.326348; // the standard normal 99th percentile
  if (mean > POISSON_EXACT_LIMIT) return Math.ceil(mean + z * Math.sqrt(mean) + (z * z - 1) / 6);
  let logP = -mean;
  let cdf = 0;
  const logMean = Math.log(mean);
  const stop = mean + 20 * Math.sqrt(mean) + 50;
  for (let k = 0; ; k++) {
    if (k > 0) logP += logMean - Math.log(k);
    cdf += Math.exp(logP);
    if (cdf >= p - 1e-12 || k > stop) return k;
  }
}
