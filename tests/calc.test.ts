import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { commandFromQuestion, counted, erlangC, greatCircleKm, parseRate, parseSize, parseTime, plainQuantity, poissonQuantile99, type CalcResult } from '../src/core/index';
import { builtKnowledge } from './helpers/knowledge';

const knowledge = builtKnowledge();
const calc = (input: string) => knowledge.calculators.run(input);

function ok(input: string): CalcResult {
  const r = calc(input);
  if (!r.ok) throw new Error(`${input}: ${r.message}`);
  return r;
}
const fig = (r: CalcResult, key: string) => {
  const f = r.figures.find((x) => x.key === key);
  if (!f) throw new Error(`${r.calculator} has no figure ${key}: ${r.figures.map((x) => x.key).join(', ')}`);
  return f.value;
};

describe('units', () => {
  it.each([
    ['10ms', 0.01], ['250us', 0.00025], ['2 s', 2], ['5min', 300], ['5m', 300], ['1.5h', 5400], ['30d', 2592000], ['100ns', 1e-7],
  ])('time %s is %f s', (raw, seconds) => expect(parseTime(raw, 'k')).toBeCloseTo(seconds, 12));

  it.each([
    ['80/s', 80], ['6000/min', 100], ['12k rps', 12000], ['1.2M/day', 1.2e6 / 86400], ['500 qps', 500], ['12,000/s', 12000],
  ])('rate %s is %f per second', (raw, perSecond) => expect(parseRate(raw, 'k')).toBeCloseTo(perSecond, 9));

  it.each([
    ['50GB', 50e9], ['1TiB', 2 ** 40], ['512MiB', 512 * 2 ** 20], ['3TB', 3e12], ['100B', 100],
  ])('size %s is %f bytes', (raw, bytes) => expect(parseSize(raw, 'k')).toBe(bytes));
});

