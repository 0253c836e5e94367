import { stemmer } from 'stemmer';

/** Stems kept per isolate: questions repeat the same few thousand words; the bound keeps memory flat. */
const STEM_CACHE_SIZE = 20_000;
const cache = new Map<string, string>();

/**
 * The Porter stemmer (the `stemmer` package), so that "retries", "retrying" and "retry" meet and
 * "caching" meets "cache"; memoized, since every question stems its words several times.
 */
export function stem(word: string): string {
  let s = cache.get(word);
  if (s === undefined) {
    s = stemmer(word);
    if (cache.size >= STEM_CACHE_SIZE) cache.clear();
    cache.set(word, s);
  }
  return s;
}
