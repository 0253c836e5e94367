import type { Calculator } from '../calculator';
import { requireKey } from '../args';
import * as z from 'zod/mini';
import { between, checkInput, positive } from '../input';
import { CalcInputError } from '../types';
import { parseFraction, parseNumber } from '../units';
import { num, percent } from '../format';

const TailInput = z.object({
  fanout: between(1, 1e6, 'fanout= must be a whole number from 1 to 1,000,000', { whole: true }),
  percentile: between(0, 1, 'percentile= must be above 0 and below 100 (e.g. percentile=99 or p99.9)', { minExclusive: true, maxExclusive: true }),
});

export const tail: Calculator = {
  name: 'tail',
  aliases: ['fanout', 'fan-out', 'tail-latency'],
  title: 'Tail latency under fan-out',
  summary: 'the share of requests that hit at least one backend\u2019s slow tail when fanning out',
  usage: 'tail fanout=<backends per request> percentile=<backend percentile, e.g. 99>  or  tail percentile=<backend percentile> target=<share of requests that must be fast> (the largest fan-out)',
  examples: ['tail fanout=100 percentile=99', 'tail percentile=99.9 target=99%'],
  keys: ['fanout', 'percentile', 'target'],
  doc: { id: 'quantitative/tail-latency', anchor: 'the-formula', title: 'Tail Latency' },
  run(args) {
    const percentileRaw = requireKey(args, 'percentile', 'the backend latency percentile you care about, e.g. percentile=99');
    const raw = percentileRaw.replace(/^p/i, '');
    const p = parseFraction(raw.includes('%') ? raw : `${raw}%`, 'percentile').value;
    if (args.keys.has('target') && !args.keys.has('fanout')) {
      const t0 = parseFraction(args.keys.get('target')!, 'target').value;
      checkInput(z.object({ percentile: between(0, 1, 'percentile= must be above 0 and below 100', { minExclusive: true, maxExclusive: true }), target: between(0, 1, 'target= must be a share above 0% and below 100%', { minExclusive: true, maxExclusive: true }) }), { percentile: p, target: t0 });
      const max = Math.floor(Math.log(t0) / Math.log(p) + 1e-9);
      return {
        status: 'ok',
        figures: [{ key: 'min_fanout_over', label: `Smallest fan-out at which more than ${percent(1 - t0, 3)} of requests are slow`, value: max + 1, unit: 'backends', text: String(max + 1) }, { key: 'max_fanout', label: `Largest fan-out that keeps ${percent(t0, 4)} of requests clear of the backends' slowest ${percent(1 - p, 3)}`, value: max, unit: 'backends', text: String(max) }],
        formula: 'largest N with p^N ≥ target: N = ⌊ln target / ln p⌋',
        assumptions: ['backends are independent and each is slow with probability 1 − p; the request waits for all of them'],
        reading: max >= 1 ? `At most ${max} backend${max === 1 ? '' : 's'} per request keep ${percent(t0, 4)} of requests clear of the backends' p${num(p * 100, 6)} tail.` : `Even one backend fails the goal: its own p${num(p * 100, 6)} already leaves more than ${percent(1 - t0, 3)} of requests slow.`,
      };
    }
    const fanoutRaw = requireKey(args, 'fanout', 'backends each request waits for, e.g. fanout=100');
    const n = parseNumber(fanoutRaw, 'fanout');
    checkInput(TailInput, { fanout: n, percentile: p });
    const slow = 1 - Math.pow(p, n);
    const needed = Math.pow(p, 1 / n);
    const points: Array<[number, number]> = [];
    const top = Math.max(100, n * 2);
    for (let k = 1; k <= top; k = Math.max(k + 1, Math.ceil(k * 1.2))) points.push([k, (1 - Math.pow(p, k)) * 100]);
    return {
      status: 'ok',
      figures: [
        { key: 'share_slow', label: `Requests that wait on at least one backend slower than its p${num(p * 100, 4)}`, value: slow, unit: 'fraction', text: percent(slow, 3) },
        { key: 'share_fast', label: 'Requests that meet no slow backend at all', value: 1 - slow, unit: 'fraction', text: percent(1 - slow, 3) },
        { key: 'backend_slow_allowed', label: `Share of calls each backend may be slow to keep ${percent(p, 4)} of requests fast`, value: 1 - needed, unit: 'fraction', text: percent(1 - needed, 3) },
        { key: 'backend_percentile_needed', label: `Backend percentile that keeps ${percent(p, 4)} of requests fast`, value: needed, unit: 'fraction', text: `p${num(needed * 100, 6)}` },
      ],
      formula: 'P(at least one slow) = 1 − p^N for N independent backends each fast with probability p',
      worked: `1 − ${num(p, 6)}^${n} = ${num(slow, 4)}`,
      assumptions: ['backends are independent and each is slow with probability 1 − p; the request waits for all of them'],
      reading: `Fanning out to ${n} backends, ${percent(slow, 3)} of requests wait on at least one backend's slowest ${percent(1 - p, 3)}: the backend's tail becomes the user's ${slow > 0.5 ? 'typical case' : 'common case'}. To keep ${percent(p, 4)} of requests fast, each backend must be fast at p${num(needed * 100, 6)}; hedged requests or fewer backends per request help.`,
      series: { title: `Share of requests hitting a backend's p${num(p * 100, 4)} tail against fan-out`, x: { label: 'Backends per request', unit: 'N' }, y: { label: 'Requests affected', unit: '%' }, points, mark: { x: n, y: slow * 100, label: 'you' } },
    };
  },
};