describe('calculators against independently computed values', () => {
  it('queue: M/M/1 at 80% (textbook: W = 1/(μ−λ) = 50 ms, Wq = 40 ms)', () => {
    const r = ok('queue arrival=80/s service=10ms servers=1');
    expect(fig(r, 'utilization')).toBeCloseTo(0.8, 12);
    expect(fig(r, 'mean_response')).toBeCloseTo(0.05, 12);
    expect(fig(r, 'mean_wait')).toBeCloseTo(0.04, 12);
    expect(fig(r, 'queue_length')).toBeCloseTo(3.2, 12);
    // Response time is exponential with rate μ−λ = 20/s: p99 = ln(100)/20.
    expect(fig(r, 'p99_response')).toBeCloseTo(Math.log(100) / 20, 6);
    expect(r.reading).toContain('4× its service time');
  });

  it('queue: M/M/4 at 80% (Erlang C = 0.59643, servers for a 2 ms wait = 5)', () => {
    expect(erlangC(4, 3.2)).toBeCloseTo(0.596432, 5);
    expect(erlangC(1, 0.5)).toBeCloseTo(0.5, 12); // M/M/1: P(wait) = ρ
    expect(erlangC(2, 1)).toBeCloseTo(1 / 3, 12); // textbook value for c = 2, a = 1
    const r = ok('queue arrival=320/s service=10ms servers=4 target=2ms');
    expect(fig(r, 'mean_wait') * 1000).toBeCloseTo(7.454, 2);
    expect(fig(r, 'servers_for_target')).toBe(5);
  });

  it('queue: overload is reported, never as a number', () => {
    const r = ok('queue arrival=120/s service=10ms');
    expect(r.status).toBe('overloaded');
    expect(r.figures.map((f) => f.key)).not.toContain('mean_wait');
    expect(r.reading).toMatch(/Overloaded.*add servers/);
    expect(ok('queue arrival=100/s service=10ms').status).toBe('overloaded');
  });

  it('availability: series, parallel, downtime and MTBF/MTTR', () => {
    expect(fig(ok('availability 99.9% 99.95% mode=series'), 'availability')).toBeCloseTo(0.999 * 0.9995, 12);
    expect(fig(ok('availability 99% 99% mode=parallel'), 'availability')).toBeCloseTo(0.9999, 12);
    expect(fig(ok('availability 99.9%'), 'downtime_year') / 3600).toBeCloseTo(8.766, 3);
    expect(fig(ok('availability mtbf=720h mttr=1h'), 'availability')).toBeCloseTo(720 / 721, 12);
  });

  it("little's law solves for the missing one", () => {
    expect(fig(ok('littles-law throughput=200/s latency=50ms'), 'concurrency')).toBeCloseTo(10, 12);
    expect(fig(ok('littles-law concurrency=64 latency=800ms'), 'throughput')).toBeCloseTo(80, 12);
    expect(fig(ok('littles-law concurrency=10 throughput=200/s'), 'latency')).toBeCloseTo(0.05, 12);
  });

  it("little's law per pod: one pod's pool, the fleet's total, and the 99th percentile with random arrivals", () => {
    // Poisson quantiles from tables: mean 6 -> 12, mean 10 -> 18, mean 30 -> 43 (the littles-law document's figures).
    expect([6, 10, 30, 3].map(poissonQuantile99)).toEqual([12, 18, 43, 8]);
    const r = ok('littles-law throughput=200/s latency=15ms per=pod fleet=12');
    expect(fig(r, 'concurrency')).toBeCloseTo(3, 12);
    expect(fig(r, 'concurrency_p99')).toBe(8);
    expect(fig(r, 'fleet_concurrency')).toBeCloseTo(36, 12);
    expect(fig(r, 'fleet_pool_total')).toBe(96);
    expect(r.reading).toMatch(/^Per pod: .*about 3 requests are in flight on average.*headroom for bursts/);
    expect(calc('littles-law throughput=200/s latency=15ms fleet=12').ok).toBe(false);
    expect(calc('littles-law throughput=200/s latency=15ms per=2x').ok).toBe(false);
  });

  it('cost of data transfer: GB (decimal) × price, and the saving at another price', () => {
    const r = ok('cost transfer=500TB/month per_gb=0.08 alt_per_gb=0.02');
    expect(fig(r, 'transfer_cost_month')).toBeCloseTo(40000, 6);
    expect(fig(r, 'alt_cost_month')).toBeCloseTo(10000, 6);
    expect(fig(r, 'saving_month')).toBeCloseTo(30000, 6);
    expect(fig(r, 'saving_year')).toBeCloseTo(360000, 6);
    expect(r.assumptions.join(' ')).toMatch(/1 TB = 1,000 GB/);
    expect(fig(ok('cost transfer=3TB/d per_gb=0.08'), 'transfer_cost_month')).toBeCloseTo(7200, 6);
    expect(fig(ok('cost transfer=1.5PB per_gb=0.05'), 'transfer_cost')).toBeCloseTo(75000, 6);
    expect(fig(ok('cost transfer=200TB per_gb=0.05 alt_per_gb=0.09'), 'extra_cost')).toBeCloseTo(8000, 6);
    expect(calc('cost transfer=1TB per_gb=0.1 rate=10/s').ok).toBe(false);
    expect(calc('cost transfer=1TB/fortnight per_gb=0.1').ok).toBe(false);
  });

  it('sequential round trips against one batch: calls × RTT against batches × RTT', () => {
    const r = ok('roundtrips calls=40 rtt=0.5ms');
    expect(fig(r, 'sequential_time')).toBeCloseTo(0.02, 12);
    expect(fig(r, 'batched_time')).toBeCloseTo(0.0005, 12);
    expect(fig(r, 'time_saved')).toBeCloseTo(0.0195, 12);
    expect(r.reading).toMatch(/^40 sequential calls .* spend 20 ms/);
    const w = ok('roundtrips calls=200 rtt=0.5ms batches=2 work=20us');
    expect(fig(w, 'sequential_time')).toBeCloseTo(200 * 0.00052, 12);
    expect(fig(w, 'batched_time')).toBeCloseTo(2 * 0.0005 + 200 * 0.00002, 12);
    expect(calc('roundtrips calls=3 rtt=1ms batches=4').ok).toBe(false);
    expect(calc('roundtrips calls=2.5 rtt=1ms').ok).toBe(false);
  });

  it('event rate from a population: sources × events ÷ interval', () => {
    const r = ok('event-rate sources=1M every=4s who=drivers what=ping');
    expect(fig(r, 'rate')).toBeCloseTo(250000, 9);
    expect(fig(r, 'per_day')).toBeCloseTo(21.6e9, 3);
    expect(r.reading).toMatch(/^1,000,000 drivers sending one ping every 4 s make 250,000 pings a second/);
    expect(fig(ok('event-rate sources=2M every=10s events=3'), 'rate')).toBeCloseTo(600000, 9);
    expect(fig(ok('event-rate sources=2M each=20/day'), 'rate')).toBeCloseTo(40e6 / 86400, 9);
    expect(fig(ok('event-rate sources=10k every=30s size=200B'), 'bytes_per_second')).toBeCloseTo((10000 / 30) * 200, 6);
    expect(calc('event-rate sources=1M every=4s each=1/s').ok).toBe(false);
    expect(calc('event-rate sources=1M every=4s who=two words').ok).toBe(false);
  });

  it('consensus commit latency: the k-th nearest follower, k = ⌊n/2⌋ (the coordination-costs worked example)', () => {
    const a = ok('commit-latency followers=15ms,75ms fsync=2ms');
    expect(fig(a, 'commit_latency')).toBeCloseTo(0.017, 12);
    expect(fig(a, 'commit_latency_degraded')).toBeCloseTo(0.077, 12);
    expect(fig(ok('commit-latency followers=15ms,75ms fsync=2ms client=75ms'), 'commit_latency')).toBeCloseTo(0.092, 12);
    expect(fig(ok('commit-latency followers=1ms,15ms,15ms,75ms fsync=2ms'), 'commit_latency')).toBeCloseTo(0.017, 12);
    expect(fig(ok('commit-latency followers=15ms,75ms fsync=2ms rounds=2'), 'commit_latency')).toBeCloseTo(0.034, 12);
    const b = ok('commit-latency followers=2ms,15ms,70ms,90ms');
    expect(fig(b, 'commit_latency')).toBeCloseTo(0.015, 12);
    expect(fig(b, 'followers_needed')).toBe(2);
    expect(b.reading).toMatch(/^A 5-node group commits once the leader and 2 followers have the entry, .* 15 ms\./);
    expect(fig(ok('commit-latency followers=1ms,1ms,2ms,40ms,45ms,90ms down=2'), 'commit_latency_degraded')).toBeCloseTo(0.045, 12);
    expect(calc('commit-latency followers=2ms,15ms n=5').ok).toBe(false);
  });

  it('capacity, storage and SLO arithmetic', () => {
    const c = ok('capacity peak=12000/s per_server=800/s util=0.6 redundancy=N+1');
    expect(fig(c, 'servers_base')).toBe(25);
    expect(fig(c, 'servers_total')).toBe(26);
    // Growth raises the peak to plan for: 2,000/s × 3 × 1.5 = 9,000/s; ⌈9,000 ÷ (500 × 0.7)⌉ = 26.
    const grown = ok('capacity avg=2000/s peak_ratio=3 growth=50% per_server=500/s util=70% redundancy=N+0');
    expect(fig(grown, 'required_capacity')).toBeCloseTo(9000, 9);
    expect(fig(grown, 'servers_total')).toBe(26);
    // have=: the pool the user runs, set against the concurrency the load needs.
    expect(ok('littles-law throughput=400/s latency=2s have=200').reading).toMatch(/^Your pool or limit of 200 is too small: about 800 requests/);
    expect(ok('littles-law throughput=400/s latency=50ms have=25').reading).toMatch(/covers the average \(20 in flight\) but not the 99th percentile \(31\)/);
    expect(ok('littles-law throughput=400/s latency=50ms have=200').reading).toMatch(/^Your pool or limit of 200 covers it/);
    expect(calc('littles-law concurrency=10 latency=1s have=5').ok).toBe(false);
    expect(calc('littles-law throughput=400/s latency=2s have=0.5').ok).toBe(false);
    // A pool the size of the mean is busy most of the time; rounding never makes the two read equal.
    expect(ok('littles-law throughput=400/s latency=2s have=800').reading).toMatch(/^Your pool or limit of 800 is too small/);
    expect(ok('littles-law throughput=400.2/s latency=2s have=800').reading).toMatch(/too small: about 800\.4 requests/);
    // deps= with each=: that many dependencies at that availability (0.9995³ = 99.85%, under 99.9%).
    const three = ok('feasibility target=99.9% deps=3 each=99.95%');
    expect(three.reading).toMatch(/^No: 3 serial dependencies/);
    const s = ok('storage per_day=50GB retention=90d replication=3 growth=40%');
    expect(fig(s, 'raw')).toBeCloseTo(13.5e12, 0);
    expect(fig(s, 'raw_next_year')).toBeCloseTo(18.9e12, 0);
    const slo = ok('slo target=99.9% window=30d consumed=20min');
    expect(fig(slo, 'error_budget')).toBeCloseTo(2592, 6);
    expect(fig(slo, 'remaining')).toBeCloseTo(1392, 6);
    expect(fig(slo, 'burn_3600s')).toBeCloseTo(14.4, 9);
  });

  it("Amdahl, Gustafson and the Universal Scalability Law", () => {
    const a = ok('amdahl parallel=95% n=16');
    expect(fig(a, 'speedup')).toBeCloseTo(1 / (0.05 + 0.95 / 16), 12);
    expect(fig(a, 'ceiling')).toBeCloseTo(20, 9);
    expect(fig(a, 'gustafson')).toBeCloseTo(15.25, 12);
    // A measured speedup gives the parallel share it implies, which predicts that speedup back.
    const implied = ok('amdahl speedup=6 n=8');
    expect(fig(implied, 'parallel')).toBeCloseTo((1 - 1 / 6) / (1 - 1 / 8), 12);
    expect(fig(ok(`amdahl parallel=${fig(implied, 'parallel')} n=8`), 'speedup')).toBeCloseTo(6, 9);
    expect(knowledge.calc('amdahl speedup=9 n=8')).toMatchObject({ ok: false, code: 'out_of_range' });
    expect(knowledge.calc('amdahl speedup=6 n=8 parallel=90%')).toMatchObject({ ok: false, code: 'too_many_values' });
    const u = ok('usl sigma=0.05 kappa=0.001 n=32');
    expect(fig(u, 'capacity')).toBeCloseTo(32 / (1 + 0.05 * 31 + 0.001 * 32 * 31), 12);
    expect(fig(u, 'peak_concurrency')).toBeCloseTo(Math.sqrt(0.95 / 0.001), 9);
    // Fitting exact USL data recovers its coefficients.
    const pts = [1, 2, 4, 8, 16, 32].map((n) => `${n}:${(100 * n) / (1 + 0.03 * (n - 1) + 0.0005 * n * (n - 1))}`).join(',');
    const fit = ok(`usl fit points=${pts}`);
    expect(fig(fit, 'sigma')).toBeCloseTo(0.03, 6);
    expect(fig(fit, 'kappa')).toBeCloseTo(0.0005, 8);
  });

  it('feasibility over redundant copies: the copies you run against the target, and how many it takes', () => {
    const yes = ok('feasibility target=99.99% parallel=99.5% have=3');
    expect(fig(yes, 'meets_target')).toBe(1);
    expect(fig(yes, 'have_reached')).toBeCloseTo(1 - 0.005 ** 3, 12);
    expect(fig(yes, 'copies_needed')).toBe(2);
    const no = ok('feasibility target=99.999% parallel=99% have=2');
    expect(fig(no, 'meets_target')).toBe(0);
    expect(fig(no, 'copies_needed')).toBe(3);
    expect(calc('feasibility target=99.99% have=3').ok).toBe(false);
    expect(calc('feasibility target=99.99% parallel=99.5% have=2.5').ok).toBe(false);
  });

  it('shuffle sharding: C(n, k) shards, against plain sharding into whole groups of k', () => {
    const s = ok('shuffle nodes=50 size=4');
    expect(fig(s, 'shards')).toBe(230300);
    // 50 workers make 12 whole groups of 4 (2 left over): 1 in 12, not 1 in 12.5.
    expect(fig(s, 'plain_sharding_overlap')).toBeCloseTo(1 / 12, 12);
    expect(s.reading).toContain('1 in 12 with plain sharding into 12 groups (2 workers left over)');
    expect(fig(ok('shuffle nodes=100 size=5'), 'plain_sharding_overlap')).toBeCloseTo(1 / 20, 12);
  });

  it('queue: two utilizations compared in service times (W = S/(1 − ρ), so 60% -> 90% is 4x slower)', () => {
    const q = ok('queue util=60% then=90%');
    expect(fig(q, 'response_before')).toBeCloseTo(2.5, 12);
    expect(fig(q, 'response_after')).toBeCloseTo(10, 12);
    expect(fig(q, 'slowdown')).toBeCloseTo(4, 12);
    expect(fig(q, 'p99_after')).toBeCloseTo(10 * Math.log(100), 9);
    expect(calc('queue util=60% then=100%').ok).toBe(false);
    expect(calc('queue util=60% then=90% service=5ms').ok).toBe(false);
  });

  it('round trips with a call the rest depend on (the list query of an N+1)', () => {
    const r = ok('roundtrips calls=151 first=1 rtt=1ms batches=2');
    expect(fig(r, 'sequential_time')).toBeCloseTo(0.151, 12);
    expect(fig(r, 'batched_time')).toBeCloseTo(0.003, 12);
    expect(fig(r, 'parallel_time')).toBeCloseTo(0.002, 12);
    expect(calc('roundtrips calls=10 first=10 rtt=1ms').ok).toBe(false);
  });

  it('storage after compression: the stored volume is the raw volume over the ratio', () => {
    const s = ok('storage per_day=2TB retention=90d replication=3 compression=4');
    expect(fig(s, 'raw')).toBeCloseTo((2e12 / 4) * 90 * 3, 0);
    expect(s.reading).toContain('after 4:1 compression');
    expect(calc('storage per_day=2TB retention=90d compression=0.5').ok).toBe(false);
  });

  it('quorum and tail', () => {
    const q = ok('quorum n=3 r=2 w=2');
    expect(fig(q, 'read_sees_latest_write')).toBe(1);
    expect(fig(q, 'majority')).toBe(2);
    expect(fig(ok('quorum n=3 r=1 w=1'), 'read_sees_latest_write')).toBe(0);
    expect(fig(ok('quorum n=3 r=1 w=1'), 'stale_read_chance')).toBeCloseTo(2 / 3, 12);
    expect(fig(ok('quorum n=5 r=2 w=2'), 'stale_read_chance')).toBeCloseTo(0.3, 12);
    expect(fig(q, 'stale_read_chance')).toBe(0);
    expect(fig(ok('tail fanout=100 percentile=99'), 'share_slow')).toBeCloseTo(1 - 0.99 ** 100, 12);
  });

  it('latency: known great-circle distances and fibre round trips', () => {
    expect(greatCircleKm({ lat: 0, lon: 0 }, { lat: 0, lon: 90 })).toBeCloseTo((Math.PI / 2) * 6371.0088, 6);
    const r = ok('latency from=London to=New York');
    expect(fig(r, 'distance_km')).toBeGreaterThan(5540);
    expect(fig(r, 'distance_km')).toBeLessThan(5600);
    expect(fig(r, 'rtt_fiber') * 1000).toBeCloseTo((2 * fig(r, 'distance_km')) / 200, 9);
    const sydney = ok('latency from=Sydney to=Los Angeles');
    expect(fig(sydney, 'distance_km')).toBeGreaterThan(11950);
    expect(fig(sydney, 'distance_km')).toBeLessThan(12150);
    expect(fig(ok('latency distance=1000mi'), 'distance_km')).toBeCloseTo(1609.344, 6);
    expect(knowledge.engine.data.places.length).toBeGreaterThanOrEqual(150);
  });
});

