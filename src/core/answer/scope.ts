/**
 * Scope: is a question about distributed systems and software architecture at all? The compendium
 * answers from its own documents, so a question about something else must come back "not sure"
 * rather than as a confident answer assembled from words it happens to share ("freeze the top row
 * in excel", "my circuit breaker trips when I run the kettle").
 *
 * The signal is the compendium's own vocabulary, found by the build: every document title, alias
 * and search term and every glossary term (search/build.ts, `vocabularyOf`). A question is judged
 * by the weight of its words (rare words weigh more, as in the search) that fall on those names,
 * against the weight of the words the compendium never uses:
 *
 * - a short question must name something the compendium covers ("2PC?", "pacelc", "leader
 *   eletion"), and its names must outweigh the words the compendium has never seen ("load balance
 *   my backpack"); names that are everyday words ("partition", "cache") must also carry a good
 *   share of it ("partition a hard drive in windows 11" is about something else);
 * - a long question describes a situation in ordinary words, so its names, its never-used words,
 *   and the retrieval confidence and coverage of its best document are weighed together
 *   (`longOffTopicOdds`, a small logistic model fitted by scripts/fit-scope.ts); it is also off
 *   topic when words the compendium never uses outweigh its names and make up much of it ("the
 *   microwave and the kettle trip my circuit breaker");
 * - a request for something other than design guidance (a poem, new instructions for the
 *   assistant) is declined whatever it mentions.
 *
 * Words that say what is asked ("downsides", "pitfalls") do not count, a word the compendium
 * never uses that is one edit from a name is read as that name ("eletion"), and a question in
 * another language is judged, and answered, by its names alone.
 *
 * The cost per question is a few map lookups per word, plus an edit-distance check against the
 * vocabulary for the odd word the compendium does not know.
 */
import type { DocMeta } from '../knowledge/types';
import { SEARCH_TUNING, type DocHit, type SearchEngine } from '../search/engine';
import { namesIn } from '../search/build';
import { normalizeTerm, tokenize } from '../search/text';
import { stem } from '../search/stem';
import { ASPECT_WORDS } from './aspect';

/** Scope tuning in one place, measured on the answer sets (tests/answers) against off-topic questions. */
export const SCOPE_TUNING = {
  /** Up to this many distinct words, a question is short: it must name what it is about. */
  shortQuestionTerms: 6,
  /**
   * A short question named only by everyday words of the compendium ("cost", "cache",
   * "partition") must give them at least this share of its weight ("replication vs partitioning?",
   * not "partition a hard drive in windows 11").
   */
  minNameShare: 1 / 3,
  /** A long question is off topic when words the compendium never uses outweigh its names and carry this share. */
  maxUnknownShare: 0.4,
  /** Typos are corrected in words of this many letters or more, by one edit (two from `twoEditLength`). */
  minTypoLength: 4,
  twoEditLength: 8,
  /** Closest topics offered with a refusal. */
  maxRelated: 3,
  /**
   * A long question describes a situation in everyday words, so no single signal tells "our
   * hiking group's leader" from "our scheduler's leader". Four signals are weighed together, as a
   * logistic model of the odds that the question is about something else: the share of its weight
   * on names the compendium gives (domain), on words it never uses (unknown), the retrieval
   * confidence of the best document, and how much of the question that document covers. Fitted
   * by scripts/fit-scope.ts on the dev sets (in-scope questions of tests/answers and
   * tests/dev-set, the off-topic sets of tests/answers and tests/dev-set/off-topic.txt) and checked
   * on the held-out sets (tests/answers-holdout), which it never saw.
   */
  longQuestion: { domain: -6.053, unknown: 9.15, confidence: -5.519, coverage: -2.397, bias: 5.089 },
  /** A long question is off topic when those odds reach this probability... */
  longOffTopic: 0.8,
  /** ...unless one of the compendium's questions matches it this well (`bestCard`'s score, 0-1). */
  cardRescue: 0.5,
} as const;

