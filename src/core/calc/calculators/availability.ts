import type { Calculator } from '../calculator';
import * as z from 'zod/mini';
import { between, checkInput, positive } from '../input';
import { CalcInputError, type Figure } from '../types';
import { parseFraction, parseNumber, parseTime } from '../units';
import { duration, num, percent } from '../format';

/** A year of 365.25 days; a month is a twelfth of it (30.44 days). */
export const YEAR_S = 365.25 * 86400;
const PERIODS: Array<[string, string, number]> = [
  ['downtime_year', 'Downtime per year', YEAR_S],
  ['downtime_quarter', 'Downtime per quarter', YEAR_S / 4],
  ['downtime_month', 'Downtime per month', YEAR_S / 12],
  ['downtime_week', 'Downtime per week', 7 * 86400],
  ['downtime_day', 'Downtime per day', 86400],
];

export function downtimeFigures(a: number): Figure[] {
  return PERIODS.map(([key, label, seconds]) => ({ key, label, value: (1 - a) * seconds, unit: 's', text: duration((1 - a) * seconds) }));
}

function nines(a: number): number {
  return a >= 1 ? Infinity : -Math.log10(1 - a);
}

export const availability: Calculator = {
  name: 'availability',
  aliases: ['avail', 'nines', 'uptime', 'downtime'],
  title: 'Availability',
  summary: 'downtime for an availability, series and parallel composition, or MTBF/MTTR',
  usage: 'availability <a1> [<a2> ...] [mode=series|parallel] [need=<k of n must work>] [period=<time>]  or  availability mtbf=<time> mttr=<time>  (one of them with target= for the other)  or  availability downtime=<time> period=<time>',
  examples: ['availability 99.9% 99.95% mode=series', 'availability 99.9% 99.9% mode=parallel', 'availability 99.99%', 'availability mtbf=720h mttr=1h', 'availability downtime=5min period=30d'],
  keys: ['mode', 'mtbf', 'mttr', 'downtime', 'period', 'need', 'target', 'incidents'],
  positional: true,
  doc: { id: 'quantitative/availability-math', anchor: 'the-formula', title: 'Availability Math' },
  run(args) {
    const assumptions: string[] = ['a year is 365.25 days and a month a twelfth of it'];
    let a: number;
    let formula: string;
    let worked: string | undefined;
    let reading: string;
    const figures: Figure[] = [];
    let series;
    if (args.keys.has('downtime') || (args.keys.has('period') && !args.positional.length)) {
      if (args.positional.length || args.keys.has('mtbf') || args.keys.has('mttr')) throw new CalcInputError('too_many_values', 'give downtime= with period= on their own', 'downtime');
      if (!args.keys.has('downtime') || !args.keys.has('period')) throw new CalcInputError('missing_key', 'downtime= and period= go together: how much downtime over how long, e.g. downtime=5min period=30d', args.keys.has('downtime') ? 'period' : 'downtime');
      const down = parseTime(args.keys.get('downtime')!, 'downtime');
      const period = parseTime(args.keys.get('period')!, 'period', 'd');
      checkInput(z.object({ downtime: between(0, period, 'downtime= must not be longer than period=') }), { downtime: down });
      a = 1 - down / period;
      formula = 'A = 1 − downtime / period';
      figures.push({ key: 'availability', label: 'Availability', value: a, unit: 'fraction', text: percent(a) });
      reading = `${duration(down)} of downtime in ${duration(period)} is ${percent(a)} availability (${num(nines(a), 3)} nines).`;
      if (args.keys.has('incidents')) {
        const k = parseNumber(args.keys.get('incidents')!, 'incidents');
        checkInput(z.object({ incidents: between(1, 1e6, 'incidents= must be a whole number of incidents from 1 up', { whole: true }) }), { incidents: k });
        figures.push({ key: 'mttr', label: 'Mean time to repair (MTTR)', value: down / k, unit: 's', text: duration(down / k) }, { key: 'mtbf', label: 'Mean time between failures (MTBF, uptime ÷ incidents)', value: (period - down) / k, unit: 's', text: duration((period - down) / k) });
        reading += ` Over ${num(k)} incidents that is an MTTR of ${duration(down / k)} and an MTBF of ${duration((period - down) / k)}.`;
      }
    } else if (args.keys.has('mtbf') || args.keys.has('mttr')) {
      if (args.positional.length) throw new CalcInputError('too_many_values', 'give either availabilities or mtbf= with mttr=, not both', 'mtbf');
      if (args.keys.has('target') && args.keys.has('mtbf') !== args.keys.has('mttr')) {
        const t = parseFraction(args.keys.get('target')!, 'target').value;
        checkInput(z.object({ target: between(0, 1, 'target= must be an availability above 0% and below 100%', { minExclusive: true, maxExclusive: true }) }), { target: t });
        if (args.keys.has('mtbf')) {
          const mtbf = parseTime(args.keys.get('mtbf')!, 'mtbf');
          checkInput(z.object({ mtbf: positive('mtbf= must be a positive time') }), { mtbf });
          const mttr = (mtbf * (1 - t)) / t;
          return {
            status: 'ok',
            figures: [{ key: 'max_mttr', label: `Longest mean repair time that keeps ${percent(t)}`, value: mttr, unit: 's', text: duration(mttr) }, ...downtimeFigures(t)],
            formula: 'A = MTBF / (MTBF + MTTR), so MTTR ≤ MTBF × (1 − A) / A',
            assumptions,
            reading: `Failing every ${duration(mtbf)} on average, each repair must take at most ${duration(mttr)} to keep ${percent(t)}.`,
          };
        }
        const mttr = parseTime(args.keys.get('mttr')!, 'mttr');
        checkInput(z.object({ mttr: positive('mttr= must be a positive time') }), { mttr });
        const mtbf = (mttr * t) / (1 - t);
        return {
          status: 'ok',
          figures: [{ key: 'min_mtbf', label: `Shortest mean time between failures that keeps ${percent(t)}`, value: mtbf, unit: 's', text: duration(mtbf) }, ...downtimeFigures(t)],
          formula: 'A = MTBF / (MTBF + MTTR), so MTBF ≥ MTTR × A / (1 − A)',
          assumptions,
          reading: `With repairs taking ${duration(mttr)}, failures must come no more often than every ${duration(mtbf)} on average to keep ${percent(t)}; shortening repairs is usually the cheaper lever.`,
        };
      }
      if (!args.keys.has('mtbf')) throw new CalcInputError('missing_key', 'mttr= needs mtbf= (mean time between failures, e.g. mtbf=720h)', 'mtbf');
      if (!args.keys.has('mttr')) throw new CalcInputError('missing_key', 'mtbf= needs mttr= (mean time to repair, e.g. mttr=1h)', 'mttr');
      const mtbf = parseTime(args.keys.get('mtbf')!, 'mtbf');
      const mttr = parseTime(args.keys.get('mttr')!, 'mttr');
      checkInput(z.object({ mtbf: positive('mtbf= must be a positive time'), mttr: between(0, Number.MAX_VALUE, 'mttr= must not be negative') }), { mtbf, mttr });
      a = mtbf / (mtbf + mttr);
      formula = 'A = MTBF / (MTBF + MTTR)';
      worked = `${duration(mtbf)} / (${duration(mtbf)} + ${duration(mttr)}) = ${percent(a)}`;
      figures.push({ key: 'availability', label: 'Availability', value: a, unit: 'fraction', text: percent(a) });
      figures.push({ key: 'failures_per_year', label: 'Failures per year', value: YEAR_S / (mtbf + mttr), unit: 'per year', text: num(YEAR_S / (mtbf + mttr)) });
      reading = `Failing every ${duration(mtbf)} and taking ${duration(mttr)} to repair gives ${percent(a)} (${num(nines(a), 2)} nines). Halving the repair time buys as much as doubling the time between failures.`;
    } else {
      if (!args.positional.length) throw new CalcInputError('missing_key', 'give at least one availability, e.g. availability 99.9%', undefined);
      if (args.positional.length > 50) throw new CalcInputError('too_many_values', 'at most 50 availabilities at once');
      const parts = args.positional.map((raw, i) => {
        const f = parseFraction(raw, `value ${i + 1}`);
        if (f.assumedPercent) assumptions.push(`read ${raw} as ${raw}%`);
        checkInput(between(0, 1, `${raw} is not an availability: use a percentage above 0% and at most 100% (e.g. 99.9%)`, { minExclusive: true }), f.value);
        return f.value;
      });
      const modeRaw = (args.keys.get('mode') ?? 'series').toLowerCase();
      if (modeRaw !== 'series' && modeRaw !== 'parallel') throw new CalcInputError('wrong_unit', `mode=${modeRaw} is not a mode; use mode=series (all must work) or mode=parallel (any one is enough)`, 'mode');
      const mode = modeRaw as 'series' | 'parallel';
      if (args.keys.has('need')) {
        const k = Number(args.keys.get('need'));
        checkInput(z.object({ need: between(1, parts.length, `need= must be a whole number from 1 to the number of components (${parts.length})`, { whole: true }) }), { need: k });
        if (new Set(parts).size !== 1) throw new CalcInputError('wrong_unit', 'need= (k of n) takes identical components; give the same availability for each', 'need');
        const p = parts[0]!;
        const n = parts.length;
        let sum = 0;
        let c = 1;
        for (let i = 0; i <= n; i++) {
          if (i >= k) sum += c * Math.pow(p, i) * Math.pow(1 - p, n - i);
          c = (c * (n - i)) / (i + 1);
        }
        a = sum;
        formula = 'k of n: A = Σ_{i=k..n} C(n, i) · a^i · (1 − a)^(n − i)';
        assumptions.push('components fail independently; the group works while at least k of n are up');
        reading = `${n} components at ${percent(p)} of which ${k} must be up give ${percent(a)}, if their failures are independent.`;
      } else if (parts.length === 1) {
        a = parts[0]!;
        formula = 'downtime = (1 − A) × period';
        worked = `(1 − ${num(a, 8)}) × 365.25 days = ${duration((1 - a) * YEAR_S)} a year`;
        reading = `${percent(a)} allows ${duration((1 - a) * YEAR_S)} of downtime a year, ${duration(((1 - a) * YEAR_S) / 12)} a month.`;
      } else if (mode === 'series') {
        a = parts.reduce((x, y) => x * y, 1);
        formula = 'series (every component must work): A = A1 × A2 × … × An';
        worked = `${parts.map((x) => num(x, 6)).join(' × ')} = ${num(a, 8)}`;
        assumptions.push('components fail independently');
        reading = `${parts.length} components in series give ${percent(a)}, about ${duration((1 - a) * YEAR_S)} of downtime a year, lower than the weakest (${percent(Math.min(...parts))}): every dependency on the request path takes its share of the downtime.`;
      } else {
        a = 1 - parts.reduce((x, y) => x * (1 - y), 1);
        formula = 'parallel (any one is enough): A = 1 − (1 − A1) × (1 − A2) × … × (1 − An)';
        worked = `1 − ${parts.map((x) => `(1 − ${num(x, 6)})`).join(' × ')} = ${num(a, 10)}`;
        assumptions.push('components fail independently and failover is instant and perfect; correlated failures (shared region, config, deploy) make the real figure lower');
        reading = `${parts.length} redundant components in parallel give ${percent(a)}, about ${duration((1 - a) * YEAR_S)} of downtime a year, if their failures are truly independent; shared dependencies and failover time eat into this.`;
      }
      figures.push({ key: 'availability', label: parts.length === 1 ? 'Availability' : `Combined availability (${mode})`, value: a, unit: 'fraction', text: percent(a) });
      const base = parts[0]!;
      series = {
        title: `Availability against redundant copies of a ${percent(base)} component (independent failures)`,
        x: { label: 'Copies in parallel', unit: 'copies' },
        y: { label: 'Nines of availability', unit: 'nines' },
        points: [1, 2, 3, 4, 5].map((k) => [k, Math.min(12, nines(1 - Math.pow(1 - base, k)))] as [number, number]),
      };
    }
    figures.push({ key: 'nines', label: 'Nines', value: nines(a), unit: 'nines', text: Number.isFinite(nines(a)) ? num(nines(a), 3) : '∞' });
    if (args.keys.has('period') && !args.keys.has('downtime')) {
      const period = parseTime(args.keys.get('period')!, 'period', 'd');
      figures.push({ key: 'downtime_period', label: `Downtime per ${duration(period)}`, value: (1 - a) * period, unit: 's', text: duration((1 - a) * period) });
      reading += ` Over ${duration(period)} that is ${duration((1 - a) * period)}.`;
    }
    figures.push(...downtimeFigures(a));
    return { status: 'ok', figures, formula, worked, assumptions, reading, series };
  },
};
