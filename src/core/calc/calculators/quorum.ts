import type { Calculator } from '../calculator';
import * as z from 'zod/mini';
import { between, checkInput, positive } from '../input';
import { CalcInputError } from '../types';
import { parseNumber } from '../units';

export const quorum: Calculator = {
  name: 'quorum',
  aliases: ['nrw', 'quorums'],
  title: 'Quorums (N, R, W)',
  summary: 'whether reads see the latest write, and how many failures reads and writes tolerate',
  usage: 'quorum n=<replicas> r=<read quorum> w=<write quorum>',
  examples: ['quorum n=3 r=2 w=2', 'quorum n=3 r=1 w=1'],
  keys: ['n', 'r', 'w'],
  doc: { id: 'patterns/quorum-tunable-consistency', anchor: 'solution', title: 'Quorums and Tunable Consistency' },
  run(args) {
    for (const k of ['n', 'r', 'w']) if (!args.keys.has(k)) throw new CalcInputError('missing_key', `missing ${k}=; give n= (replicas), r= (replicas a read waits for) and w= (replicas a write waits for), e.g. quorum n=3 r=2 w=2`, k);
    const [n, r, w] = (['n', 'r', 'w'] as const).map((k) => parseNumber(args.keys.get(k)!, k)) as [number, number, number];
    checkInput(z.object({ n: between(1, 1000, 'n= must be a whole number of replicas from 1 to 1,000', { whole: true }) }), { n });
    checkInput(
      z.object({
        r: between(1, n, `r= must be a whole number from 1 to n (${n})`, { whole: true }),
        w: between(1, n, `w= must be a whole number from 1 to n (${n})`, { whole: true }),
      }),
      { r, w },
    );
    const overlap = r + w > n;
    const writesOverlap = 2 * w > n;
    const majority = Math.floor(n / 2) + 1;
    // A read of R random replicas misses a write acknowledged by W of them only if it picks R of the N − W that lack it.
    const choose = (a: number, b: number) => {
      if (b < 0 || b > a) return 0;
      let c = 1;
      for (let i = 1; i <= b; i++) c = (c * (a - b + i)) / i;
      return c;
    };
    const stale = choose(n - w, r) / choose(n, r);
    const bool = (b: boolean) => (b ? 'yes' : 'no');
    return {
      status: 'ok',
      figures: [
        { key: 'read_sees_latest_write', label: 'Every read quorum overlaps every write quorum (R + W > N)', value: overlap ? 1 : 0, unit: 'boolean', text: bool(overlap) },
        { key: 'writes_overlap', label: 'Two write quorums always overlap (2W > N)', value: writesOverlap ? 1 : 0, unit: 'boolean', text: bool(writesOverlap) },
        { key: 'read_failures_tolerated', label: 'Replicas that can be down and reads still succeed', value: n - r, unit: 'replicas', text: String(n - r) },
        { key: 'write_failures_tolerated', label: 'Replicas that can be down and writes still succeed', value: n - w, unit: 'replicas', text: String(n - w) },
        { key: 'majority', label: 'Majority of N', value: majority, unit: 'replicas', text: String(majority) },
        { key: 'stale_read_chance', label: 'Chance a read misses the latest write (replicas picked at random, before repair)', value: stale, unit: 'fraction', text: `${Math.round(stale * 1000) / 10}%` },
      ],
      formula: 'reads see the latest acknowledged write when R + W > N; concurrent writes are ordered only when 2W > N; reads tolerate N − R failures, writes N − W',
      assumptions: [
        'strict quorums over a fixed replica set (sloppy quorums and hinted handoff weaken the overlap)',
        'overlap alone is not linearizability: concurrent writes, read repair and clock-based conflict resolution still matter',
      ],
      reading: overlap
        ? `With N=${n}, R=${r}, W=${w} every read overlaps the latest write's replicas, so it can see it; reads survive ${n - r} and writes ${n - w} replicas down.${writesOverlap ? '' : ' Writes do not overlap each other, so concurrent writes need conflict resolution.'}`
        : `With N=${n}, R=${r}, W=${w} a read can miss the latest write (R + W = ${r + w} ≤ ${n}): expect stale reads. It buys latency and availability: reads survive ${n - r} and writes ${n - w} replicas down. Raise R or W so that R + W > ${n} for read-your-writes.`,
    };
  },
};