export type Scope = {
  /** Weight of the question's words that are part of a name the compendium gives (title, alias, search term, glossary term). */
  domain: number;
  /** The part of `domain` in names other than everyday one-word ones ("cost", "cache"): those name a topic on their own. */
  distinctive: number;
  /** Weight of its words that the compendium never uses (and that have no synonym it knows). */
  unknown: number;
  /** Weight of all its words that count (stop words and bare numbers do not). */
  total: number;
  /** How many distinct words count. */
  terms: number;
  /** Documents the question names, best named first. */
  named: DocMeta[];
  /** It names an acronym the compendium defines, typed as one ("CRDT", "WAL"): no everyday word is spelled so. */
  acronym: boolean;
  /** It asks for something other than design guidance (a poem, new instructions for the assistant). */
  offDomainRequest: boolean;
  /**
   * It is about an end-user product or a personal matter (a spreadsheet formula, an Outlook
   * outbox, a phone's parental controls, a car lease) and names no topic of the compendium by a
   * title, a name of several words or an acronym.
   */
  everydayMatter: boolean;
  /** The question is in another language: its words the compendium does not know are that language, not another subject. */
  otherLanguage: boolean;
  /**
   * The question as the compendium should read it, when that differs: typos in its names corrected
   * ("leader election" for "leader eletion"); for a question in another language, its terms of art
   * alone ("circuit breaker" for "Was ist ein Circuit Breaker?").
   */
  corrected?: string;
};

type Vocabulary = {
  /** Stemmed names, and runs of two or three of a name's words -> documents they name. */
  names: Map<string, number[]>;
  /** Every stemmed name on a line of its own, to find runs of words inside names ("at least once"). */
  lines: string;
  /** The full stemmed names of `lines`, in order. */
  full: string[];
  longest: number;
  /** Every run of a key of `names` from its first word that is shorter than the key: a question's words are extended only while they are one. */
  prefixes: Set<string>;
  /** The names' words, by first letter, for correcting typos. */
  words: Map<string, string[]>;
  /** Stemmed titles and parts of titles ("retry" of "Retry with Exponential Backoff"): they name their document however common they are. */
  titles: Set<string>;
  /** Words with a synonym the search knows ("k8s") -> their synonyms: never foreign, and names when a synonym is one ("downtime", "outage"). */
  synonyms: Map<string, string[]>;
};

const vocabularies = new WeakMap<SearchEngine, Vocabulary>();

function addTo(map: Map<string, number[]>, key: string, docs: number[]): void {
  const list = map.get(key);
  if (!list) map.set(key, [...docs]);
  else for (const d of docs) if (!list.includes(d)) list.push(d);
}

/** The vocabulary as the matcher uses it, built once per engine. */
function vocabularyOf(engine: SearchEngine): Vocabulary {
  let v = vocabularies.get(engine);
  if (v) return v;
  let raw = engine.data.vocabulary;
  if (!raw) {
    // Data built before the vocabulary was stored: titles and aliases still name things.
    raw = {};
    engine.data.docs.forEach((d, i) => {
      for (const name of [...namesIn(d.title, true), ...d.aliases.flatMap((n) => namesIn(n))]) (raw![name] ??= []).push(i);
    });
  }
  v = { names: new Map(), lines: '', full: [], longest: 1, prefixes: new Set(), words: new Map(), titles: new Set(), synonyms: new Map() };
  for (const d of engine.data.docs) for (const name of namesIn(d.title, true)) v.titles.add(name.split(' ').map(stem).join(' '));
  for (const group of engine.data.synonyms) for (const m of group) if (!m.includes(' ')) v.synonyms.set(m, [...(v.synonyms.get(m) ?? []), ...group.filter((x) => x !== m)]);
  const seen = new Set<string>();
  for (const [name, docs] of Object.entries(raw)) {
    const tokens = name.split(' ');
    const stems = tokens.map(stem);
    addTo(v.names, stems.join(' '), docs);
    v.full.push(stems.join(' '));
    v.longest = Math.max(v.longest, tokens.length);
    // "golden signals" names "four golden signals": two or three of its words, content words at both ends.
    const content = tokens.map((t) => !!normalizeTerm(t));
    for (let i = 0; i < tokens.length; i++) {
      for (let j = i + 2; j <= Math.min(i + 3, tokens.length); j++) {
        if ((i > 0 || j < tokens.length) && content[i] && content[j - 1]) addTo(v.names, stems.slice(i, j).join(' '), docs);
      }
    }
    for (const w of tokens) {
      if (seen.has(w) || !/^[a-z]{5,}$/.test(w)) continue;
      seen.add(w);
      const list = v.words.get(w[0]!) ?? [];
      list.push(w);
      v.words.set(w[0]!, list);
    }
  }
  v.lines = `\n${v.full.join('\n')}\n`;
  for (const key of v.names.keys()) {
    for (let at = key.lastIndexOf(' '); at > 0; at = key.lastIndexOf(' ', at - 1)) v.prefixes.add(key.slice(0, at));
  }
  vocabularies.set(engine, v);
  return v;
}

