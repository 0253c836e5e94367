import * as z from 'zod/mini';
import { CalcInputError } from './types';

/*
 * Calculator inputs are validated with zod once the units are parsed: each rule carries the
 * sentence that tells the user how to fix the value, and the first failure names its key.
 * (Import `z` from 'zod/mini' directly: re-exporting the namespace defeats tree shaking.)
 */

type Bound = { minExclusive?: boolean; maxExclusive?: boolean; whole?: boolean };

/** A number from `min` to `max` (inclusive unless said otherwise); `message` explains the rule. */
export function between(min: number, max: number, message: string, bound: Bound = {}) {
  const base = bound.whole ? z.int(message) : z.number(message);
  return base.check(bound.minExclusive ? z.gt(min, message) : z.gte(min, message), bound.maxExclusive ? z.lt(max, message) : z.lte(max, message));
}

/** A positive, finite number. */
export function positive(message: string) {
  return between(0, Number.MAX_VALUE, message, { minExclusive: true });
}

export function checkInput<T extends z.ZodMiniType>(schema: T, values: unknown): z.infer<T> {
  const result = schema.safeParse(values);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  throw new CalcInputError('out_of_range', issue.message, issue.path.length ? String(issue.path[0]) : undefined);
}
