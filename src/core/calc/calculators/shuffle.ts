import type { Calculator } from '../calculator';
import * as z from 'zod/mini';
import { between, checkInput } from '../input';
import { CalcInputError, type Figure } from '../types';
import { parseNumber } from '../units';
import { num } from '../format';

/** C(n, k) as a float (exact while it fits a double's integers). */
export function choose(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  let c = 1;
  for (let i = 1; i <= Math.min(k, n - k); i++) c = (c * (n - Math.min(k, n - k) + i)) / i;
  return c;
}

export const shuffle: Calculator = {
  name: 'shuffle',
  aliases: ['shuffle-sharding', 'shuffle-shard'],
  title: 'Shuffle sharding',
  summary: 'distinct shards and the odds that two customers share every node (or any node)',
  usage: 'shuffle nodes=<workers in the pool> size=<workers per customer> [overlap=<nodes two customers may share, default = size>]',
  examples: ['shuffle nodes=8 size=2', 'shuffle nodes=100 size=5', 'shuffle nodes=100 size=5 overlap=2'],
  keys: ['nodes', 'size', 'overlap'],
  doc: { id: 'patterns/bulkhead', anchor: 'in-practice', title: 'Bulkhead' },
  run(args) {
    for (const k of ['nodes', 'size']) if (!args.keys.has(k)) throw new CalcInputError('missing_key', `missing ${k}=; give nodes= (workers in the pool) and size= (workers each customer gets), e.g. shuffle nodes=8 size=2`, k);
    const n = parseNumber(args.keys.get('nodes')!, 'nodes');
    checkInput(z.object({ nodes: between(2, 100000, 'nodes= must be a whole number of workers from 2 to 100,000', { whole: true }) }), { nodes: n });
    const k = parseNumber(args.keys.get('size')!, 'size');
    checkInput(z.object({ size: between(1, n - 1, `size= must be a whole number from 1 to nodes − 1 (${n - 1})`, { whole: true }) }), { size: k });
    const j = args.keys.has('overlap') ? parseNumber(args.keys.get('overlap')!, 'overlap') : k;
    checkInput(z.object({ overlap: between(1, k, `overlap= must be a whole number from 1 to size (${k})`, { whole: true }) }), { overlap: j });
    const shards = choose(n, k);
    // Hypergeometric: another random shard shares exactly i of this shard's k nodes.
    const pExactly = (i: number) => (choose(k, i) * choose(n - k, k - i)) / shards;
    let atLeast = 0;
    for (let i = j; i <= k; i++) atLeast += pExactly(i);
    const any = 1 - pExactly(0);
    const figures: Figure[] = [
      { key: 'shards', label: 'Distinct shards C(nodes, size)', value: shards, unit: 'shards', text: num(shards) },
      { key: 'full_overlap', label: 'Chance another customer gets exactly the same nodes', value: 1 / shards, unit: 'fraction', text: 1 / shards < 1e-4 ? (1 / shards).toExponential(2) : `${num(100 / shards, 3)}%` },
      { key: 'any_overlap', label: 'Chance another customer shares at least one node', value: any, unit: 'fraction', text: `${num(any * 100, 3)}%` },
    ];
    if (j !== k) figures.push({ key: 'overlap_at_least', label: `Chance another customer shares ${j} or more nodes`, value: atLeast, unit: 'fraction', text: `${num(atLeast * 100, 3)}%` });
    figures.push({ key: 'expected_shared', label: 'Workers another customer shares on average (size² / nodes)', value: (k * k) / n, unit: 'workers', text: num((k * k) / n) });
    // Plain sharding: whole groups of size= workers (a remainder that makes no group is left over).
    const groups = Math.floor(n / k);
    const spare = n - groups * k;
    figures.push({ key: 'plain_sharding_overlap', label: `Same chance with plain sharding into ${groups} groups of ${k}`, value: 1 / groups, unit: 'fraction', text: `${num(100 / groups, 3)}%` });
    return {
      status: 'ok',
      figures,
      formula: 'shards = C(n, k); P(same shard) = 1 / C(n, k); P(share i nodes) = C(k, i)·C(n − k, k − i) / C(n, k)',
      assumptions: ['each customer gets a random combination of size= workers; a poison customer takes down only its own workers; clients retry across their workers'],
      reading: `${n} workers in shards of ${k} give ${num(shards)} distinct shards: a customer that takes down its own ${k} workers leaves another customer fully cut off with probability 1 in ${num(shards)}, against 1 in ${num(groups)} with plain sharding into ${num(groups)} groups${spare ? ` (${spare} worker${spare === 1 ? '' : 's'} left over)` : ''}.`,
    };
  },
};