/** The documents a word's synonyms name, when one of them is a one-word name. */
function synonymNamed(v: Vocabulary, term: string): number[] | undefined {
  for (const s of v.synonyms.get(term) ?? []) {
    const docs = v.names.get(s);
    if (docs) return docs;
  }
  return undefined;
}

/** The documents of the names that contain these words in a row (stop words included), if any. */
function runIn(v: Vocabulary, key: string): number[] | undefined {
  if (!key.includes(' ')) return undefined;
  const docs: number[] = [];
  for (let at = v.lines.indexOf(key); at >= 0; at = v.lines.indexOf(key, at + 1)) {
    const before = v.lines[at - 1];
    const after = v.lines[at + key.length];
    if ((before !== ' ' && before !== '\n') || (after !== ' ' && after !== '\n')) continue;
    const start = v.lines.lastIndexOf('\n', at) + 1;
    const name = v.lines.slice(start, v.lines.indexOf('\n', at + key.length));
    for (const d of v.names.get(name) ?? []) if (!docs.includes(d)) docs.push(d);
  }
  return docs.length ? docs : undefined;
}

/**
 * Edit distance for typos: adjacent transpositions count as one edit ("quroum" is one edit from
 * "quorum"; calc/args.ts's Levenshtein distance counts two), and the work stops past `max`,
 * returning `max + 1`.
 */
export function typoDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2]! + 1);
      cur.push(d);
      rowMin = Math.min(rowMin, d);
    }
    if (rowMin > max) return max + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[b.length]!;
}

const corrections = new WeakMap<Vocabulary, Map<string, string | null>>();
/** Corrections kept per isolate, bounded like the engine's term caches: words from a hostile client must not grow memory. */
const CORRECTION_CACHE_SIZE = 20_000;

/**
 * The word of the vocabulary a word is a typo of ("eletion" -> "election", "sev1" -> "sev"), if
 * any. Only words the compendium never uses are corrected.
 */
function correction(engine: SearchEngine, v: Vocabulary, token: string): string | null {
  let cache = corrections.get(v);
  if (!cache) corrections.set(v, (cache = new Map()));
  let c = cache.get(token);
  if (c === undefined) {
    c = findCorrection(engine, v, token);
    if (cache.size >= CORRECTION_CACHE_SIZE) cache.clear();
    cache.set(token, c);
  }
  return c;
}

function findCorrection(engine: SearchEngine, v: Vocabulary, token: string): string | null {
  const numbered = /^([a-z]{2,})\d+$/.exec(token)?.[1];
  if (numbered && !engine.known(token) && v.names.has(stem(numbered))) return numbered;
  if (token.length < SCOPE_TUNING.minTypoLength || !/^[a-z]+$/.test(token) || !normalizeTerm(token)) return null;
  // Only a word the compendium never uses: a rare word it does use is a word ("drowning", not "draining").
  const s = stem(token);
  if (v.names.has(s) || engine.known(s)) return null;
  const max = token.length >= SCOPE_TUNING.twoEditLength ? 2 : 1;
  let best: string | null = null;
  let bestDistance = max + 1;
  for (const w of v.words.get(token[0]!) ?? []) {
    // A stem cut short by the typo still starts the word ("linearizible" -> "linearizability").
    const d = s.length >= 6 && stem(w).startsWith(s) ? 1 : typoDistance(token, w, max);
    if (d < bestDistance) {
      best = w;
      bestDistance = d;
    }
  }
  return best;
}

