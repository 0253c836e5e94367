import type { Calculator } from '../calculator';
import { requireKey, type Args } from '../args';
import * as z from 'zod/mini';
import { between, checkInput, positive } from '../input';
import { CalcInputError, type CalcResult, type Figure } from '../types';
import { parseFraction, parseNumber, parseRate, parseTime } from '../units';
import { duration, num, percent, rate } from '../format';

/** Erlang C: the probability that an arrival waits, for c servers offered a = λ/μ erlangs (a < c). */
export function erlangC(c: number, a: number): number {
  // Erlang B by its stable recurrence, then C from B.
  let b = 1;
  for (let k = 1; k <= c; k++) b = (a * b) / (k + a * b);
  const rho = a / c;
  return b / (1 - rho + rho * b);
}

export type QueueModel = {
  servers: number;
  utilization: number;
  pWait: number;
  meanWait: number;
  meanResponse: number;
  queueLength: number;
  inSystem: number;
  /** Response time at percentile p (0-1). */
  responseAt(p: number): number;
  /** Waiting time at percentile p (0-1). */
  waitAt(p: number): number;
};

/** M/M/c with arrival rate λ and service rate μ per server; null when overloaded (ρ >= 1). */
export function mmc(lambda: number, mu: number, c: number): QueueModel | null {
  const a = lambda / mu;
  const rho = a / c;
  if (rho >= 1) return null;
  const C = erlangC(c, a);
  const theta = c * mu - lambda;
  const meanWait = C / theta;
  const tail = (t: number) => {
    // P(T > t) for T = wait + service: no wait with probability 1 - C, else Exp(θ) + Exp(μ).
    const conv = Math.abs(theta - mu) < 1e-12 * mu ? (1 + mu * t) * Math.exp(-mu * t) : (mu * Math.exp(-theta * t) - theta * Math.exp(-mu * t)) / (mu - theta);
    return (1 - C) * Math.exp(-mu * t) + C * conv;
  };
  return {
    servers: c,
    utilization: rho,
    pWait: C,
    meanWait,
    meanResponse: meanWait + 1 / mu,
    queueLength: lambda * meanWait,
    inSystem: lambda * (meanWait + 1 / mu),
    responseAt(p) {
      let lo = 0;
      let hi = 1 / mu;
      while (tail(hi) > 1 - p) hi *= 2;
      for (let i = 0; i < 100; i++) {
        const mid = (lo + hi) / 2;
        if (tail(mid) > 1 - p) lo = mid;
        else hi = mid;
      }
      return hi;
    },
    waitAt(p) {
      return C <= 1 - p ? 0 : Math.log(C / (1 - p)) / theta;
    },
  };
}

const QueueInput = z.object({
  arrival: positive('arrival= must be a positive rate, e.g. arrival=80/s'),
  service: positive('service= must be a positive time or rate, e.g. service=10ms'),
  servers: between(1, 10000, 'servers= must be a whole number from 1 to 10,000', { whole: true }),
  target: z.optional(positive('target= must be a positive time, e.g. target=2ms')),
});

/** The bounds a queue may be asked to meet: key, label, and the model's figure for it. */
const TARGETS: Array<[key: string, label: string, metric: (m: QueueModel) => number]> = [
  ['target', 'mean wait', (m) => m.meanWait],
  ['target_response', 'mean response time', (m) => m.meanResponse],
  ['target_p99', 'p99 response time', (m) => m.responseAt(0.99)],
];