describe("the compendium's own calculator commands", () => {
  const commands = new Set<string>();
  const walk = (dir: string): string[] => readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : [join(dir, n)]));
  for (const file of walk(join(import.meta.dirname, '..', 'content')).filter((f) => f.endsWith('.md'))) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:`|^\s*)\/calc ([^`\n]+)/gm)) if (!m[1]!.includes('...')) commands.add(m[1]!.trim());
  }

  it('has Try it commands to check', () => expect(commands.size).toBeGreaterThanOrEqual(10));
  it.each([...commands])('runs "/calc %s"', (command) => {
    const r = calc(command);
    expect(r.ok, r.ok ? '' : r.message).toBe(true);
  });
});

describe('bad calculator input gets a specific error', () => {
  it.each([
    ['qeue arrival=80/s service=10ms', 'unknown_calculator', undefined, 'Did you mean queue'],
    ['queue arival=80/s service=10ms', 'unknown_key', 'arival', 'Did you mean arrival='],
    ['queue service=10ms', 'missing_key', 'arrival', 'missing arrival='],
    ['queue arrival=fast service=10ms', 'not_a_number', 'arrival', 'not a number'],
    ['queue arrival=80 service=10ms', 'wrong_unit', 'arrival', 'needs a rate unit'],
    ['queue arrival=80/s service=10parsecs', 'wrong_unit', 'service', 'not a time unit'],
    ['queue arrival=-5/s service=10ms', 'out_of_range', 'arrival', 'positive'],
    ['availability 101%', 'out_of_range', undefined, 'not an availability'],
    ['availability 99.9% mode=diagonal', 'wrong_unit', 'mode', 'mode=series'],
    ['latency from=Atlantis to=London', 'unknown_place', 'from', 'not a place I know'],
    ['latency from=Lodnon to=Paris', 'unknown_place', 'from', 'Did you mean "London"'],
    ['quorum n=3 r=4 w=1', 'out_of_range', 'r', 'from 1 to n'],
    ['littles-law throughput=200/s', 'missing_key', undefined, 'exactly two'],
    ['queue arrival=1/s arrival=2/s service=1s', 'duplicate_key', 'arrival', 'given twice'],
    ['capacity peak=100/s growth=3', 'wrong_unit', 'growth', 'growth=50%'],
    ['capacity peak=100/s growth=1', 'wrong_unit', 'growth', 'growth=50%'],
    ['capacity peak=100/s growth=-5%', 'out_of_range', 'growth', 'from 0%'],
    ['', 'empty_input', undefined, 'Calculators:'],
  ])('%j -> %s', (input, code, key, message) => {
    const r = calc(input);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.code).toBe(code);
    if (key) expect(r.key).toBe(key);
    expect(r.message).toContain(message);
    if (code !== 'empty_input') expect(r.example).toBeTruthy();
  });
});

