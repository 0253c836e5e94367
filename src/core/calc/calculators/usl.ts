import type { Calculator } from '../calculator';
import * as z from 'zod/mini';
import { between, checkInput, positive } from '../input';
import { CalcInputError, type Figure } from '../types';
import { parseRate, parseNumber } from '../units';
import { num } from '../format';

export function uslCapacity(n: number, sigma: number, kappa: number): number {
  return n / (1 + sigma * (n - 1) + kappa * n * (n - 1));
}

export function uslPeak(sigma: number, kappa: number): number {
  return kappa > 0 ? Math.sqrt((1 - sigma) / kappa) : Infinity;
}

/**
 * Fits σ and κ to measured (N, X) points by least squares on the linearised USL
 * (N/C(N) − 1 = σ(N − 1) + κN(N − 1), with C(N) = X(N)/X(1)), as Gunther describes.
 */
export function fitUsl(points: Array<[number, number]>): { sigma: number; kappa: number; x1: number; clamped: boolean } {
  const one = points.find(([n]) => n === 1);
  if (!one) throw new CalcInputError('missing_key', 'the measurements must include concurrency 1 (e.g. points=1:100,2:190,4:350,8:560): the fit is relative to it', 'points');
  const x1 = one[1];
  let s11 = 0, s12 = 0, s22 = 0, s1y = 0, s2y = 0;
  for (const [n, x] of points) {
    if (n === 1) continue;
    const y = n / (x / x1) - 1;
    const a = n - 1;
    const b = n * (n - 1);
    s11 += a * a; s12 += a * b; s22 += b * b; s1y += a * y; s2y += b * y;
  }
  const det = s11 * s22 - s12 * s12;
  let sigma: number;
  let kappa: number;
  let clamped = false;
  if (Math.abs(det) < 1e-12) {
    sigma = s1y / s11;
    kappa = 0;
  } else {
    sigma = (s1y * s22 - s2y * s12) / det;
    kappa = (s2y * s11 - s1y * s12) / det;
  }
  // Negative coefficients have no physical meaning: fix one at zero and refit the other.
  if (kappa < 0) {
    kappa = 0;
    sigma = s1y / s11;
    clamped = true;
  }
  if (sigma < 0) {
    sigma = 0;
    kappa = Math.max(0, s2y / s22);
    clamped = true;
  }
  return { sigma, kappa, x1, clamped };
}

function parsePoints(raw: string): Array<[number, number]> {
  const points = raw.split(',').filter(Boolean).map((pair) => {
    const [n, x] = pair.split(':');
    if (n === undefined || x === undefined) throw new CalcInputError('wrong_unit', `points= takes concurrency:throughput pairs separated by commas, e.g. points=1:100,2:190,4:350 (got "${pair}")`, 'points');
    const N = parseNumber(n, 'points');
    const X = parseNumber(x.replace(/\/s$/, ''), 'points');
    const message = `points= needs concurrency of at least 1 and positive throughput (got ${pair})`;
    checkInput(z.object({ points: z.tuple([between(1, Number.MAX_VALUE, message), positive(message)]) }), { points: [N, X] });
    return [N, X] as [number, number];
  });
  if (points.length < 3) throw new CalcInputError('missing_key', 'points= needs at least 3 measurements to fit two coefficients, e.g. points=1:100,2:190,4:350,8:560', 'points');
  if (points.length > 200) throw new CalcInputError('too_many_values', 'points= takes at most 200 measurements', 'points');
  return points;
}

const UslInput = z.object({
  sigma: between(0, 1, 'sigma= must be from 0 to just under 1 (typical values 0.01 to 0.2)', { maxExclusive: true }),
  kappa: between(0, 1, 'kappa= must be from 0 to just under 1 (typical values 0.0001 to 0.01)', { maxExclusive: true }),
});

