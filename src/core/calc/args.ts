import { CalcInputError } from './types';

/** A command split into positional values and key=value pairs (keys lowercased). */
export type Args = { positional: string[]; keys: Map<string, string>; order: string[] };

/** Splits `key=value` words, honouring quotes ("from=New York" also works for text keys). */
export function tokenizeCommand(input: string): string[] {
  const tokens: string[] = [];
  const re = /(\S+?=)?"([^"]*)"|(\S+?=)?'([^']*)'|(\S+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(input))) {
    if (m[2] !== undefined) tokens.push(`${m[1] ?? ''}${m[2]}`);
    else if (m[4] !== undefined) tokens.push(`${m[3] ?? ''}${m[4]}`);
    else tokens.push(m[5]!);
  }
  return tokens;
}

/**
 * Parses the words after the calculator's name. Bare words that follow a text key's value join it
 * ("to=New York"); other bare words are positional values.
 */
export function parseArgs(tokens: string[], textKeys: readonly string[] = []): Args {
  const keys = new Map<string, string>();
  const positional: string[] = [];
  const order: string[] = [];
  let lastTextKey: string | null = null;
  for (const token of tokens) {
    const eq = token.indexOf('=');
    if (eq > 0) {
      const key = token.slice(0, eq).toLowerCase().replace(/-/g, '_');
      const value = token.slice(eq + 1);
      if (keys.has(key)) throw new CalcInputError('duplicate_key', `${key}= is given twice; give it once`, key);
      keys.set(key, value);
      order.push(key);
      lastTextKey = textKeys.includes(key) ? key : null;
    } else if (lastTextKey) {
      keys.set(lastTextKey, `${keys.get(lastTextKey)} ${token}`);
    } else {
      positional.push(token);
    }
  }
  return { positional, keys, order };
}

/** Levenshtein distance, for "did you mean" suggestions. */
export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length]!;
}

/** Names close to `word` (by edit distance or shared prefix), best first. */
export function closest(word: string, names: readonly string[], max = 3): string[] {
  const w = word.toLowerCase();
  return names
    .map((n) => ({ n, d: editDistance(w, n.toLowerCase()) - (n.toLowerCase().startsWith(w.slice(0, 3)) ? 1 : 0) }))
    .filter((x) => x.d <= Math.max(2, Math.floor(w.length / 3)))
    .sort((a, b) => a.d - b.d)
    .slice(0, max)
    .map((x) => x.n);
}

/** Rejects keys the calculator does not take, suggesting the closest one. */
export function checkKeys(args: Args, allowed: readonly string[], example: string): void {
  for (const key of args.order) {
    if (!allowed.includes(key)) {
      const near = closest(key, allowed, 1);
      const hint = near.length ? ` Did you mean ${near[0]}=?` : '';
      throw new CalcInputError('unknown_key', `unknown key ${key}=. This calculator takes ${allowed.map((k) => `${k}=`).join(', ')}.${hint}`, key, near);
    }
  }
}

/** The raw value of a key the calculator cannot run without; missing, it says how to give it. */
export function requireKey(args: Args, key: string, hint: string): string {
  const value = args.keys.get(key);
  if (value === undefined) throw new CalcInputError('missing_key', `missing ${key}= (${hint})`, key);
  return value;
}