describe('property: any input gives a result or a clear error, never an exception or NaN', () => {
  const finite = (r: ReturnType<typeof calc>) => !r.ok || (r.figures.every((f) => Number.isFinite(f.value)) && (r.series?.points ?? []).every(([x, y]) => Number.isFinite(x) && Number.isFinite(y)));

  it('arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (s) => {
        const r = calc(s);
        expect(typeof r.ok).toBe('boolean');
        expect(finite(r)).toBe(true);
        if (!r.ok) expect(r.message.length).toBeGreaterThan(10);
      }),
      { numRuns: 400 },
    );
  });

  const value = fc.oneof(
    fc.double({ min: -1e6, max: 1e9, noNaN: true }).map(String),
    fc.tuple(fc.double({ min: -10, max: 1e6, noNaN: true }), fc.constantFrom('ms', 's', '/s', '%', 'GB', 'km', 'h', 'd', 'rps', '', 'x', 'N+1')).map(([n, u]) => `${n}${u}`),
    fc.constantFrom('0', '-1', '1e308', 'Infinity', 'NaN', '', 'abc', '1:2,3:4', '1:100,2:190,4:350', '1e308rps', '1e-308s', '1e308/s', '1e-300ms', '5e-324s', '1e308GB'),
  );
  // Every calculator and every key it takes, read from the registry so a new one is covered by default.
  const names = knowledge.calculators.list.map((c) => c.name);
  const keys = [...new Set(knowledge.calculators.list.flatMap((c) => c.keys))];
  it('covers every calculator', () => expect(names.length).toBeGreaterThanOrEqual(19));

  it('every calculator with random keys and values', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...names),
        fc.uniqueArray(fc.tuple(fc.constantFrom(...keys), value), { selector: ([k]) => k, maxLength: 5 }),
        fc.array(value, { maxLength: 3 }),
        (name, pairs, positional) => {
          const input = [name, ...positional, ...pairs.map(([k, v]) => `${k}=${v}`)].join(' ');
          const r = calc(input);
          expect(finite(r), input).toBe(true);
          // No claim a person would read as nonsense.
          if (r.ok) expect(r.reading, input).not.toMatch(/Infinity|NaN|\bRun 0 servers|\b10,?001 servers|undefined/);
        },
      ),
      { numRuns: 1500 },
    );
  });
});

