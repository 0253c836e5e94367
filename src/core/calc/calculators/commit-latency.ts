import type { Calculator } from '../calculator';
import * as z from 'zod/mini';
import { between, checkInput } from '../input';
import { CalcInputError, type Figure } from '../types';
import { parseNumber, parseTime } from '../units';
import { duration, num } from '../format';
import { requireKey } from '../args';

const ordinal = (k: number) => `${k}${k % 100 >= 11 && k % 100 <= 13 ? 'th' : ['th', 'st', 'nd', 'rd'][k % 10] ?? 'th'}`;

/**
 * A leader-based consensus commit (Raft, Multi-Paxos, Zab) waits for a majority: the leader and
 * k = ⌊n/2⌋ followers, so its latency is the k-th smallest follower round trip plus one fsync.
 */
export const commitLatency: Calculator = {
  name: 'commit-latency',
  aliases: ['commit', 'consensus-latency', 'raft-latency', 'quorum-latency'],
  title: 'Consensus commit latency',
  summary: 'how long a leader-based commit (Raft, Multi-Paxos) waits: the round trip to the k-th nearest follower that completes the majority, plus fsync',
  usage: 'commit-latency followers=<round trip from the leader to each follower, e.g. 2ms,15ms,70ms,90ms> [n=<nodes, default followers + 1>] [fsync=<durable log write, default 0>] [client=<client-to-leader round trip, default 0>] [rounds=<sequential rounds, 1 for Raft, 2 for classic Paxos>] [down=<nearest followers down, default 1, for the degraded figure>]',
  examples: ['commit-latency followers=2ms,15ms,70ms,90ms', 'commit-latency followers=15ms,75ms fsync=2ms', 'commit-latency followers=1ms,15ms,15ms,75ms fsync=2ms client=75ms'],
  keys: ['followers', 'n', 'fsync', 'client', 'rounds', 'down'],
  doc: { id: 'quantitative/coordination-costs', anchor: 'the-formula', title: 'Coordination Costs' },
  run(args) {
    const raw = requireKey(args, 'followers', 'the round trip from the leader to each follower, e.g. followers=2ms,15ms,70ms,90ms');
    const parts = raw.split(',').map((p) => p.trim()).filter(Boolean);
    if (!parts.length || parts.length > 999) throw new CalcInputError('not_a_number', `followers=${raw} should list one round trip per follower, e.g. followers=2ms,15ms,70ms,90ms`, 'followers');
    const rtts = parts.map((p) => parseTime(p, 'followers', 'ms'));
    checkInput(z.object({ followers: z.array(between(0, 3600, 'each follower round trip must be a time from 0 to an hour')) }), { followers: rtts });
    const n = args.keys.has('n') ? parseNumber(args.keys.get('n')!, 'n') : rtts.length + 1;
    checkInput(z.object({ n: between(2, 1000, 'n= must be a whole number of nodes from 2 to 1,000', { whole: true }) }), { n });
    if (rtts.length !== n - 1) throw new CalcInputError('too_many_values', `a ${n}-node group has ${n - 1} followers, but followers= lists ${rtts.length} round trips; give one per follower (the leader is not listed)`, 'followers');
    const fsync = args.keys.has('fsync') ? parseTime(args.keys.get('fsync')!, 'fsync', 'ms') : 0;
    const client = args.keys.has('client') ? parseTime(args.keys.get('client')!, 'client', 'ms') : 0;
    const rounds = args.keys.has('rounds') ? parseNumber(args.keys.get('rounds')!, 'rounds') : 1;
    checkInput(
      z.object({
        fsync: between(0, 60, 'fsync= must be a time from 0 to a minute'),
        client: between(0, 3600, 'client= must be a time from 0 to an hour'),
        rounds: between(1, 10, 'rounds= must be a whole number of rounds from 1 to 10', { whole: true }),
      }),
      { fsync, client, rounds },
    );
    const sorted = [...rtts].sort((a, b) => a - b);
    const k = Math.floor(n / 2);
    const rttK = sorted[k - 1]!;
    const commit = client + rounds * (rttK + fsync);
    const tolerated = Math.floor((n - 1) / 2);
    const down = args.keys.has('down') ? parseNumber(args.keys.get('down')!, 'down') : 1;
    checkInput(z.object({ down: between(1, n - 1, `down= must be a whole number of followers from 1 to ${n - 1}`, { whole: true }) }), { down });
    // With the d nearest followers down, the majority needs the (k + d)-th nearest; past the tolerated failures there is none.
    const degradedRtt = k - 1 + down < sorted.length ? sorted[k - 1 + down]! : undefined;
    const degraded = degradedRtt !== undefined ? client + rounds * (degradedRtt + fsync) : undefined;
    const figures: Figure[] = [
      { key: 'commit_latency', label: `Commit latency${client ? ' seen by the client' : ''}`, value: commit, unit: 's', text: duration(commit) },
      { key: 'quorum_rtt', label: `Round trip to the ${ordinal(k)} nearest follower (completes the majority)`, value: rttK, unit: 's', text: duration(rttK) },
      { key: 'followers_needed', label: `Followers each commit waits for (majority of ${n} = ${k + 1} with the leader)`, value: k, unit: 'nodes', text: String(k) },
      { key: 'failures_tolerated', label: 'Nodes that can fail and the group still commits', value: tolerated, unit: 'nodes', text: String(tolerated) },
    ];
    const downText = down === 1 ? (k === 1 ? 'the nearest follower' : `one of the ${k} nearest followers`) : `the ${down} nearest followers`;
    if (degraded !== undefined) figures.push({ key: 'commit_latency_degraded', label: `Commit latency with ${downText} down`, value: degraded, unit: 's', text: duration(degraded) });
    figures.push({ key: 'commits_one_at_a_time', label: 'Commits per second one at a time (no pipelining)', value: 1 / commit, unit: '/s', text: commit > 0 ? `${num(1 / commit)}/s` : 'unbounded' });
    const slower = sorted.slice(k).filter((x) => x > rttK);
    const nearest = k === 1 ? 'nearest follower' : `${ordinal(k)} nearest follower`;
    const sum = `${client ? `${duration(client)} from the client to the leader + ` : ''}${rounds > 1 ? `${rounds} × (` : ''}${duration(rttK)}${fsync ? ` + ${duration(fsync)} fsync` : ''}${rounds > 1 ? ')' : ''}`;
    const simple = !client && !fsync && rounds === 1;
    const reading =
      `A ${n}-node group commits once the leader and ${k} follower${k === 1 ? '' : 's'} have the entry, so a commit waits for the ${nearest}: ${simple ? duration(commit) : `${sum} ≈ ${duration(commit)}`}.` +
      (slower.length ? ` The slower follower${slower.length === 1 ? '' : 's'} (${slower.map(duration).join(', ')}) do${slower.length === 1 ? 'es' : ''} not delay commits.` : '') +
      (degraded !== undefined && (degradedRtt! > rttK || args.keys.has('down')) ? ` With ${downText} down, commits ${simple ? `take ${duration(degraded)}` : `wait for ${duration(degradedRtt!)} and take about ${duration(degraded)}`}.` : '') +
      (degraded === undefined && args.keys.has('down') ? ` With ${downText} down, only ${n - down} of ${n} nodes are left, fewer than a majority of ${k + 1}: no commit succeeds until one returns.` : '') +
      (fsync ? '' : ' Add the leader\u2019s fsync (fsync=) if the log is written durably before acknowledging.');
    const assumptions = [
      'a stable leader: one round of replication per commit (classic Paxos without a leader takes 2; give rounds=2)',
      'the leader writes its own log in parallel with the followers, so one fsync is on the path, not two',
      'round trips are typical values; the commit\u2019s tail follows the k-th follower\u2019s tail, not its median',
    ];
    if (!args.keys.has('n')) assumptions.push(`the group is the leader plus the ${rtts.length} followers listed (n = ${n})`);
    return {
      status: 'ok',
      figures,
      formula: 'L_commit ≈ RTT_client→leader + rounds × (RTT_(k) + t_fsync), with k = ⌊n/2⌋ followers and RTT_(k) the k-th smallest follower round trip',
      worked: `n = ${n}, k = ⌊${n}/2⌋ = ${k}; sorted follower round trips ${sorted.map(duration).join(', ')}; RTT_(${k}) = ${duration(rttK)}${simple ? '' : `; ${client ? `${duration(client)} + ` : ''}${rounds > 1 ? `${rounds} × (` : ''}${duration(rttK)}${fsync ? ` + ${duration(fsync)}` : ''}${rounds > 1 ? ')' : ''} = ${duration(commit)}`}`,
      assumptions,
      reading,
    };
  },
};