export const queue: Calculator = {
  name: 'queue',
  aliases: ['queueing', 'queuing', 'mm1', 'mmc', 'm/m/1', 'm/m/c', 'erlang', 'erlang-c'],
  title: 'Queueing (M/M/1, M/M/c)',
  summary: 'utilization, waiting and response times, percentiles and servers needed for a queue',
  usage: 'queue arrival=<rate> service=<time or rate> [servers=<c, default 1>] [target=<max mean wait>] [target_response=<max mean response>] [target_p99=<max p99 response>]  (util=<utilization> instead of arrival=; or leave both out with a target for the highest load that meets it; util=<before> then=<after> compares two utilizations, in multiples of the service time)',
  examples: ['queue arrival=80/s service=10ms servers=1', 'queue arrival=320/s service=10ms servers=4 target=2ms', 'queue service=2ms target_p99=100ms', 'queue util=90% service=4ms', 'queue util=60% then=90%'],
  keys: ['arrival', 'util', 'service', 'servers', 'target', 'target_response', 'target_p99', 'then'],
  doc: { id: 'quantitative/queueing-theory', anchor: 'the-formula', title: 'Queueing Theory' },
  run(args) {
    if (args.keys.has('then')) return utilizationChange(args);
    const serviceRaw = requireKey(args, 'service', 'time per request, e.g. service=10ms, or a rate per server, e.g. service=100/s');
    const mu = /\/|rps|qps|ops|tps/i.test(serviceRaw) ? parseRate(serviceRaw, 'service') : 1 / parseTime(serviceRaw, 'service');
    const cRaw = args.keys.get('servers') ?? '1';
    const c = parseNumber(cRaw, 'servers');
    const targets = TARGETS.filter(([key]) => args.keys.has(key)).map(([key, label, metric]) => ({ key, label, metric, bound: parseTime(args.keys.get(key)!, key) }));
    if (args.keys.has('arrival') && args.keys.has('util')) throw new CalcInputError('too_many_values', 'give arrival= or util=, not both', 'util');
    let lambda: number;
    if (args.keys.has('arrival')) lambda = parseRate(args.keys.get('arrival')!, 'arrival');
    else if (args.keys.has('util')) {
      const u = utilizationOf(args, 'util');
      checkServers(c);
      lambda = u * c * mu;
    } else if (targets.length) {
      return capacityForTargets(mu, c, targets);
    } else {
      throw new CalcInputError('missing_key', 'missing arrival= (the arrival rate, e.g. arrival=80/s), or util= (e.g. util=70%), or a target such as target_p99=100ms for the highest load that meets it', 'arrival');
    }
    const target = args.keys.has('target') ? parseTime(args.keys.get('target')!, 'target') : undefined;
    checkInput(QueueInput, { arrival: lambda, service: mu, servers: c, target });
    const S = 1 / mu;
    const offered = lambda / mu;
    const needed = Math.floor(offered) + 1;
    const model = mmc(lambda, mu, c);
    const name = c === 1 ? 'M/M/1' : `M/M/${c}`;
    const formula =
      c === 1
        ? 'ρ = λ/μ; mean wait Wq = ρ/(μ − λ); mean response W = 1/(μ − λ); P(response > t) = e^(−(μ−λ)t)'
        : 'ρ = λ/(cμ); P(wait) = Erlang C(c, λ/μ); Wq = C/(cμ − λ); W = Wq + 1/μ; P(wait > t) = C·e^(−(cμ−λ)t)';
    const assumptions = [
      `${name}: Poisson arrivals, exponentially distributed service times, ${c === 1 ? 'one server' : `${c} identical servers sharing one queue`}, first come first served, unbounded queue`,
      'real service times are usually less variable than exponential (waits somewhat shorter) and arrivals burstier (waits longer)',
    ];
    if (!model && targets.length) {
      const { figures, note } = serversForTargets(lambda, mu, needed, targets);
      figures.push({ key: 'servers_needed', label: 'Servers needed just to keep up', value: needed, unit: 'servers', text: String(needed) });
      return { status: 'ok', figures, formula, assumptions: assumptions.map((a) => a.replace(/^M\/M\/\d+: /, 'M/M/c: ').replace(/one server|\d+ identical servers sharing one queue/, 'identical servers sharing one queue')), reading: `${rate(lambda)} at ${duration(S)} each is ${num(offered)} servers' worth of work.${note}` };
    }
    if (!model) {
      return {
        status: 'overloaded',
        figures: [
          { key: 'offered_load', label: 'Offered load (λ/μ)', value: offered, unit: 'erlangs', text: `${num(offered)} servers' worth of work` },
          { key: 'servers_needed', label: 'Servers needed just to keep up', value: needed, unit: 'servers', text: String(needed) },
          { key: 'max_throughput', label: 'Most this system can serve', value: c * mu, unit: '/s', text: rate(c * mu) },
        ],
        formula,
        assumptions,
        reading: `Overloaded: ${rate(lambda)} arrive but ${c} server${c === 1 ? '' : 's'} at ${duration(S)} each can finish at most ${rate(c * mu)}, so the queue grows without bound and waits are not a number. To fix it: add servers (at least ${needed}, and more for reasonable waits), cut the service time below ${duration(c / lambda)}, or shed or rate-limit load above ${rate(c * mu)}.`,
      };
    }
    const figures: Figure[] = [
      { key: 'utilization', label: 'Utilization (ρ)', value: model.utilization, unit: 'fraction', text: percent(model.utilization, 3) },
      { key: 'p_wait', label: 'Probability a request waits', value: model.pWait, unit: 'fraction', text: percent(model.pWait, 3) },
      { key: 'mean_wait', label: 'Mean wait in queue (Wq)', value: model.meanWait, unit: 's', text: duration(model.meanWait) },
      { key: 'mean_response', label: 'Mean response time (W)', value: model.meanResponse, unit: 's', text: duration(model.meanResponse) },
      { key: 'queue_length', label: 'Mean queue length (Lq)', value: model.queueLength, unit: 'requests', text: num(model.queueLength) },
      { key: 'in_system', label: 'Mean requests in system (L)', value: model.inSystem, unit: 'requests', text: num(model.inSystem) },
      { key: 'p95_response', label: 'p95 response time', value: model.responseAt(0.95), unit: 's', text: duration(model.responseAt(0.95)) },
      { key: 'p99_response', label: 'p99 response time', value: model.responseAt(0.99), unit: 's', text: duration(model.responseAt(0.99)) },
    ];
    const forTargets = serversForTargets(lambda, mu, needed, targets);
    figures.push(...forTargets.figures);
    const targetNote = forTargets.note;
    const ratio = model.meanWait / S;
    const points: Array<[number, number]> = [];
    for (let u = 0.05; u < 0.96; u += 0.05) {
      const m = mmc(u * c * mu, mu, c)!;
      points.push([Math.round(u * 100), m.meanResponse * 1000]);
    }
    return {
      status: 'ok',
      figures,
      formula,
      assumptions,
      reading: `At ${percent(model.utilization, 3)} utilization a request waits on average ${num(ratio)}× its service time (${duration(model.meanWait)} on top of ${duration(S)}), and 1 in 100 takes longer than ${duration(model.responseAt(0.99))}.${model.utilization > 0.8 ? ' Past about 80% utilization waits climb steeply: small bursts turn into long queues.' : ''}${targetNote}`,
      series: {
        title: `Mean response time against utilization (${name}, service ${duration(S)})`,
        x: { label: 'Utilization', unit: '%' },
        y: { label: 'Mean response time', unit: 'ms' },
        points,
        mark: { x: Math.round(model.utilization * 1000) / 10, y: model.meanResponse * 1000, label: 'you' },
      },
    };
  },
};