export const usl: Calculator = {
  name: 'usl',
  aliases: ['universal-scalability-law', 'gunther', 'scalability'],
  title: 'Universal Scalability Law',
  summary: 'relative capacity and peak concurrency from contention σ and coherence κ, or fit them from measurements',
  usage: 'usl sigma=<contention> kappa=<coherence> [n=<concurrency>] [x1=<throughput at concurrency 1>] [from=<concurrency now>]  or  usl fit points=<n:throughput,...>',
  examples: ['usl sigma=0.05 kappa=0.001 n=32', 'usl fit points=1:100,2:190,4:350,8:560'],
  keys: ['sigma', 'kappa', 'n', 'points', 'x1', 'from'],
  positional: true,
  doc: { id: 'quantitative/universal-scalability-law', anchor: 'the-formula', title: 'Universal Scalability Law' },
  run(args) {
    const fit = args.positional[0]?.toLowerCase() === 'fit' || args.keys.has('points');
    if (args.positional.some((p, i) => !(i === 0 && p.toLowerCase() === 'fit'))) {
      throw new CalcInputError('too_many_values', `unexpected "${args.positional.find((p) => p.toLowerCase() !== 'fit')}"; use key=value, e.g. usl sigma=0.05 kappa=0.001 n=32`);
    }
    let sigma: number;
    let kappa: number;
    let x1 = 1;
    const figures: Figure[] = [];
    const assumptions = ['C(1) = 1: capacity is relative to one unit of concurrency'];
    let measured: Array<[number, number]> = [];
    if (fit) {
      if (!args.keys.has('points')) throw new CalcInputError('missing_key', 'usl fit needs points=, e.g. usl fit points=1:100,2:190,4:350,8:560', 'points');
      measured = parsePoints(args.keys.get('points')!);
      const r = fitUsl(measured);
      ({ sigma, kappa, x1 } = r);
      if (r.clamped) assumptions.push('the unconstrained fit gave a negative coefficient, which has no physical meaning; it was fixed at zero');
      assumptions.push('least-squares fit of the linearised USL relative to the throughput at concurrency 1 (Gunther); more points, especially past the peak, make it trustworthy');
      figures.push({ key: 'sigma', label: 'Contention σ (fitted)', value: sigma, unit: '', text: num(sigma) });
      figures.push({ key: 'kappa', label: 'Coherence κ (fitted)', value: kappa, unit: '', text: num(kappa) });
    } else {
      for (const k of ['sigma', 'kappa']) if (!args.keys.has(k)) throw new CalcInputError('missing_key', `missing ${k}= (e.g. usl sigma=0.05 kappa=0.001 n=32), or use usl fit points=...`, k);
      sigma = parseNumber(args.keys.get('sigma')!, 'sigma');
      kappa = parseNumber(args.keys.get('kappa')!, 'kappa');
      if (args.keys.has('x1')) {
        x1 = parseRate(/[a-z/]/i.test(args.keys.get('x1')!) ? args.keys.get('x1')! : `${args.keys.get('x1')}/s`, 'x1');
      }
    }
    const absolute = fit || args.keys.has('x1');
    checkInput(UslInput, { sigma, kappa });
    const peakN = uslPeak(sigma, kappa);
    const peakC = Number.isFinite(peakN) ? uslCapacity(peakN, sigma, kappa) : 1 / Math.max(sigma, 1e-12);
    if (Number.isFinite(peakN)) {
      figures.push({ key: 'peak_concurrency', label: 'Concurrency of peak throughput (N*)', value: peakN, unit: 'N', text: num(peakN) });
      figures.push({ key: 'peak_capacity', label: 'Peak relative capacity C(N*)', value: peakC, unit: '×', text: `${num(peakC)}×` });
    } else {
      figures.push({ key: 'ceiling', label: 'Capacity ceiling (κ = 0: Amdahl)', value: peakC, unit: '×', text: sigma > 0 ? `${num(peakC)}×` : 'unbounded' });
    }
    if (absolute) figures.push({ key: 'peak_throughput', label: 'Peak throughput', value: peakC * x1, unit: '/s', text: `${num(peakC * x1)}/s` });
    let n: number | undefined;
    if (args.keys.has('n')) {
      n = parseNumber(args.keys.get('n')!, 'n');
      checkInput(z.object({ n: between(1, 1e6, 'n= must be from 1 to 1,000,000') }), { n });
      const c = uslCapacity(n, sigma, kappa);
      figures.unshift({ key: 'capacity', label: `Relative capacity C(${num(n)})`, value: c, unit: '×', text: `${num(c)}×` });
      if (args.keys.has('from')) {
        const from = parseNumber(args.keys.get('from')!, 'from');
        checkInput(z.object({ from: between(1, 1e6, 'from= must be from 1 to 1,000,000') }), { from });
        const gain = c / uslCapacity(from, sigma, kappa);
        figures.push({ key: 'gain', label: `Throughput at ${num(n)} against ${num(from)}`, value: gain, unit: '×', text: `${num(gain)}×` });
      }
      if (absolute) figures.push({ key: 'throughput', label: `Throughput at ${num(n)}`, value: c * x1, unit: '/s', text: `${num(c * x1)}/s` });
    }
    const top = Math.max(16, Math.ceil(Math.min(Number.isFinite(peakN) ? peakN * 2.5 : 64, 4096)), n ? Math.ceil(n * 1.5) : 0);
    const points: Array<[number, number]> = [];
    for (let k = 1; k <= top; k = Math.max(k + 1, Math.ceil(k * 1.15))) points.push([k, uslCapacity(k, sigma, kappa) * x1]);
    const reading = Number.isFinite(peakN)
      ? `Throughput peaks at about ${num(peakN)} concurrent ${absolute ? `(${num(peakC * x1)}/s)` : `(${num(peakC)}× one unit)`} and falls beyond it: past that point, adding load or nodes makes the system slower because coherence costs grow with N².${n !== undefined && n > peakN ? ` At ${num(n)} you are past the peak.` : ''}`
      : `With no coherence cost (κ = 0) this is Amdahl's law: capacity approaches ${sigma > 0 ? `${num(peakC)}×` : 'linear scaling'} but never falls.`;
    return {
      status: 'ok',
      figures,
      formula: 'C(N) = N / (1 + σ(N − 1) + κN(N − 1)); peak at N* = √((1 − σ)/κ)',
      assumptions,
      reading,
      series: {
        title: fit ? 'Fitted throughput against concurrency' : 'Relative capacity against concurrency',
        x: { label: 'Concurrency', unit: 'N' },
        y: { label: fit ? 'Throughput' : 'Relative capacity', unit: fit ? '/s' : '×' },
        points,
        mark: n !== undefined ? { x: n, y: uslCapacity(n, sigma, kappa) * x1, label: 'you' } : Number.isFinite(peakN) ? { x: peakN, y: peakC * x1, label: 'peak' } : undefined,
      },
    };
  },
};
