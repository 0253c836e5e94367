import type { Calculator } from '../calculator';
import * as z from 'zod/mini';
import { between, checkInput, positive } from '../input';
import { CalcInputError } from '../types';
import { parseNumber } from '../units';
import { choose } from './shuffle';

export const quorum: Calculator = {
  name: 'quorum',
  aliases: ['nrw', 'quorums'],
  title: 'Quorums (N, R, W)',
  summary: 'whether reads see the latest write, and how many failures reads and writes tolerate',
  usage: 'quorum n=<replicas> r=<read quorum> w=<write quorum>  or  quorum n=<voters> (majority and failures tolerated)  or  quorum f=<failures to survive> [faults=crash|byzantine]',
  examples: ['quorum n=3 r=2 w=2', 'quorum n=3 r=1 w=1', 'quorum n=5', 'quorum f=2', 'quorum f=1 faults=byzantine'],
  keys: ['n', 'r', 'w', 'f', 'faults'],
  doc: { id: 'patterns/quorum-tunable-consistency', anchor: 'solution', title: 'Quorums and Tunable Consistency' },
  run(args) {
    const faultsRaw = (args.keys.get('faults') ?? 'crash').toLowerCase();
    if (faultsRaw !== 'crash' && faultsRaw !== 'byzantine') throw new CalcInputError('wrong_unit', `faults=${faultsRaw} is not a fault model; use faults=crash (nodes stop) or faults=byzantine (nodes may lie)`, 'faults');
    const byzantine = faultsRaw === 'byzantine';
    if (args.keys.has('f') || (args.keys.has('n') && !args.keys.has('r') && !args.keys.has('w'))) return sizing(args.keys.has('f') ? { f: parseNumber(args.keys.get('f')!, 'f') } : { n: parseNumber(args.keys.get('n')!, 'n') }, byzantine, args.keys.has('r') || args.keys.has('w'));
    if (byzantine) throw new CalcInputError('wrong_unit', 'faults=byzantine goes with n= alone or f=, not with r= and w=', 'faults');
    if (args.keys.has('n') && args.keys.has('r') !== args.keys.has('w')) return smallestOther(args.keys.has('r') ? 'r' : 'w', parseNumber(args.keys.get('n')!, 'n'), parseNumber(args.keys.get(args.keys.has('r') ? 'r' : 'w')!, args.keys.has('r') ? 'r' : 'w'));
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

/** Group sizes: the nodes needed to survive f failures, or the quorum and failures tolerated by n nodes. */
function sizing(given: { f?: number; n?: number }, byzantine: boolean, mixed: boolean) {
  if (mixed) throw new CalcInputError('too_many_values', 'f= sizes a group on its own; give either f= or n= r= w=', 'f');
  let n: number;
  let f: number;
  if (given.f !== undefined) {
    f = given.f;
    checkInput(z.object({ f: between(0, 1000, 'f= must be a whole number of failures from 0 to 1,000', { whole: true }) }), { f });
    n = byzantine ? 3 * f + 1 : 2 * f + 1;
  } else {
    n = given.n!;
    checkInput(z.object({ n: between(1, 10000, 'n= must be a whole number of nodes from 1 to 10,000', { whole: true }) }), { n });
    f = byzantine ? Math.floor((n - 1) / 3) : Math.floor((n - 1) / 2);
  }
  const quorumSize = byzantine ? (given.f !== undefined ? 2 * f + 1 : Math.ceil((n + f + 1) / 2)) : Math.floor(n / 2) + 1;
  const model = byzantine ? 'Byzantine (nodes may lie): n ≥ 3f + 1' : 'crash failures (nodes stop): n ≥ 2f + 1';
  return {
    status: 'ok' as const,
    figures: [
      { key: 'nodes', label: given.f !== undefined ? `Nodes needed to survive ${f} failure${f === 1 ? '' : 's'}` : 'Nodes', value: n, unit: 'nodes', text: String(n) },
      { key: 'quorum', label: byzantine ? 'Quorum (matching votes needed)' : 'Majority quorum', value: quorumSize, unit: 'nodes', text: String(quorumSize) },
      { key: 'failures_tolerated', label: byzantine ? 'Faulty nodes tolerated' : 'Nodes that can fail and the group still decides', value: f, unit: 'nodes', text: String(f) },
    ],
    formula: byzantine ? 'n = 3f + 1; quorum = 2f + 1 (any two quorums share an honest node)' : 'n = 2f + 1; majority = ⌊n/2⌋ + 1; tolerated f = ⌊(n − 1)/2⌋',
    assumptions: [model, 'an even number of nodes adds a vote but no tolerance: 4 nodes survive 1 failure, like 3'],
    reading: given.f !== undefined
      ? `Surviving ${f} ${byzantine ? 'Byzantine' : 'crashed'} node${f === 1 ? '' : 's'} takes ${n} nodes, deciding with ${quorumSize} matching votes.`
      : `${n} nodes decide with a quorum of ${quorumSize} and keep working with ${f} node${f === 1 ? '' : 's'} ${byzantine ? 'faulty' : 'down'}.${!byzantine && n % 2 === 0 ? ` An even count buys nothing: ${n - 1} nodes tolerate the same.` : ''}`,
  };
}

/** Given N and one of R or W, the smallest other quorum that makes every read overlap the latest write. */
function smallestOther(given: 'r' | 'w', n: number, value: number) {
  checkInput(z.object({ n: between(1, 1000, 'n= must be a whole number of replicas from 1 to 1,000', { whole: true }) }), { n });
  checkInput(z.object({ [given]: between(1, n, `${given}= must be a whole number from 1 to n (${n})`, { whole: true }) }), { [given]: value });
  const other = given === 'r' ? 'w' : 'r';
  const needed = n - value + 1;
  return {
    status: 'ok' as const,
    figures: [
      { key: `min_${other}`, label: `Smallest ${other.toUpperCase()} so that R + W > N`, value: needed, unit: 'replicas', text: String(needed) },
      { key: `${given}_failures_tolerated`, label: `Replicas that can be down and ${given === 'r' ? 'reads' : 'writes'} still succeed`, value: n - value, unit: 'replicas', text: String(n - value) },
      { key: `${other}_failures_tolerated`, label: `Replicas that can be down and ${other === 'r' ? 'reads' : 'writes'} still succeed at that ${other.toUpperCase()}`, value: n - needed, unit: 'replicas', text: String(n - needed) },
    ],
    formula: 'reads see the latest acknowledged write when R + W > N, so the smallest other quorum is N − given + 1',
    assumptions: ['strict quorums over a fixed replica set (sloppy quorums and hinted handoff weaken the overlap)'],
    reading: `With N=${n} and ${given.toUpperCase()}=${value}, ${other.toUpperCase()} must be at least ${needed} for every read to overlap the latest write${needed === n ? `: ${other === 'w' ? 'writes' : 'reads'} then fail when any replica is down` : ''}.`,
  };
}