/** Bare integers ("12 services") describe the user's system, as in the search. */
const BARE_NUMBER = /^\d+(?:\.\d+)?(?:ms|us|ns|s|x|k|m|gb|mb|kb|tb|h|d|min|rps|qps)?$/;
/** A word in camel or Pascal case with a capital inside ("OrderShipped", "maxPollRecords"): an identifier from code. */
const CAMEL_CASE = /(?<![\w-])[A-Za-z][a-z0-9]+(?:[A-Z][a-z0-9]+)+(?![\w-])/g;

/** An acronym as typed: capitals and digits, with at least one capital ("CRDT", "WAL", "2PC"). */
const TYPED_ACRONYM = /(?<![\w/-])(?=[A-Z0-9]*[A-Z])[A-Z0-9]{2,8}s?(?![\w-])/g;

/**
 * Requests for something other than design guidance, whatever words they use: instructions to the
 * assistant itself (to drop its rules, play a part, reveal its prompt) and creative writing. These
 * are kinds of request, not topics.
 */
const OFF_DOMAIN_REQUESTS = [
  /\b(ignore|disregard|forget|override|bypass)\s+(all\s+|any\s+|of\s+|the\s+|your\s+|my\s+)*(previous|prior|above|earlier|preceding|system|original)?\s*(instructions?|prompts?|guidelines|directions|programming|training)\b/i,
  /\b(ignore|disregard|forget|override|bypass)\s+(all\s+)?(previous|prior|above|earlier|your)\s+(rules|documents|sources)\b/i,
  /\b(ignore|disregard|forget)\s+(the|this)\s+compendium\b/i,
  /\b(forget|pretend)\s+(that\s+)?you('| a)?re\b/i,
  /\b(system prompt|system override|developer mode|jailbreak|pretend to be)\b/i,
  /\b(repeat|print|reveal|show)\b[^.?!]{0,30}\b(everything above|the text above|your (instructions|prompt|rules|configuration))\b/i,
  /\b(write|compose|give)( me)?( a| an| my)?( short| funny| little)? (poem|haiku|limerick|sonnet|song|lyrics|rap|story|joke|essay|cover letter|resume|speech)\b/i,
  /\btell me a (joke|story|poem)\b/i,
];

export function offDomainRequest(question: string): boolean {
  return OFF_DOMAIN_REQUESTS.some((re) => re.test(question));
}

/**
 * End-user products and personal matters: office software and its features, consumer devices and
 * apps, page styling, personal finance, household and family life, and programming-exercise
 * vocabulary. They share words with the compendium ("merge", "cache", "refresh", "queue",
 * "window") but are not design questions. Company names that are also case studies (Netflix,
 * Spotify, Uber) are not listed: only their consumer plans are.
 */
const EVERYDAY_MATTERS = [
  // Office and productivity software (its features, not words design shares: "outbox", "page numbers").
  /\b((excel|google sheets|spreadsheet) (formulas?|cells?|columns?|rows?|charts?|macros?|functions?|tabs?)|(formulas?|cells?|macros?) in (excel|google sheets|a spreadsheet)|excel (file|sheet|workbook)s?|google (slides|calendar)|vlookup|xlookup|hlookup|pivot ?tables?|conditional formatting|merge cells|powerpoint|keynote slides?|ms word|microsoft (word|office|teams|excel)|word (doc|document)s?|(in|into) word\b|outlook|gmail|mail merge|onenote|page numbers? in word|cover page|footnotes? in|adobe (acrobat|reader)|pdf (editor|reader)|photoshop|lightroom|canva)\b/i,
  // One's own devices, their settings and consumer subscriptions ("millions of iPhone users" is a design question).
  /\b(my (iphone|ipad|macbook|airpods|apple watch|android|phone|laptop|tablet|printer|tv|router|mac|pc)|screen time|parental controls?|bluetooth (speaker|headphones)|smart tv|family plan|streaming plan|phone plan|data plan)\b/i,
  // Page layout and styling.
  /\b(flexbox|css grid|align-items|justify-content|tailwind|font-size|z-index|media quer(y|ies))\b/i,
  // Personal finance and everyday life (a "credit score service" is a system; "my credit score" is not).
  /\b(401\(?k\b|roth ira|my (mortgage|credit score|savings|taxes|tax return|car|kids?|son|daughter|wife|husband|partner|girlfriend|boyfriend|landlord|dog|cat)|refinanc\w+ (my|our|the) (mortgage|house|home)|car (lease|loan|insurance)|lease (ends|buyout)|index funds?|retirement savings|my \d+-year-old|vacation|wedding)\b/i,
  // Programming exercises.
  /\b(leetcode|hackerrank|subarray|fizzbuzz|palindrome|two sum|anagram|homework)\b/i,
];

export function everydayMatter(question: string): boolean {
  return EVERYDAY_MATTERS.some((re) => re.test(question));
}

type Match = { i: number; n: number; docs: number[]; weight: number; title: boolean };

/** Words that say what is asked about a subject ("downsides", "pitfalls"), not what the subject is: they do not count. */
const ASPECT_TERMS = new Set([...ASPECT_WORDS].map((w) => normalizeTerm(w)).filter((t): t is string => !!t));

/**
 * A one-word name that is also an everyday word of the compendium ("cost", "cache"), as the search
 * judges names; a document's own title ("Retry with Exponential Backoff") is never one.
 */
const everyday = (m: Match) => m.n === 1 && !m.title && m.weight < SEARCH_TUNING.minOneWordNameWeight;

/**
 * Hyphenated compounds ("at-least-once"). A match never starts inside a run of letters and digits
 * (the run's first character would have matched, or failed the same way), so the lookbehind
 * changes no match; it spares a long unbroken word ("aaaa...") a retry at each of its characters.
 */
export const HYPHENATED = /(?<![a-z0-9])[a-z0-9]+(?:-[a-z0-9]+)+/g;

/** How much of a question is about what the compendium covers; `otherLanguage` when it is not in English. */
export function assessScope(engine: SearchEngine, question: string, otherLanguage = false): Scope {
  const v = vocabularyOf(engine);
  const text = question.slice(0, SEARCH_TUNING.maxQueryChars);
  const tokens = tokenize(text)
    .slice(0, SEARCH_TUNING.maxQueryTokens)
    .filter((t) => t.length <= SEARCH_TUNING.maxTermLength);
  const corrected = tokens.map((t) => correction(engine, v, t) ?? t);
  const stems = corrected.map(stem);
  // A short word right after a number is its unit ("50%/yr", "200 ms"), not a subject.
  const unit = (i: number) => i > 0 && /^\d/.test(tokens[i - 1]!) && /^[a-z]{1,3}$/.test(tokens[i]!);
  const termOf = (i: number) => (BARE_NUMBER.test(corrected[i]!) || unit(i) ? null : normalizeTerm(corrected[i]!));
  const weightOf = (i: number, n: number) => {
    let w = 0;
    for (let j = i; j < i + n; j++) {
      const t = termOf(j);
      if (t) w += engine.termWeight(t);
    }
    return w;
  };

  const matches: Match[] = [];
  for (let i = 0; i < stems.length; i++) {
    let key = '';
    for (let n = 1; n <= v.longest && i + n <= stems.length; n++) {
      key = n === 1 ? stems[i]! : `${key} ${stems[i + n - 1]}`;
      // A word whose synonym is a one-word name names it too ("downtime", "outage").
      const docs = v.names.get(key) ?? (n === 1 ? synonymNamed(v, key) : undefined);
      // A one-word name must be a word of the question, not a stop word that stems like it ("has", "HA").
      if (docs && !(n === 1 && !termOf(i))) matches.push({ i, n, docs, weight: weightOf(i, n), title: v.titles.has(key) });
      // No name goes on from these words: longer runs name nothing.
      if (!v.prefixes.has(key)) break;
    }
  }
  // A question made only of a name's words names it, however common they are ("exactly once?").
  const whole = stems.length > 1 && stems.length <= v.longest ? runIn(v, stems.join(' ')) : undefined;
  if (whole) matches.push({ i: 0, n: stems.length, docs: whole, weight: weightOf(0, stems.length), title: false });
  // A hyphenated compound is one term however common its words: "at-least-once" names "at-least-once delivery".
  for (const compound of text.toLowerCase().match(HYPHENATED) ?? []) {
    const parts = tokenize(compound).map(stem);
    const key = parts.join(' ');
    const docs = v.names.get(key) ?? runIn(v, key);
    if (!docs) continue;
    for (let i = 0; i + parts.length <= stems.length; i++) {
      if (stems.slice(i, i + parts.length).join(' ') === key) matches.push({ i, n: parts.length, docs, weight: weightOf(i, parts.length), title: false });
    }
  }
  // Two letters name an acronym only when typed as one: "es" is Spanish before it is Event Sourcing.
  const typed = new Set([...text.matchAll(TYPED_ACRONYM)].flatMap((m) => [m[0].toLowerCase(), m[0].toLowerCase().replace(/s$/, '')]));
  // A correction that only gives an everyday word ("shore" -> "store") is a different word, not a
  // typo, unless it is the whole question ("shardng").
  const alone = tokens.filter((t) => normalizeTerm(t)).length === 1;
  const named = matches.filter((m) => (m.n > 1 || tokens[m.i]!.length > 2 || typed.has(tokens[m.i]!)) && !(everyday(m) && corrected[m.i] !== tokens[m.i] && !alone));
  const covered = new Array<boolean>(tokens.length).fill(false);
  const distinct = new Array<boolean>(tokens.length).fill(false);
  for (const m of named) for (let j = m.i; j < m.i + m.n; j++) (covered[j] = true), (distinct[j] ||= !everyday(m));

  // Each distinct word counts once: as part of a name if any of its occurrences is; a correction
  // stands only where it completes a name, elsewhere the word counts as typed.
  const isName = new Map<string, boolean>();
  const isDistinct = new Set<string>();
  tokens.forEach((t, i) => {
    const term = covered[i] ? termOf(i) : BARE_NUMBER.test(t) || unit(i) ? null : normalizeTerm(t);
    if (term && ASPECT_TERMS.has(term) && !covered[i]) return;
    if (term) isName.set(term, isName.get(term) || covered[i]!);
    if (term && distinct[i]) isDistinct.add(term);
  });
  const identifiers = new Set<string>();
  for (const m of text.matchAll(CAMEL_CASE)) {
    const term = normalizeTerm(tokenize(m[0])[0] ?? '');
    if (term) identifiers.add(term);
  }
  let domain = 0;
  let distinctive = 0;
  let unknown = 0;
  let total = 0;
  for (const [term, name] of isName) {
    const weight = engine.termWeight(term);
    total += weight;
    if (name) domain += weight;
    if (isDistinct.has(term)) distinctive += weight;
    // A number with letters attached ("3am", "v2", "404s") is a quantity or a code, not a subject.
    // ...and an identifier in code style ("OrderShipped", "maxPollRecords") names something in the asker's code.
    if (!name && !v.synonyms.has(term) && !engine.known(term) && !/\d/.test(term) && !identifiers.has(term)) unknown += weight;
  }

  let fixed = text;
  tokens.forEach((t, i) => {
    if (covered[i] && corrected[i] !== t) fixed = fixed.replace(new RegExp(`\\b${t}\\b`, 'i'), corrected[i]!);
  });
  if (otherLanguage && domain > 0) fixed = corrected.filter((_, i) => covered[i]).join(' ');
  // Documents named by everyday words ("time", "cost") are named only by a question made of names ("timeouts").
  const naming = distinctive > 0 || domain < total ? named.filter((m) => !everyday(m)) : named;
  const byDoc = new Map<number, number>();
  for (const m of naming) for (const d of m.docs) byDoc.set(d, Math.max(byDoc.get(d) ?? 0, m.weight / m.docs.length));
  return {
    domain,
    distinctive,
    unknown,
    total,
    terms: isName.size,
    named: [...byDoc.entries()].sort((a, b) => b[1] - a[1]).map(([d]) => engine.data.docs[d]!),
    acronym: named.some((m) => m.n === 1 && typed.has(tokens[m.i]!)),
    offDomainRequest: offDomainRequest(text),
    // A title ("leader election"), a whole name of several words or an acronym keeps it a design
    // question; a run of a longer name's words ("time limits" of "time-limited download link") does not.
    everydayMatter:
      everydayMatter(text) &&
      !named.some((m) => typed.has(tokens[m.i]!) || (m.title && !everyday(m)) || (m.n > 1 && v.full.includes(stems.slice(m.i, m.i + m.n).join(' ')))),
    otherLanguage,
    ...(fixed !== text ? { corrected: fixed } : {}),
  };
}

/**
 * Whether a question is about something the compendium does not cover. In another language its
 * unknown words are that language, not another subject: naming a term is enough.
 */
export function outOfScope(scope: Scope): boolean {
  const { domain, distinctive, unknown, total, terms } = scope;
  if (scope.offDomainRequest || scope.everydayMatter) return true;
  if (scope.otherLanguage) return domain === 0;
  if (terms > SCOPE_TUNING.shortQuestionTerms) return domain < unknown && unknown >= SCOPE_TUNING.maxUnknownShare * total;
  if (domain === 0 || (distinctive === 0 && domain < SCOPE_TUNING.minNameShare * total)) return true;
  return domain < unknown && !scope.acronym;
}

/**
 * The probability that a long question (more than `shortQuestionTerms` words) is about something
 * else, from its scope and the best document's retrieval confidence and coverage (see
 * `SCOPE_TUNING.longQuestion`).
 */
export function longOffTopicOdds(signals: LongSignals, model: LongModel = SCOPE_TUNING.longQuestion): number {
  const z = model.bias + model.domain * signals.domain + model.unknown * signals.unknown + model.confidence * signals.confidence + model.coverage * signals.coverage;
  return 1 / (1 + Math.exp(-z));
}

/** What `longOffTopicOdds` weighs, each 0 to 1. */
export type LongSignals = { domain: number; unknown: number; confidence: number; coverage: number };
export type LongModel = LongSignals & { bias: number };

/** The signals of a question's scope and its best document (`confidence` is `confidenceOf` that document). */
export function longSignals(scope: Scope, confidence: number, coverage: number): LongSignals {
  const total = scope.total || 1;
  return { domain: scope.domain / total, unknown: scope.unknown / total, confidence, coverage };
}

/** Whether a question is judged by `longOffTopicOdds`: long, and in English. */
export function isLong(scope: Scope): boolean {
  // In another language the unknown words are that language: naming a term of art is enough (`outOfScope`).
  return scope.terms > SCOPE_TUNING.shortQuestionTerms && !scope.otherLanguage;
}

/**
 * The topics to offer with a refusal: the documents the question named, in the search's order
 * where it found them. A question that names nothing the compendium covers gets none: the search's
 * best guesses for "how do I exit vim" would only look random.
 */
export function closestTopics(scope: Scope, hits: DocHit[]): DocMeta[] {
  if (scope.offDomainRequest) return [];
  const named = new Set(scope.named);
  const found = hits.map((h) => h.doc).filter((d) => named.has(d));
  return [...new Set([...found, ...scope.named])].slice(0, SCOPE_TUNING.maxRelated);
}
