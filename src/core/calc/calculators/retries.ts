import type { Calculator } from '../calculator';
import * as z from 'zod/mini';
import { between, checkInput } from '../input';
import { CalcInputError, type Figure } from '../types';
import { parseFraction, parseNumber, parseRate } from '../units';
import { num, percent, rate } from '../format';

export const retries: Calculator = {
  name: 'retries',
  aliases: ['retry', 'retry-amplification', 'amplification'],
  title: 'Retry amplification',
  summary: 'how retries at several layers multiply the load on the deepest service when it fails',
  usage: 'retries retries=<retries per layer> layers=<layers that retry> [rate=<incoming rate>] [failure=<share of calls failing, default 100%>]  or  retries budget=<extra share each layer may retry> layers=<layers>',
  examples: ['retries retries=3 layers=3', 'retries retries=2 layers=4 rate=1k/s', 'retries retries=3 layers=1 failure=10%'],
  keys: ['retries', 'attempts', 'layers', 'rate', 'failure', 'budget'],
  doc: { id: 'patterns/retry-backoff', anchor: 'pitfalls-and-a-failure-story', title: 'Retry with Backoff' },
  run(args) {
    if (args.keys.has('budget')) {
      if (args.keys.has('retries') || args.keys.has('attempts') || args.keys.has('failure')) throw new CalcInputError('too_many_values', 'budget= caps retries on its own; leave out retries=, attempts= and failure=', 'budget');
      const b = parseFraction(args.keys.get('budget')!, 'budget').value;
      checkInput(z.object({ budget: between(0, 10, 'budget= must be a share of extra requests, e.g. budget=10%') }), { budget: b });
      const layers = args.keys.has('layers') ? parseNumber(args.keys.get('layers')!, 'layers') : 1;
      checkInput(z.object({ layers: between(1, 20, 'layers= must be a whole number of layers that retry, from 1 to 20', { whole: true }) }), { layers });
      const amp = Math.pow(1 + b, layers);
      const figures: Figure[] = [{ key: 'amplification', label: 'Most calls reaching the deepest service per user request', value: amp, unit: 'x', text: `${num(amp)}×` }];
      figures.push(...loadFigures(args, amp, 'Most '));
      return {
        status: 'ok',
        figures,
        formula: 'calls ≤ (1 + budget)^layers',
        assumptions: ['each layer retries at most the budget share of its own requests'],
        reading: `A ${percent(b, 3)} retry budget at each of ${layers} layer${layers === 1 ? '' : 's'} caps the load on the deepest service at ${num(amp)}× even during an outage.`,
      };
    }
    if (args.keys.has('retries') && args.keys.has('attempts')) throw new CalcInputError('too_many_values', 'give retries= (extra tries) or attempts= (tries including the first), not both', 'attempts');
    if (!args.keys.has('retries') && !args.keys.has('attempts')) throw new CalcInputError('missing_key', 'missing retries= (retries per layer after the first try, e.g. retries=3) or attempts= (tries including the first)', 'retries');
    const tries = args.keys.has('attempts') ? parseNumber(args.keys.get('attempts')!, 'attempts') : parseNumber(args.keys.get('retries')!, 'retries') + 1;
    checkInput(z.object({ retries: between(1, 101, 'retries= must be a whole number from 0 to 100 (attempts= from 1 to 101)', { whole: true }) }), { retries: tries });
    const layers = args.keys.has('layers') ? parseNumber(args.keys.get('layers')!, 'layers') : 1;
    checkInput(z.object({ layers: between(1, 20, 'layers= must be a whole number of layers that retry, from 1 to 20', { whole: true }) }), { layers });
    const failure = args.keys.has('failure') ? parseFraction(args.keys.get('failure')!, 'failure').value : 1;
    checkInput(z.object({ failure: between(0, 1, 'failure= must be a share from 0% to 100%') }), { failure });
    // Per layer, the expected tries when each fails independently with probability f: 1 + f + … + f^(t−1).
    const perLayer = failure === 1 ? tries : (1 - Math.pow(failure, tries)) / (1 - failure);
    const amplification = Math.pow(perLayer, layers);
    const worst = Math.pow(tries, layers);
    const figures: Figure[] = [
      { key: 'amplification', label: failure === 1 ? 'Calls reaching the deepest service per user request' : 'Expected calls to the deepest service per user request', value: amplification, unit: 'x', text: `${num(amplification)}×` },
    ];
    if (failure !== 1) {
      figures.push({ key: 'worst_case', label: 'Worst case, when every call fails', value: worst, unit: 'x', text: `${num(worst)}×` });
      const finalFailure = Math.pow(Math.pow(failure, tries), 1);
      if (layers === 1) figures.push({ key: 'final_failure', label: `Chance a request still fails after ${tries} attempts`, value: finalFailure, unit: 'fraction', text: finalFailure < 1e-4 ? finalFailure.toExponential(2) : percent(finalFailure, 3) });
    }
    figures.push(...loadFigures(args, amplification, ''));
    return {
      status: 'ok',
      figures,
      formula: failure === 1 ? 'calls = attempts^layers, attempts = retries + 1' : 'calls = (1 + f + … + f^(attempts−1))^layers for a failure share f',
      worked: failure === 1 ? `${tries}^${layers} = ${num(amplification)}` : `(${Array.from({ length: tries }, (_, i) => (i === 0 ? '1' : `${num(failure, 4)}^${i}`)).join(' + ')})^${layers} = ${num(amplification, 4)}`,
      assumptions: ['every layer retries independently; no retry budget, circuit breaker or deadline stops the retries early', failure === 1 ? 'the deepest service fails every call (an outage), the worst case' : 'calls fail independently with the given share'],
      reading: `${layers === 1 ? 'One layer making' : `${layers} layers each making`} ${tries} attempt${tries === 1 ? '' : 's'} turn${layers === 1 ? 's' : ''} one user request into ${num(amplification)} call${amplification === 1 ? '' : 's'} to the deepest service${failure === 1 ? ' when it is down' : ` at a ${percent(failure, 3)} failure rate`}${args.keys.has('rate') ? ` (${rate(parseRate(args.keys.get('rate')!, 'rate') * amplification)} in all)` : ''}, just when it can least take them. Retry at one layer only, with a retry budget (about 10% extra) and jittered backoff.`,
    };
  },
};

/** With rate=, the load the deepest service sees and the part of it retries add ("Most " for a cap). */
function loadFigures(args: { keys: Map<string, string> }, amplification: number, most: string): Figure[] {
  if (!args.keys.has('rate')) return [];
  const r = parseRate(args.keys.get('rate')!, 'rate');
  return [
    { key: 'load', label: `${most}${most ? 'load' : 'Load'} on the deepest service`, value: r * amplification, unit: '/s', text: rate(r * amplification) },
    { key: 'extra_load', label: `${most}${most ? 'extra' : 'Extra'} load from retries`, value: r * (amplification - 1), unit: '/s', text: rate(r * (amplification - 1)) },
  ];
}