/** The highest arrival rate (and utilization) at which c servers still meet every target. */
function capacityForTargets(mu: number, c: number, targets: QueueTarget[]) {
  checkServers(c);
  const name = c === 1 ? 'M/M/1' : `M/M/${c}`;
  let lo = 0;
  let hi = c * mu;
  const ok = (lambda: number) => {
    const m = mmc(lambda, mu, c);
    return !!m && targets.every((t) => t.metric(m) <= t.bound);
  };
  if (!ok(c * mu * 1e-9)) {
    const floor = targets.map((t) => `${t.label} ${duration(t.metric(mmc(c * mu * 1e-9, mu, c)!))}`).join(', ');
    throw new CalcInputError('out_of_range', `no load meets the target: even an idle ${name} takes ${floor} at this service time; a faster service or a looser target is needed`, targets[0]!.key);
  }
  for (let i = 0; i < 100; i++) {
    const mid = (lo + hi) / 2;
    if (ok(mid)) lo = mid;
    else hi = mid;
  }
  const u = lo / (c * mu);
  const bounds = targets.map((t) => `the ${t.label} under ${duration(t.bound)}`).join(' and ');
  return {
    status: 'ok' as const,
    figures: [
      { key: 'max_utilization', label: `Highest utilization that keeps ${bounds}`, value: u, unit: 'fraction', text: percent(u, 4) },
      { key: 'max_arrival', label: 'Highest arrival rate', value: lo, unit: '/s', text: rate(lo) },
    ],
    formula: c === 1 ? 'M/M/1: W = 1/(μ − λ); p99 of response = ln(100)/(μ − λ); solved for the largest λ that meets the bound' : 'M/M/c (Erlang C), solved numerically for the largest λ that meets the bound',
    assumptions: [`${name}: Poisson arrivals, exponential service times of ${duration(1 / mu)}, one shared queue`],
    reading: `${c === 1 ? 'One server' : `${c} servers`} at ${duration(1 / mu)} per request keep${c === 1 ? 's' : ''} ${bounds} up to ${percent(u, 4)} utilization, ${rate(lo)}; beyond that the queue breaks the bound.`,
  };
}

type QueueTarget = { key: string; label: string; metric: (m: QueueModel) => number; bound: number };

