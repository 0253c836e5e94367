import { CalcInputError } from './types';

/**
 * Quantities with units, as people type them: "10ms", "80/s", "12k rps", "50GB", "5570km",
 * "99.9%". Each parser returns the value in one base unit (seconds, per second, bytes, km, fraction).
 */

const NUMBER = /^[+-]?(?:\d+(?:\.\d+)?|\.\d+)(?:e[+-]?\d+)?/i;
const MULTIPLIER: Record<string, number> = { k: 1e3, m: 1e6, g: 1e9, b: 1e9 };

/** Time units to seconds. */
export const TIME_UNITS: Record<string, number> = {
  ns: 1e-9, us: 1e-6, 'µs': 1e-6, μs: 1e-6, ms: 1e-3, s: 1, sec: 1, secs: 1, second: 1, seconds: 1,
  m: 60, min: 60, mins: 60, minute: 60, minutes: 60, h: 3600, hr: 3600, hrs: 3600, hour: 3600, hours: 3600,
  d: 86400, day: 86400, days: 86400, w: 604800, wk: 604800, week: 604800, weeks: 604800,
  y: 31557600, yr: 31557600, year: 31557600, years: 31557600,
};

/** Size units to bytes: decimal (KB = 1,000 B) and binary (KiB = 1,024 B) prefixes. */
export const SIZE_UNITS: Record<string, number> = {
  b: 1, byte: 1, bytes: 1,
  kb: 1e3, mb: 1e6, gb: 1e9, tb: 1e12, pb: 1e15,
  kib: 2 ** 10, mib: 2 ** 20, gib: 2 ** 30, tib: 2 ** 40, pib: 2 ** 50,
};

export const DISTANCE_UNITS: Record<string, number> = { km: 1, kms: 1, kilometer: 1, kilometers: 1, mi: 1.609344, mile: 1.609344, miles: 1.609344, m: 0.001 };

const RATE_PER: Record<string, number> = {
  s: 1, sec: 1, second: 1, min: 60, minute: 60, h: 3600, hr: 3600, hour: 3600, d: 86400, day: 86400,
  w: 604800, wk: 604800, week: 604800, mo: 2628000, month: 2628000, y: 31557600, yr: 31557600, year: 31557600,
};
const RATE_WORDS = new Set(['rps', 'qps', 'tps', 'ops', 'req/s', 'reqs/s', 'requests/s', 'msg/s', 'ops/s']);

/**
 * Splits "12k rps" into 12000 and "rps". Thousands separators ("12,000") are allowed; a k, M or G
 * multiplier applies only where `multipliers` is set (rates and counts, not "10m" of time).
 */
function splitNumber(raw: string, key: string, multipliers = false): { n: number; rest: string } {
  const text = raw.trim().replace(/_/g, '').replace(/(\d),(?=\d{3}\b)/g, '$1');
  const m = NUMBER.exec(text);
  if (!m) throw new CalcInputError('not_a_number', `${key}=${raw} is not a number`, key);
  let n = Number(m[0]);
  let rest = text.slice(m[0].length).trim();
  const mult = multipliers ? /^([kmgb])(?![a-z])/i.exec(rest) : null;
  if (mult) {
    n *= MULTIPLIER[mult[1]!.toLowerCase()]!;
    rest = rest.slice(1).trim();
  }
  if (!Number.isFinite(n)) throw new CalcInputError('not_a_number', `${key}=${raw} is not a finite number`, key);
  return { n, rest: rest.toLowerCase() };
}

export function parseNumber(raw: string, key: string): number {
  const { n, rest } = splitNumber(raw, key, true);
  if (rest) throw new CalcInputError('wrong_unit', `${key}=${raw} should be a plain number, without "${rest}"`, key);
  return n;
}

/**
 * The widest values any calculator accepts: beyond them no real system exists, and the arithmetic
 * would overflow to Infinity or underflow to 0 and print nonsense ("Run 0 servers").
 */
export const UNIT_LIMITS = {
  /** A picosecond to a thousand years, in seconds. */
  time: [1e-12, 1000 * 365.25 * 86400],
  /** One event a century to a trillion a second. */
  rate: [1 / (100 * 365.25 * 86400), 1e12],
} as const;

