import type { Calculator } from '../calculator';
import { requireKey } from '../args';
import * as z from 'zod/mini';
import { between, checkInput, positive } from '../input';
import { CalcInputError } from '../types';
import { parseFraction, parseNumber, parseTime } from '../units';
import { duration, num, percent } from '../format';

const AmdahlInput = z.object({
  parallel: between(0, 1, 'parallel= must be from 0% to 100%'),
  n: between(1, 1e7, 'n= must be a whole number from 1 to 10,000,000', { whole: true }),
});

/** Whether a number is said with a vowel first ("an 8×", "an 11×", "an 800×"). */
const an = (n: string) => /^(?:8|1[18](?![\d.]))/.test(n) || /^1[18]\./.test(n);

/** A measured speedup on n processors: the parallel share Amdahl's law says it implies, and what that share allows. */
function implied(args: Parameters<Calculator['run']>[0]): ReturnType<Calculator['run']> {
  for (const key of ['parallel', 'time', 'target']) {
    if (args.keys.has(key)) throw new CalcInputError('too_many_values', `speedup= (the parallel share a measured speedup implies) takes n= and from=, not ${key}=`, key);
  }
  const s = parseNumber(args.keys.get('speedup')!.replace(/[x×]$/i, ''), 'speedup');
  const n = parseNumber(requireKey(args, 'n', 'the number of processors the speedup was measured on, e.g. n=8'), 'n');
  const from = args.keys.has('from') ? parseNumber(args.keys.get('from')!, 'from') : 1;
  checkInput(
    z.object({ n: between(2, 1e7, 'n= must be a whole number of processors from 2 up', { whole: true }), from: between(1, 1e7, 'from= must be a whole number of processors from 1 up', { whole: true }), speedup: between(1, 1e7, 'speedup= is a measured speedup of at least 1 (1 means no faster)') }),
    { n, from, speedup: s },
  );
  if (from >= n) throw new CalcInputError('out_of_range', `from= (${num(from)}) must be fewer processors than n= (${num(n)})`, 'from');
  const linear = n / from;
  if (s > linear) throw new CalcInputError('out_of_range', `${an(num(s)) ? 'an' : 'a'} ${num(s)}× speedup from ${num(from)} to ${num(n)} processors is more than linear: Amdahl's law cannot explain it (caches or a changed workload usually do)`, 'speedup');
  // Amdahl solved for p from S = T(from) / T(n), T(k) = (1 − p) + p/k.
  const p = (s - 1) / (s * (1 - 1 / n) - (1 - 1 / from));
  const ceiling = p < 1 ? 1 / (1 - p) : Infinity;
  return {
    status: 'ok',
    figures: [
      { key: 'parallel', label: 'Parallel share implied', value: p, unit: 'fraction', text: percent(p, 3) },
      { key: 'serial', label: 'Serial share implied', value: 1 - p, unit: 'fraction', text: percent(1 - p, 3) },
      { key: 'efficiency', label: 'Parallel efficiency', value: s / linear, unit: 'fraction', text: percent(s / linear, 3) },
      { key: 'ceiling', label: 'Ceiling with unlimited processors', value: ceiling, unit: '×', text: Number.isFinite(ceiling) ? `${num(ceiling)}×` : 'unbounded' },
    ],
    formula: from === 1 ? 'Amdahl solved for p: p = (1 − 1/S) / (1 − 1/n)' : 'Amdahl solved for p from S = T(from)/T(n): p = (S − 1) / (S(1 − 1/n) − (1 − 1/from))',
    worked: from === 1 ? `(1 − 1/${num(s)}) / (1 − 1/${num(n)}) = ${num(p, 4)}` : `(${num(s)} − 1) / (${num(s)} × (1 − 1/${num(n)}) − (1 − 1/${num(from)})) = ${num(p, 4)}`,
    assumptions: ['fixed problem size; the serial part cannot overlap the parallel part; coordination costs count as serial work here (the Universal Scalability Law separates them)'],
    reading: `${an(num(s)) ? 'An' : 'A'} ${num(s)}× speedup ${from === 1 ? 'on' : `from ${num(from)} to`} ${num(n)} processors is what Amdahl's law gives when ${percent(p, 3)} of the work runs in parallel, so about ${percent(1 - p, 3)} of it behaves as serial; with that share no number of processors beats ${Number.isFinite(ceiling) ? `${num(ceiling)}×` : 'an unbounded speedup'}.`,
  };
}