describe('extreme inputs', () => {
  it.each(['queue arrival=1/s service=1e308rps servers=2', 'queue arrival=1e308/s service=1ms', 'littles-law throughput=1e308/s latency=1e308s', 'capacity peak=1e300/s per_server=1/s'])('%s is a clear error naming the key, not a crash', (input) => {
    const r = calc(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/outside what any real system|must be/);
  });
});

describe('questions that carry the numbers run the right calculator', () => {
  const places = knowledge.engine.data.places;
  it.each([
    ['what availability do two 99.9% services in series give?', 'availability 99.9% 99.9% mode=series'],
    ['how much downtime per year is 99.99%?', 'availability 99.99%'],
    ['how many nines do I get with 3 replicas at 99% each in parallel?', 'availability 99% 99% 99% mode=parallel'],
    ["what's the round trip latency from London to Sydney?", 'latency from=London to=Sydney'],
    ['95% parallel on 16 cores, what speedup?', 'amdahl parallel=95% n=16'],
    ['we only got about 8x after parallelizing the ETL across 64 cores; is that expected?', 'amdahl speedup=8 n=64'],
    ['we fan out to 100 backends, how many requests hit the p99 tail?', 'tail fanout=100 percentile=99'],
    ['at 200 requests per second and 50 ms latency how many requests are in flight?', 'littles-law throughput=200/s latency=0.05s'],
    ['each API pod handles 200 req/s and each request holds a db connection for 15 ms: how big should the connection pool be?', 'littles-law throughput=200/s latency=0.015s per=pod'],
    ['how do I size a bulkhead for a dependency at 300 req/s and 40 ms latency?', 'littles-law throughput=300/s latency=0.04s'],
    // A figure each dependency has ("each with a 99.9% slo") is a component, not a second target.
    ['we promised customers 99.95%. our api synchronously calls 5 internal services, each with a 99.9% slo. is that even possible?', 'feasibility 99.9% 99.9% 99.9% 99.9% 99.9% target=99.95%'],
    // "Each" with no count of dependencies asks for it; "3 of them" is that count.
    ['we need 99.9% overall. the db, cache and queue are each at 99.95% slo and every request needs all three. can we meet it?', null],
    ['our slo is 99.9% and each dependency has a 99.95% slo. we call 3 of them. can we meet it?', 'feasibility 99.95% 99.95% 99.95% target=99.9%'],
    // A rate each instance does is not divided over the instances again; a pool per pod is not a fleet of nodes.
    ['how many db connections do we need? 4 instances each doing 500 queries/s, 50ms each, pool is 20 per instance', 'littles-law throughput=500/s latency=0.05s per=instance fleet=4 have=20'],
    ['how many db connections do we need? 2,000 queries/s, each holds a connection 50ms. pool is currently 20 per pod, and we have 4 nodes', null],
    // Growth that already happened is in the figures given; a monthly rate needs a horizon: neither is applied.
    ['peak 9000 rps, up 50% year over year; each server handles 500 rps. how many servers?', null],
    ['traffic grows 10% per month; peak is 9000 rps and each server handles 500 rps. how many servers?', null],
    ['peak is 10k rps and will grow 40% next year, each server does 1k rps. how many servers?', 'capacity peak=10000/s growth=40% per_server=1000/s util=100% redundancy=N+0'],
    // A count that is not a pool or limit ("5000 messages behind") is not set against the need: it is named as not placed.
    ['our consumer is 5000 messages behind, it processes 100 messages/s and each takes 10ms. how many are in flight?', null],
    ['service handles 400 rps with a 200-thread pool. calls take 2s. how many requests are in flight?', 'littles-law throughput=400/s latency=2s have=200'],
    // A rate limit, a backlog per pod or open connections are not a pool to set the need against.
    ['We get 400 rps, each call takes 2 s, and our rate limit is 500. How many requests are in flight?', null],
    ['We get 2000 rps across 4 pods, each call takes 50 ms, and 300 messages behind per pod. How many in flight?', null],
    // "How much peak can we handle" is not a question about the load to plan for.
    ['how much peak can we handle with 12 servers at 800 rps each at 60% utilization?', 'queue service=800/s servers=12 util=60%'],
    // "How much capacity should we plan for?" is the load itself, with no server size to divide by.
    ['average load is ~2k rps, and on black friday we saw ~6x the daily average. how much capacity should we plan for?', 'capacity avg=2000/s peak_ratio=6'],
    // 100% has no downtime to compute: answered from the documents.
    ['product wants 100% uptime on our api. how do we set a target and settle the argument?', null],
    // Expected growth raises the load to plan for; the utilization cap is not mistaken for it.
    ['capacity planning for next year: today avg 2k rps, daily peak is 3x avg, we expect 50% growth, and one node handles ~500 rps. we want nodes at no more than ~70% utilization. how many nodes?', 'capacity avg=2000/s peak_ratio=3 growth=50% per_server=500/s util=70% redundancy=N+0'],
    // "How many connections do we need", the question first, then the numbers.
    ['how many db connections do we need? the api does 2,000 queries/s and an average query holds a connection 50ms', 'littles-law throughput=2000/s latency=0.05s'],
    // The pool the user has now is compared with, not dropped: the rate spread over the instances it names.
    ['how many db connections do we need? 2,000 queries/s, each holds a connection 50ms. pool is currently 20 per instance x 4 instances', 'littles-law throughput=500/s latency=0.05s per=instance fleet=4 have=20'],
    ['why do connection pools run dry when the database gets slow?', null],
    ['we push 500 TB/month of egress at $0.08/GB: what does it cost, and how much would we save at $0.02/GB?', 'cost transfer=500TB/month per_gb=0.08 alt_per_gb=0.02'],
    ['if we negotiated $0.02/GB instead of our current $0.08/GB, how much would we save on 500 TB a month of egress?', 'cost transfer=500TB/month per_gb=0.08 alt_per_gb=0.02'],
    ['we store 500 TB in S3 at $0.023/GB-month, what is the bill?', null],
    ['each page render does 40 sequential redis GETs, RTT ~0.5 ms: how much time in round trips, and with one MGET?', 'roundtrips calls=40 rtt=0.5ms batches=1'],
    ['5 sequential service calls at 30 ms each: what is the total latency?', 'roundtrips calls=5 rtt=30ms'],
    ['a single redis GET takes 0.5 ms, how long does it take?', null],
    ['how long do 40 GETs take in parallel at 0.5 ms each?', null],
    ['1M active drivers each send a GPS ping every 4 seconds: what write rate is that?', 'event-rate sources=1000000 every=4s who=drivers what=ping'],
    ['10k devices report every 30 s: how many writes per second?', 'event-rate sources=10000 every=30s who=devices what=write'],
    ['what happens if 1M clients all reconnect every 30 s?', null],
    ["5-node raft group, leader's followers at RTT 2ms, 15ms, 70ms, 90ms: commit latency?", 'commit-latency followers=2ms,15ms,70ms,90ms n=5'],
    ['a 5 node raft cluster, how many failures can it survive?', 'quorum n=5'],
    ['why does adding replicas to a raft group slow down commits?', null],
    ['80 requests per second to one server with a 10 ms service time: how long is the queue wait?', 'queue service=0.01s servers=1 arrival=80/s'],
    ['what is a circuit breaker?', null],
    ['how do I choose a timeout for a 300 ms p99 dependency?', null],
  ])('%j', (question, command) => {
    expect(commandFromQuestion(question, places)).toBe(command);
  });

  it('answers them in chat with the figures and a link to the explanation', async () => {
    const a = await knowledge.ask('what availability do two 99.9% services in series give?', { baseUrl: 'https://c.test' });
    expect(a.intent).toBe('numbers');
    expect(a.calc?.ok).toBe(true);
    expect(a.answer).toContain('99.8');
    expect(a.sources[0]!.url).toBe('https://c.test/docs/quantitative/availability-math#the-formula');
  });
});