function inRange(value: number, [lo, hi]: readonly [number, number], key: string, raw: string, what: string): number {
  if (value > 0 && (value < lo || value > hi)) {
    throw new CalcInputError('out_of_range', `${key}=${raw} is outside what any real system ${what}; use a value between ${what === 'takes' ? '1ps and 1,000 years' : 'one a century and 10^12/s'}`, key);
  }
  return value;
}

export function parseTime(raw: string, key: string, defaultUnit?: 's' | 'ms' | 'h' | 'd'): number {
  const { n, rest } = splitNumber(raw, key);
  const unit = rest || defaultUnit;
  if (!unit) throw new CalcInputError('wrong_unit', `${key}=${raw} needs a time unit (ns, us, ms, s, min, h, d), for example ${key}=${n}ms`, key);
  const factor = TIME_UNITS[unit];
  if (factor === undefined) throw new CalcInputError('wrong_unit', `${key}=${raw}: "${rest}" is not a time unit; use ns, us, ms, s, min, h or d`, key);
  return inRange(n * factor, UNIT_LIMITS.time, key, raw, 'takes');
}

/** A rate in events per second: "80/s", "5000/min", "12k rps", "1.2M/day". */
export function parseRate(raw: string, key: string): number {
  const { n, rest } = splitNumber(raw, key, true);
  const unit = rest.replace(/\s+/g, '');
  if (!unit) throw new CalcInputError('wrong_unit', `${key}=${raw} needs a rate unit, for example ${key}=${n}/s (also /min, /h, rps, qps)`, key);
  if (RATE_WORDS.has(unit)) return inRange(n, UNIT_LIMITS.rate, key, raw, 'handles');
  const per = /^(?:[a-z]*)\/(\w+)$/.exec(unit);
  if (per && RATE_PER[per[1]!] !== undefined) return inRange(n / RATE_PER[per[1]!]!, UNIT_LIMITS.rate, key, raw, 'handles');
  throw new CalcInputError('wrong_unit', `${key}=${raw}: "${rest}" is not a rate unit; use /s, /min, /h, /d, rps or qps`, key);
}

export function parseSize(raw: string, key: string): number {
  const { n, rest } = splitNumber(raw, key);
  const unit = rest.replace(/\s+/g, '');
  if (!unit) throw new CalcInputError('wrong_unit', `${key}=${raw} needs a size unit, for example ${key}=${n}GB (B, KB, MB, GB, TB, or KiB, MiB, GiB, TiB)`, key);
  const factor = SIZE_UNITS[unit];
  if (factor === undefined) throw new CalcInputError('wrong_unit', `${key}=${raw}: "${rest}" is not a size unit; use B, KB, MB, GB, TB (decimal) or KiB, MiB, GiB, TiB (binary)`, key);
  return n * factor;
}

export function parseDistance(raw: string, key: string): number {
  const { n, rest } = splitNumber(raw, key);
  const unit = rest.replace(/\s+/g, '');
  if (!unit) throw new CalcInputError('wrong_unit', `${key}=${raw} needs a distance unit, for example ${key}=${n}km or ${key}=${n}mi`, key);
  const factor = DISTANCE_UNITS[unit];
  if (factor === undefined) throw new CalcInputError('wrong_unit', `${key}=${raw}: "${rest}" is not a distance unit; use km or mi`, key);
  return n * factor;
}

/**
 * A share as a fraction in [0, 1]: "99.9%" or "0.999". A bare number above 1 and at most 100 is
 * read as a percentage ("99.9" is 99.9%), which the result states.
 */
export function parseFraction(raw: string, key: string): { value: number; assumedPercent: boolean } {
  const { n, rest } = splitNumber(raw, key);
  if (rest === '%') return { value: n / 100, assumedPercent: false };
  if (rest) throw new CalcInputError('wrong_unit', `${key}=${raw} should be a percentage like 99.9% or a fraction like 0.999`, key);
  if (n > 1 && n <= 100) return { value: n / 100, assumedPercent: true };
  return { value: n, assumedPercent: false };
}

/** Redundancy as N+k: "N+1", "n+2", "2N" (k = N is not supported: say N+N as a count). */
export function parseRedundancy(raw: string, key: string): number {
  const m = /^n\s*\+\s*(\d+)$/i.exec(raw.trim());
  if (m) return Number(m[1]);
  if (/^\d+$/.test(raw.trim())) return Number(raw.trim());
  throw new CalcInputError('wrong_unit', `${key}=${raw} should look like N+1 (one spare) or N+2`, key);
}
