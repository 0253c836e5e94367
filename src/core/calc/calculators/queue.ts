import type { Calculator } from '../calculator';
import { requireKey } from '../args';
import * as z from 'zod/mini';
import { between, checkInput, positive } from '../input';
import { CalcInputError, type Figure } from '../types';
import { parseNumber, parseRate, parseTime } from '../units';
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

export const queue: Calculator = {
  name: 'queue',
  aliases: ['queueing', 'queuing', 'mm1', 'mmc', 'm/m/1', 'm/m/c', 'erlang', 'erlang-c'],
  title: 'Queueing (M/M/1, M/M/c)',
  summary: 'utilization, waiting and response times, percentiles and servers needed for a queue',
  usage: 'queue arrival=<rate> service=<time or rate> [servers=<c, default 1>] [target=<max mean wait>]',
  examples: ['queue arrival=80/s service=10ms servers=1', 'queue arrival=320/s service=10ms servers=4 target=2ms'],
  keys: ['arrival', 'service', 'servers', 'target'],
  doc: { id: 'quantitative/queueing-theory', anchor: 'the-formula', title: 'Queueing Theory' },
  run(args) {
    const arrivalRaw = requireKey(args, 'arrival', 'the arrival rate, e.g. arrival=80/s');
    const serviceRaw = requireKey(args, 'service', 'time per request, e.g. service=10ms, or a rate per server, e.g. service=100/s');
    const lambda = parseRate(arrivalRaw, 'arrival');
    const mu = /\/|rps|qps|ops|tps/i.test(serviceRaw) ? parseRate(serviceRaw, 'service') : 1 / parseTime(serviceRaw, 'service');
    const cRaw = args.keys.get('servers') ?? '1';
    const c = parseNumber(cRaw, 'servers');
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
    let targetNote = '';
    if (target !== undefined) {
      let servers = needed;
      while (servers <= 10000 && mmc(lambda, mu, servers)!.meanWait > target) servers++;
      figures.push({ key: 'servers_for_target', label: `Servers to keep mean wait under ${duration(target)}`, value: servers, unit: 'servers', text: String(servers) });
      targetNote = ` Keeping the mean wait under ${duration(target)} takes ${servers} server${servers === 1 ? '' : 's'}.`;
    }
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
