import type { Calculator } from '../calculator';
import { requireKey } from '../args';
import * as z from 'zod/mini';
import { between, checkInput, positive } from '../input';
import { CalcInputError, type Figure } from '../types';
import { parseFraction, parseNumber, parseTime } from '../units';
import { duration, num, percent } from '../format';

/**
 * Multiwindow burn-rate alerts as the SRE Workbook recommends for a 30-day SLO: page when 2% of the
 * budget burns in an hour or 5% in six hours, open a ticket when 10% burns in three days.
 */
const ALERTS: Array<{ window: number; budgetShare: number; action: string }> = [
  { window: 3600, budgetShare: 0.02, action: 'page' },
  { window: 6 * 3600, budgetShare: 0.05, action: 'page' },
  { window: 3 * 86400, budgetShare: 0.1, action: 'ticket' },
];

const SloInput = z.object({
  target: between(0, 1, 'target= must be above 0% and below 100% (a 100% SLO has no budget)', { minExclusive: true, maxExclusive: true }),
  window: between(3600, 366 * 86400, 'window= must be from 1h to 366d'),
  consumed: z.optional(between(0, Number.MAX_VALUE, 'consumed= must not be negative')),
});

export const slo: Calculator = {
  name: 'slo',
  aliases: ['error-budget', 'budget', 'burn-rate'],
  title: 'SLO error budget',
  summary: 'error budget, what remains, and burn-rate alert thresholds for an SLO',
  usage: 'slo target=<percent> [window=<time, default 30d>] [consumed=<downtime so far>] [error_rate=<current share of failing requests> or burn=<burn rate>] [left=<share of budget left>] [requests=<requests in the window> [failed=<failed requests so far>]]',
  examples: ['slo target=99.9% window=30d consumed=20min', 'slo target=99.9% error_rate=0.5%', 'slo target=99.95% window=28d requests=100M'],
  keys: ['target', 'window', 'consumed', 'error_rate', 'requests', 'burn', 'left', 'failed'],
  doc: { id: 'human-factors/sre-practices', anchor: 'practices', title: 'SRE Practices' },
  run(args) {
    if (!args.keys.has('target') && args.keys.has('burn')) {
      // The time a burn rate takes to spend the budget does not depend on the SLO.
      const window0 = args.keys.has('window') ? parseTime(args.keys.get('window')!, 'window', 'd') : 30 * 86400;
      const burn0 = parseNumber(args.keys.get('burn')!.replace(/[x×]$/i, ''), 'burn');
      checkInput(z.object({ burn: between(0, 1e6, 'burn= must be a positive burn rate, e.g. burn=14.4', { minExclusive: true }), window: between(3600, 366 * 86400, 'window= must be from 1h to 366d') }), { burn: burn0, window: window0 });
      const left0 = args.keys.has('left') ? parseFraction(args.keys.get('left')!, 'left').value : 1;
      const t = (left0 * window0) / burn0;
      return {
        status: 'ok',
        figures: [{ key: 'time_to_exhaust', label: left0 < 1 ? `Time until the ${percent(left0, 3)} left is gone` : 'Time until a full budget is gone', value: t, unit: 's', text: duration(t) }],
        formula: 'time to exhaust = share of budget left × window ÷ burn rate',
        assumptions: ['the burn rate stays where it is'],
        reading: `At a burn rate of ${num(burn0)}, ${left0 < 1 ? `the ${percent(left0, 3)} of the budget left` : `a full ${duration(window0)} budget`} is gone in ${duration(t)}, whatever the SLO.`,
      };
    }
    const targetRaw = requireKey(args, 'target', 'the SLO, e.g. target=99.9%');
    const t = parseFraction(targetRaw, 'target');
    const target = t.value;
    const window = args.keys.has('window') ? parseTime(args.keys.get('window')!, 'window', 'd') : 30 * 86400;
    const consumed = args.keys.has('consumed') ? parseTime(args.keys.get('consumed')!, 'consumed') : undefined;
    checkInput(SloInput, { target, window, consumed });
    const budget = (1 - target) * window;
    const figures: Figure[] = [
      { key: 'error_budget', label: `Error budget per ${duration(window)}`, value: budget, unit: 's', text: duration(budget) },
      { key: 'error_rate_budget', label: 'Allowed error rate', value: 1 - target, unit: 'fraction', text: percent(1 - target, 3) },
    ];
    let reading = `A ${percent(target)} SLO over ${duration(window)} allows ${duration(budget)} of full downtime (or ${percent(1 - target, 3)} of requests failing).`;
    if (consumed !== undefined) {
      const left = budget - consumed;
      figures.push({ key: 'remaining', label: 'Budget remaining', value: left, unit: 's', text: left >= 0 ? duration(left) : `overspent by ${duration(-left)}` });
      figures.push({ key: 'consumed_share', label: 'Share of budget used', value: consumed / budget, unit: 'fraction', text: percent(consumed / budget, 3) });
      figures.push({ key: 'remaining_share', label: 'Share of budget remaining', value: left / budget, unit: 'fraction', text: percent(Math.max(0, left / budget), 3) });
      reading += left >= 0 ? ` ${duration(consumed)} used leaves ${duration(left)} (${percent(left / budget, 3)}).` : ` ${duration(consumed)} used overspends it: freeze risky changes until reliability work brings it back.`;
    }
    if (args.keys.has('requests')) {
      const requests = parseNumber(args.keys.get('requests')!, 'requests');
      checkInput(z.object({ requests: between(1, 1e18, 'requests= must be a positive number of requests in the window') }), { requests });
      figures.push({ key: 'budget_requests', label: `Failed requests allowed per ${duration(window)}`, value: (1 - target) * requests, unit: 'requests', text: num((1 - target) * requests) });
      reading += ` Out of ${num(requests)} requests, ${num((1 - target) * requests)} may fail.`;
      if (args.keys.has('failed')) {
        const failed = parseNumber(args.keys.get('failed')!, 'failed');
        checkInput(z.object({ failed: between(0, requests, `failed= must be from 0 to the requests in the window (${num(requests)})`) }), { failed });
        const share = failed / ((1 - target) * requests);
        figures.push({ key: 'consumed_share', label: 'Share of budget used', value: share, unit: 'fraction', text: percent(share, 3) }, { key: 'remaining_requests', label: 'Failed requests still allowed', value: (1 - target) * requests - failed, unit: 'requests', text: num((1 - target) * requests - failed) });
        reading += ` ${num(failed)} failures use ${percent(share, 3)} of it.`;
      }
    }
    if (args.keys.has('error_rate') && args.keys.has('burn')) throw new CalcInputError('too_many_values', 'give error_rate= or burn=, not both (burn rate = error rate ÷ (1 − SLO))', 'burn');
    if (args.keys.has('left') && consumed !== undefined) throw new CalcInputError('too_many_values', 'give consumed= or left=, not both', 'left');
    if (args.keys.has('error_rate') || args.keys.has('burn')) {
      let burn: number;
      let rate: number;
      if (args.keys.has('burn')) {
        burn = parseNumber(args.keys.get('burn')!.replace(/[x×]$/i, ''), 'burn');
        checkInput(z.object({ burn: between(0, 1e6, 'burn= must be a positive burn rate, e.g. burn=14.4', { minExclusive: true }) }), { burn });
        rate = burn * (1 - target);
      } else {
        rate = parseFraction(args.keys.get('error_rate')!, 'error_rate').value;
        checkInput(z.object({ error_rate: between(0, 1, 'error_rate= must be a share of requests from 0% to 100%', { minExclusive: true }) }), { error_rate: rate });
        burn = rate / (1 - target);
      }
      const leftShare = args.keys.has('left') ? parseFraction(args.keys.get('left')!, 'left').value : consumed !== undefined ? Math.max(0, budget - consumed) / budget : 1;
      checkInput(z.object({ left: between(0, 1, 'left= must be the share of the budget left, from 0% to 100%') }), { left: leftShare });
      const exhaust = leftShare * (window / burn);
      figures.push({ key: 'burn_rate', label: `Burn rate at a ${percent(rate, 3)} error rate`, value: burn, unit: '×', text: `${num(burn)}×` });
      figures.push({ key: 'time_to_exhaust', label: leftShare < 1 ? `Time until the ${percent(leftShare, 3)} left is gone at this rate` : 'Time until a full budget is gone at this rate', value: exhaust, unit: 's', text: duration(exhaust) });
      reading += ` At a ${percent(rate, 3)} error rate the budget burns ${num(burn)}× as fast as the SLO allows, so ${leftShare < 1 ? `the ${percent(leftShare, 3)} left` : 'a full budget'} lasts ${duration(exhaust)}.`;
    }
    for (const a of ALERTS) {
      if (a.window >= window) continue;
      const burn = (a.budgetShare * window) / a.window;
      figures.push({
        key: `burn_${a.window}s`,
        label: `${a.action === 'page' ? 'Page' : 'Ticket'} if ${percent(a.budgetShare, 2)} of budget burns in ${duration(a.window)}: burn rate`,
        value: burn,
        unit: '×',
        text: `${num(burn)}× (error rate above ${percent(burn * (1 - target), 3)})`,
      });
    }
    return {
      status: 'ok',
      figures,
      formula: 'budget = (1 − SLO) × window; burn rate = share of budget × window ÷ alert window; alert error rate = burn rate × (1 − SLO)',
      worked: `(1 − ${num(target, 8)}) × ${duration(window)} = ${duration(budget)}`,
      assumptions: ['downtime counts fully against the budget; partial failures consume it in proportion', 'alert windows follow the SRE Workbook multiwindow scheme (2% in 1h, 5% in 6h, 10% in 3d)'],
      reading,
    };
  },
};