export const amdahl: Calculator = {
  name: 'amdahl',
  aliases: ['amdahls-law', 'gustafson', 'speedup'],
  title: "Amdahl's and Gustafson's laws",
  summary: 'speedup and its ceiling for a parallel fraction on n processors; Gustafson scaled speedup',
  usage: 'amdahl parallel=<fraction or percent> n=<processors> [from=<processors now>] [time=<run time on one processor>]  (without n=: the ceiling alone; target=<speedup> for the processors it takes; speedup=<measured> n=<processors> [from=<processors before>] in place of parallel= for the parallel share it implies)',
  examples: ['amdahl parallel=95% n=16', 'amdahl parallel=90%', 'amdahl parallel=90% target=5', 'amdahl parallel=88% n=32 from=8', 'amdahl parallel=85% n=12 time=2h', 'amdahl speedup=6 n=8'],
  keys: ['parallel', 'n', 'from', 'time', 'target', 'speedup'],
  doc: { id: 'quantitative/amdahl-gustafson', anchor: 'the-formula', title: "Amdahl's and Gustafson's Laws" },
  run(args) {
    if (args.keys.has('speedup')) return implied(args);
    const parallelRaw = requireKey(args, 'parallel', 'the share of work that runs in parallel, e.g. parallel=95%');
    const p = parseFraction(parallelRaw, 'parallel').value;
    if (args.keys.has('target')) {
      if (args.keys.has('n')) throw new CalcInputError('too_many_values', 'give n= (for the speedup) or target= (for the processors a speedup takes), not both', 'target');
      const target = parseNumber(args.keys.get('target')!.replace(/[x×]$/i, ''), 'target');
      checkInput(z.object({ parallel: between(0, 1, 'parallel= must be from 0% to 100%', { minExclusive: true }), target: between(1, 1e7, 'target= is a speedup of at least 1') }), { parallel: p, target });
      const ceiling = p < 1 ? 1 / (1 - p) : Infinity;
      if (target >= ceiling) throw new CalcInputError('out_of_range', `a ${num(target)}× speedup is out of reach: with ${percent(p, 3)} parallel work no number of processors beats ${num(ceiling)}×`, 'target');
      const n = Math.ceil(p / (1 / target - (1 - p)) - 1e-9);
      const got = 1 / (1 - p + p / n);
      return {
        status: 'ok',
        figures: [
          { key: 'processors_needed', label: `Processors for a ${num(target)}× speedup`, value: n, unit: 'processors', text: String(n) },
          { key: 'speedup', label: `Speedup on ${n}`, value: got, unit: '×', text: `${num(got)}×` },
          { key: 'ceiling', label: 'Ceiling with unlimited processors', value: ceiling, unit: '×', text: Number.isFinite(ceiling) ? `${num(ceiling)}×` : 'unbounded' },
        ],
        formula: 'Amdahl solved for n: n = p / (1/S − (1 − p))',
        assumptions: ['fixed problem size; the serial part cannot overlap the parallel part; no coordination cost'],
        reading: `A ${num(target)}× speedup with ${percent(p, 3)} parallel work takes ${n} processors (giving ${num(got)}×); the ceiling is ${Number.isFinite(ceiling) ? `${num(ceiling)}×` : 'unbounded'}, so each step closer costs more processors.`,
      };
    }
    if (!args.keys.has('n')) {
      checkInput(z.object({ parallel: between(0, 1, 'parallel= must be from 0% to 100%', { maxExclusive: true }) }), { parallel: p });
      const ceiling = 1 / (1 - p);
      return {
        status: 'ok',
        figures: [{ key: 'ceiling', label: 'Ceiling with unlimited processors', value: ceiling, unit: '×', text: `${num(ceiling)}×` }],
        formula: 'Amdahl: S(∞) = 1/(1 − p)',
        assumptions: ['fixed problem size; the serial part cannot overlap the parallel part'],
        reading: `With ${percent(p, 3)} parallel work no number of processors can beat ${num(ceiling)}×: the ${percent(1 - p, 3)} serial part sets the ceiling. Give n= for the speedup on a given machine.`,
      };
    }
    const n = parseNumber(args.keys.get('n')!, 'n');
    checkInput(AmdahlInput, { parallel: p, n });
    const speedup = 1 / (1 - p + p / n);
    const ceiling = p < 1 ? 1 / (1 - p) : Infinity;
    const gustafson = 1 - p + p * n;
    const extra: Array<{ key: string; label: string; value: number; unit: string; text: string }> = [];
    let extraReading = '';
    if (args.keys.has('from')) {
      const from = parseNumber(args.keys.get('from')!, 'from');
      checkInput(z.object({ from: between(1, 1e7, 'from= must be a whole number of processors from 1 up', { whole: true }) }), { from });
      const before = 1 / (1 - p + p / from);
      extra.push({ key: 'gain', label: `Faster on ${n} than on ${from}`, value: speedup / before, unit: '×', text: `${num(speedup / before)}×` });
      extraReading = `Going from ${from} to ${n} processors makes it ${num(speedup / before)}× faster (${num(before)}× to ${num(speedup)}× over one). `;
    }
    if (args.keys.has('time')) {
      const t = parseTime(args.keys.get('time')!, 'time');
      checkInput(z.object({ time: between(0, 1e10, 'time= must be a positive run time', { minExclusive: true }) }), { time: t });
      extra.push({ key: 'time_on_n', label: `Run time on ${n}`, value: t / speedup, unit: 's', text: duration(t / speedup) });
      extraReading = `A ${duration(t)} run takes about ${duration(t / speedup)} on ${n}. `;
    }
    const maxN = Math.max(64, n * 2);
    const points: Array<[number, number]> = [];
    for (let k = 1; k <= maxN; k = k < 8 ? k + 1 : Math.ceil(k * 1.25)) points.push([k, 1 / (1 - p + p / k)]);
    return {
      status: 'ok',
      figures: [
        { key: 'speedup', label: `Speedup on ${n} (Amdahl)`, value: speedup, unit: '×', text: `${num(speedup)}×` },
        { key: 'efficiency', label: 'Parallel efficiency', value: speedup / n, unit: 'fraction', text: percent(speedup / n, 3) },
        { key: 'ceiling', label: 'Ceiling with unlimited processors', value: ceiling, unit: '×', text: Number.isFinite(ceiling) ? `${num(ceiling)}×` : 'unbounded' },
        { key: 'gustafson', label: `Scaled speedup on ${n} (Gustafson)`, value: gustafson, unit: '×', text: `${num(gustafson, 4)}×` },
        ...extra,
      ],
      formula: 'Amdahl: S(n) = 1 / ((1 − p) + p/n), ceiling 1/(1 − p); Gustafson: S(n) = (1 − p) + p·n',
      worked: `1 / (${num(1 - p, 4)} + ${num(p, 4)}/${n}) = ${num(speedup, 4)}; Gustafson ${num(1 - p, 4)} + ${num(p, 4)} × ${n} = ${num(gustafson, 4)}`,
      assumptions: [
        'Amdahl: fixed problem size; the serial part cannot overlap the parallel part',
        "Gustafson: the problem grows with n and p is the parallel share of the run on n processors",
        'no coordination cost: real systems do worse (see the Universal Scalability Law)',
      ],
      reading: `${extraReading}With ${percent(p, 3)} parallel work, ${n} processors give ${num(speedup)}× (${percent(speedup / n, 3)} efficiency), and no number of processors can beat ${Number.isFinite(ceiling) ? `${num(ceiling)}×` : 'an unbounded speedup'}: the ${percent(1 - p, 3)} serial part dominates. If the work grows with the machine instead, Gustafson's view gives ${num(gustafson, 4)}×.`,
      series: { title: "Amdahl speedup against processors", x: { label: 'Processors', unit: 'n' }, y: { label: 'Speedup', unit: '×' }, points, mark: { x: n, y: speedup, label: 'you' } },
    };
  },
};
