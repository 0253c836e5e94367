import type { Calculator } from '../calculator';
import * as z from 'zod/mini';
import { between, checkInput } from '../input';
import type { Figure } from '../types';
import { parseNumber, parseTime } from '../units';
import { duration, num } from '../format';
import { requireKey } from '../args';

/**
 * Calls made one after another each pay a full round trip, so their waits add up; one batched call
 * (MGET, a pipeline, a bulk query) pays about one. The latency-numbers formula's Σ r × RTT term.
 */
export const roundTrips: Calculator = {
  name: 'roundtrips',
  aliases: ['round-trips', 'sequential', 'batching', 'chatty', 'n-plus-one'],
  title: 'Sequential round trips against one batch',
  summary: 'time spent in N sequential calls against one batched call (MGET, a pipeline, a bulk query) or the calls in parallel',
  usage: 'roundtrips calls=<how many sequential calls> rtt=<round trip (or time) of one call> [batches=<calls left after batching, default 1>] [work=<server time per item, default 0>] [first=<calls the rest depend on, such as the list query of an N+1, default 0>]',
  examples: ['roundtrips calls=40 rtt=0.5ms', 'roundtrips calls=200 rtt=0.5ms batches=2', 'roundtrips calls=5 rtt=30ms', 'roundtrips calls=51 first=1 rtt=1ms'],
  keys: ['calls', 'rtt', 'batches', 'work', 'first'],
  doc: { id: 'quantitative/latency-numbers', anchor: 'the-formula', title: 'Latency Numbers' },
  run(args) {
    const calls = parseNumber(requireKey(args, 'calls', 'e.g. roundtrips calls=40 rtt=0.5ms'), 'calls');
    const rtt = parseTime(requireKey(args, 'rtt', 'e.g. roundtrips calls=40 rtt=0.5ms'), 'rtt', 'ms');
    const batches = args.keys.has('batches') ? parseNumber(args.keys.get('batches')!, 'batches') : 1;
    const work = args.keys.has('work') ? parseTime(args.keys.get('work')!, 'work', 'ms') : 0;
    // first=1: the list query of an N+1 must return before the item queries can be sent, batched or not.
    const first = args.keys.has('first') ? parseNumber(args.keys.get('first')!, 'first') : 0;
    checkInput(
      z.object({
        calls: between(1, 1e9, 'calls= must be a whole number of calls from 1 to 1,000,000,000', { whole: true }),
        rtt: between(0, 3600, 'rtt= must be a positive time of at most an hour', { minExclusive: true }),
        first: between(0, calls - 1, `first= must be a whole number from 0 to calls= − 1 (${num(calls - 1)})`, { whole: true }),
        batches: between(1, calls - first, `batches= must be a whole number from 1 to the calls that can be batched (${num(calls - first)})`, { whole: true }),
        work: between(0, 3600, 'work= must be a time from 0 to an hour'),
      }),
      { calls, rtt, batches, work, first },
    );
    const sequential = calls * (rtt + work);
    const batched = first * (rtt + work) + batches * rtt + (calls - first) * work;
    const parallel = (first + 1) * (rtt + work);
    const saved = sequential - batched;
    const factor = sequential / batched;
    const oneBatch = batches === 1;
    const figures: Figure[] = [
      { key: 'sequential_time', label: `${num(calls)} sequential calls`, value: sequential, unit: 's', text: duration(sequential) },
      { key: 'batched_time', label: `${first ? `${firstText(first)}, then ` : ''}${oneBatch ? 'one batched call (MGET, pipeline, bulk query)' : `${num(batches)} batched calls`}`, value: batched, unit: 's', text: duration(batched) },
      { key: 'time_saved', label: 'Time saved by batching', value: saved, unit: 's', text: duration(saved) },
      { key: 'speedup', label: 'Sequential ÷ batched', value: factor, unit: 'x', text: `${num(factor)}×` },
      { key: 'parallel_time', label: first ? `${firstText(first)}, then the rest in parallel` : 'The same calls issued in parallel (independent calls)', value: parallel, unit: 's', text: duration(parallel) },
    ];
    const workText = work > 0 ? ` and ${duration(work)} of server work per item` : '';
    const reading = calls === 1
      ? `One call costs one round trip: ${duration(sequential)}. Batching helps only when there are several calls to combine.`
      : `${num(calls)} sequential calls at ${duration(rtt)} a round trip${workText} spend ${duration(sequential)}${work > 0 ? '' : ' waiting on the network'}; ${first ? `${firstText(first)}, then ` : ''}${oneBatch ? `one batched call (MGET, a pipeline, a bulk query)${work > 0 || first ? '' : ', or the calls issued in parallel if they are independent,'} ${first ? 'take' : 'takes'}` : `${num(batches)} batched calls take`} about ${duration(batched)}${work > 0 ? '' : ' plus the transfer of the items'}, saving ${duration(saved)} (${num(factor)}× less).${work > 0 || first ? ` Issued in parallel${first ? ` after ${firstText(first)}` : ''}, ${first ? 'the rest' : 'independent calls'} would take about ${duration(parallel)}${first ? ' in all' : ''}.` : ''}`;
    const assumptions = [
      'each call waits for the previous one, so their round trips add; calls issued in parallel overlap and cost about the slowest one',
      `a batch still pays ${oneBatch ? 'one round trip' : 'one round trip each'}, plus the server work${work > 0 ? '' : ' and transfer'} for all its items${work > 0 ? '' : ', not counted here (give work= for the server time per item)'}`,
      'very large batches add transfer time and, on a single-threaded server such as Redis, hold up other clients while they run, so batches of hundreds to a few thousand items are the usual compromise',
    ];
    return {
      status: 'ok',
      figures,
      formula: `sequential = calls × (RTT + work per item); batched = ${first ? 'first × (RTT + work) + ' : ''}batches × RTT + ${first ? '(calls − first)' : 'calls'} × work per item (the Σ r × RTT term of T ≈ Σ r × RTT + ...)`,
      worked: `sequential ${num(calls)} × ${duration(rtt + work)} = ${duration(sequential)}; batched ${first ? `${num(first)} × ${duration(rtt + work)} + ` : ''}${num(batches)} × ${duration(rtt)}${work > 0 ? ` + ${num(calls - first)} × ${duration(work)}` : ''} = ${duration(batched)}`,
      assumptions,
      reading,
    };
  },
};

/** "the first call" or "the first 2 calls": the calls the rest wait for. */
function firstText(first: number): string {
  return first === 1 ? 'the first call' : `the first ${num(first)} calls`;
}
