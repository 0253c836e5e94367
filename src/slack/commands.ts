/**
 * The optional per-calculator slash commands: /latency from=... is /calc latency from=...
 * The default manifest does not register them (generic names such as /queue collide with other
 * apps); `npm run slack:manifest -- <url> --calc-shortcuts` does. The handlers always accept them.
 */
export const CALC_SHORTCUTS: Record<string, { calculator: string; description: string; usage: string }> = {
  '/latency': { calculator: 'latency', description: 'Speed-of-light latency between two places', usage: 'from=London to=New York' },
  '/queue': { calculator: 'queue', description: 'Queueing delay (M/M/1, M/M/c)', usage: 'arrival=80/s service=10ms servers=1' },
  '/capacity': { calculator: 'capacity', description: 'Servers needed for a peak load', usage: 'peak=12000/s per_server=800/s util=0.6 redundancy=N+1' },
  '/availability': { calculator: 'availability', description: 'Availability and downtime, series or parallel', usage: '99.9% 99.95% mode=series' },
  '/littles-law': { calculator: 'littles-law', description: "Little's law: concurrency, throughput, latency", usage: 'throughput=200/s latency=50ms' },
  '/slo': { calculator: 'slo', description: 'Error budget and burn-rate alerts for an SLO', usage: 'target=99.9% window=30d consumed=20min' },
  '/storage': { calculator: 'storage', description: 'Stored data from daily volume, retention and replication', usage: 'per_day=50GB retention=90d replication=3 growth=40%' },
  '/amdahl': { calculator: 'amdahl', description: 'Amdahl and Gustafson speedup', usage: 'parallel=95% n=16' },
  '/usl': { calculator: 'usl', description: 'Universal Scalability Law, or fit it to measurements', usage: 'sigma=0.05 kappa=0.001 n=32' },
  '/quorum': { calculator: 'quorum', description: 'Do reads see the latest write? (N, R, W)', usage: 'n=3 r=2 w=2' },
  '/tail': { calculator: 'tail', description: 'Tail latency under fan-out', usage: 'fanout=100 percentile=99' },
};
