import type { Calculator } from '../calculator';
import { requireKey } from '../args';
import * as z from 'zod/mini';
import { between, checkInput, positive } from '../input';
import { CalcInputError } from '../types';
import { parseFraction, parseNumber } from '../units';
import { num, percent } from '../format';

const AmdahlInput = z.object({
  parallel: between(0, 1, 'parallel= must be from 0% to 100%'),
  n: between(1, 1e7, 'n= must be a whole number from 1 to 10,000,000', { whole: true }),
});

export const amdahl: Calculator = {
  name: 'amdahl',
  aliases: ['amdahls-law', 'gustafson', 'speedup'],
  title: "Amdahl's and Gustafson's laws",
  summary: 'speedup and its ceiling for a parallel fraction on n processors; Gustafson scaled speedup',
  usage: 'amdahl parallel=<fraction or percent> n=<processors>  (without n=: the ceiling alone)',
  examples: ['amdahl parallel=95% n=16', 'amdahl parallel=90%'],
  keys: ['parallel', 'n'],
  doc: { id: 'quantitative/amdahl-gustafson', anchor: 'the-formula', title: "Amdahl's and Gustafson's Laws" },
  run(args) {
    const parallelRaw = requireKey(args, 'parallel', 'the share of work that runs in parallel, e.g. parallel=95%');
    const p = parseFraction(parallelRaw, 'parallel').value;
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
      ],
      formula: 'Amdahl: S(n) = 1 / ((1 − p) + p/n), ceiling 1/(1 − p); Gustafson: S(n) = (1 − p) + p·n',
      assumptions: [
        'Amdahl: fixed problem size; the serial part cannot overlap the parallel part',
        "Gustafson: the problem grows with n and p is the parallel share of the run on n processors",
        'no coordination cost: real systems do worse (see the Universal Scalability Law)',
      ],
      reading: `With ${percent(p, 3)} parallel work, ${n} processors give ${num(speedup)}× (${percent(speedup / n, 3)} efficiency), and no number of processors can beat ${Number.isFinite(ceiling) ? `${num(ceiling)}×` : 'an unbounded speedup'}: the ${percent(1 - p, 3)} serial part dominates. If the work grows with the machine instead, Gustafson's view gives ${num(gustafson, 4)}×.`,
      series: { title: "Amdahl speedup against processors", x: { label: 'Processors', unit: 'n' }, y: { label: 'Speedup', unit: '×' }, points, mark: { x: n, y: speedup, label: 'you' } },
    };
  },
};