describe('a calculator read from a plain question', () => {
  it('reads what each number means, whatever the order and the words between a count and its noun', async () => {
    const a = await knowledge.ask('a request fans out to 100 backends in parallel and waits for all. each backend is slower than 1 s only 1% of the time. what fraction of user requests take longer than 1 s?');
    expect(a.calc?.ok && a.calc.input).toBe('tail fanout=100 percentile=99');
    expect(a.calc?.ok && a.calc.figures.find((f) => f.key === 'share_slow')!.value).toBeCloseTo(1 - 0.99 ** 100, 6);
    expect(a.answer).not.toMatch(/Not used/);
  });

  it('echoes a count with its noun in the plural a person would write', () => {
    const count = (raw: string, value: number) => ({ kind: 'count' as const, value, raw, start: 0, end: raw.length, target: false });
    expect(counted(count('35', 35), 'query')).toBe('35 queries');
    expect(counted(count('3', 3), 'box')).toBe('3 boxes');
    expect(counted(count('4', 4), 'people')).toBe('4 people');
    expect(counted(count('1', 1), 'instance')).toBe('1 instance');
  });

  it('echoes a quantity from the question only as plain text', () => {
    expect(plainQuantity('5 a_b_ *bold* [x](y) `c` <!here> engineers')).toBe('5 ab bold xy c here engineers');
  });

  it('does not run when a number of the kind it takes cannot be placed, and says which', async () => {
    // Two values of one kind are placed only as a change ("from X to Y": before and after, tests/numbers.test.ts).
    const a = await knowledge.ask('two nines and three nines, how many hours of yearly downtime do we save?');
    expect(a.calc).toBeUndefined();
    const changed = await knowledge.ask('going from two nines to three nines, how many hours of yearly downtime do we save?');
    const saved = changed.calc?.ok ? changed.calc.figures.find((f) => f.key === 'change_downtime_year') : undefined;
    expect((saved?.value ?? 0) / 3600).toBeCloseTo(78.9, 0);
    const b = await knowledge.ask('queue at 50% and then at 90% utilization with 2 ms service time, what is the mean wait?');
    expect(b.calc).toBeUndefined();
  });

  it("compares a connection pool the user has now with what the load needs, and leaves none of its numbers out", async () => {
    const a = await knowledge.ask('how many db connections do we actually need? the api does ~2,000 queries/s at peak and an average query holds a connection ~50ms. pool is currently 20 per instance x 4 instances');
    expect(a.calc?.ok && a.calc.figures.find((f) => f.key === 'concurrency')!.value).toBeCloseTo(25, 9);
    expect(a.answer).toMatch(/^Your pool or limit of 20 per instance is too small: about 25 requests are in flight/);
    expect(a.answer).not.toMatch(/Not computed|Not used/);
  });

  it('says which number stopped a calculation, also when the documents have no confident answer', async () => {
    const a = await knowledge.ask('We get 400 rps, each call takes 2 s, and we are 5000 messages behind. How many in flight?');
    expect(a.calc).toBeUndefined();
    expect(a.answer).toMatch(/Not computed: I could not tell what 5000/);
  });

  it('sets the pool a user has against what a change in latency needs', async () => {
    const a = await knowledge.ask('service handles 400 rps with a 200-thread pool. a downstream call went from 50ms to 2s and now we reject requests. why?');
    expect(a.calc?.ok && a.calc.inputs).toEqual(['littles-law throughput=400/s latency=0.05s have=200', 'littles-law throughput=400/s latency=2s have=200']);
    expect(a.answer.split("\n")[0]).toMatch(/goes from 20 to 800 \(40×\)\. After the change: Your pool or limit of 200 is too small/);
  });

  it('counts components named with a qualifier ("two AZs, each 99.9%")', async () => {
    const a = await knowledge.ask('we run in two AZs, each 99.9% available, active-active. what availability is that?');
    expect(a.calc?.ok).toBe(true);
    expect(a.calc && a.calc.ok && a.calc.input).toBe('availability 99.9% 99.9% mode=parallel');
  });
});