/** For each bound, the fewest servers (from those just keeping up) whose queue meets it. */
function serversForTargets(lambda: number, mu: number, needed: number, targets: QueueTarget[]): { figures: Figure[]; note: string } {
  const figures: Figure[] = [];
  let note = '';
  for (const t of targets) {
    let servers = needed;
    while (servers <= 10000 && t.metric(mmc(lambda, mu, servers)!) > t.bound) servers++;
    figures.push({ key: t.key === 'target' ? 'servers_for_target' : `servers_for_${t.key}`, label: `Servers to keep the ${t.label} under ${duration(t.bound)}`, value: servers, unit: 'servers', text: String(servers) });
    note += ` Keeping the ${t.label} under ${duration(t.bound)} takes ${servers} server${servers === 1 ? '' : 's'}.`;
  }
  return { figures, note };
}

/** servers=: a whole number of servers sharing the queue. */
function checkServers(c: number): void {
  checkInput(z.object({ servers: between(1, 10000, 'servers= must be a whole number from 1 to 10,000', { whole: true }) }), { servers: c });
}

/** A utilization given under key (util=, then=), above 0% and below 100%. */
function utilizationOf(args: Args, key: 'util' | 'then'): number {
  const u = parseFraction(args.keys.get(key)!, key).value;
  checkInput(z.object({ [key]: between(0, 1, `${key}= must be a utilization above 0% and below 100%`, { minExclusive: true, maxExclusive: true }) }), { [key]: u });
  return u;
}

/**
 * util=60% then=90%: how much slower the same queue gets between two utilizations, in multiples of
 * the service time, which cancels out (no service= needed): why latency is not linear in load.
 */
function utilizationChange(args: Args): Omit<CalcResult, 'ok' | 'calculator' | 'title' | 'doc' | 'input'> {
  if (args.keys.has('arrival') || args.keys.has('service')) throw new CalcInputError('too_many_values', 'then= compares two utilizations on their own; leave out arrival= and service=', 'then');
  if (!args.keys.has('util')) throw new CalcInputError('missing_key', 'missing util= (a utilization, e.g. util=60%)', 'util');
  const before = utilizationOf(args, 'util');
  const after = utilizationOf(args, 'then');
  const c = parseNumber(args.keys.get('servers') ?? '1', 'servers');
  checkServers(c);
  // Service time 1: every time below is a multiple of it.
  const was = mmc(before * c, 1, c)!;
  const now = mmc(after * c, 1, c)!;
  const name = c === 1 ? 'M/M/1' : `M/M/${c}`;
  const slower = now.meanResponse / was.meanResponse;
  const load = after / before;
  const times = (x: number) => `${num(x)}×`;
  return {
    status: 'ok',
    figures: [
      { key: 'response_before', label: `Mean response at ${percent(before, 3)}, in service times`, value: was.meanResponse, unit: 'x', text: times(was.meanResponse) },
      { key: 'response_after', label: `Mean response at ${percent(after, 3)}, in service times`, value: now.meanResponse, unit: 'x', text: times(now.meanResponse) },
      { key: 'slowdown', label: 'How much slower on average', value: slower, unit: 'x', text: times(slower) },
      { key: 'p99_before', label: `p99 response at ${percent(before, 3)}, in service times`, value: was.responseAt(0.99), unit: 'x', text: times(was.responseAt(0.99)) },
      { key: 'p99_after', label: `p99 response at ${percent(after, 3)}, in service times`, value: now.responseAt(0.99), unit: 'x', text: times(now.responseAt(0.99)) },
      { key: 'load_ratio', label: 'Load, after ÷ before', value: load, unit: 'x', text: times(load) },
    ],
    formula: c === 1 ? 'mean response W = S/(1 − ρ), so W_after/W_before = (1 − ρ_before)/(1 − ρ_after); p99 = ln(100) × W' : 'ρ = λ/(cμ); W = C(c, λ/μ)/(cμ − λ) + 1/μ, in units of the service time 1/μ',
    assumptions: [`${name}: Poisson arrivals, exponential service times, the same service time at both loads; real systems also slow down from contention (locks, GC, cache misses) as they get busier`],
    reading: `From ${percent(before, 3)} to ${percent(after, 3)} utilization, ${c === 1 ? 'a queue carries' : `${c} servers sharing a queue carry`} ${times(load)} the load but the mean response goes from ${times(was.meanResponse)} to ${times(now.meanResponse)} the service time, ${times(slower)} ${slower >= 1 ? 'slower' : 'faster'}, and the p99 from ${times(was.responseAt(0.99))} to ${times(now.responseAt(0.99))}: queueing delay grows as 1/(1 − ρ), so the last stretch towards 100% costs the most.${after > 0.7 ? ' That is why latency-sensitive services keep about 30-50% headroom, running at 50-70% at peak.' : ''}`,
  };
}
