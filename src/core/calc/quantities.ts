/**
 * The quantity reader: every number in a question, with its unit and its role, so that a
 * calculator's inputs are filled by meaning ("the per-server capacity", "the target") rather than
 * by the order the numbers appear in. Pure and cheap: one pass of regular expressions over at most
 * a few hundred characters.
 */

export type QuantityKind =
  /** A share: `value` is a fraction (99.9% → 0.999). */
  | 'percent'
  /** A duration in seconds. */
  | 'time'
  /** Events per second. */
  | 'rate'
  /** Bytes. */
  | 'size'
  /** Bits of an identifier or a field ("64-bit IDs"). */
  | 'bits'
  /** US dollars (or another currency symbol, taken as is). */
  | 'money'
  /** "5x peak", "3 times". */
  | 'multiplier'
  /** A count of things, with the thing in `noun` ("3 replicas"). */
  | 'count'
  /** A bare number whose meaning the question does not say. */
  | 'number';

export type Quantity = {
  kind: QuantityKind;
  value: number;
  /** The text as the question wrote it (number words already read as digits). */
  raw: string;
  start: number;
  end: number;
  /** For counts and rates: the thing counted, singular and lowercase ("replica", "request"). */
  noun?: string;
  /** For times: the percentile it is (p99 → 99), when the question says so. */
  percentile?: number;
  /** For rates and sizes: "per server", "per user", "per event"... the unit it is divided by. */
  per?: string;
  /** A limit the answer must meet ("we need 99.95%", "must stay under 200 ms"), not a given. */
  target: boolean;
  /** For money: what the price is for ("per million requests", "per hour", "per month"). */
  priceUnit?: string;
};

const SMALL: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};
const SCALE: Record<string, number> = { hundred: 100, thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12 };
const FRACTION_WORDS: Record<string, number> = { half: 50, third: 100 / 3, quarter: 25, fifth: 20, tenth: 10 };

const fmt = (n: number) => String(Number(n.toPrecision(12)));

/**
 * Rewrites number words as digits ("two hundred" → "200", "three nines" → "99.9%", "a dozen" → "12",
 * "a third of" → "33.333333333333%") and normalises typography, keeping everything else.
 */
export function normalizeNumbers(text: string): string {
  let t = text
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u00d7]/g, 'x')
    .replace(/\u2009|\u00a0/g, ' ')
    .replace(/(\d)\s*(?:per ?cent|pct)\b/gi, '$1%');
  // Nines: "three nines", "4 9s", "five 9's", "3-nines".
  t = t.replace(/\b(two|three|four|five|six|seven|[2-7])[\s-]*(?:nines|9s|9's)\b(?:\s+(?:of\s+)?(?:availability|uptime))?/gi, (m, n: string) => {
    const k = SMALL[n.toLowerCase()] ?? Number(n);
    return `${'9'.repeat(2)}${k > 2 ? '.' + '9'.repeat(k - 2) : ''}%`;
  });
  t = t.replace(/\b(\d{1,2})\s*\^\s*(\d{1,3})\b/g, (_m, b: string, e: string) => fmt(Number(b) ** Number(e)));
  t = t.replace(/\b(?:a|one)\s+dozen\b/gi, '12').replace(/\b(\d+|two|three|four|five|six)\s+dozen\b/gi, (_m, n: string) => String((SMALL[n.toLowerCase()] ?? Number(n)) * 12));
  // "1 in 10,000", "one in a thousand": a share.
  t = t.replace(/\b(\d+(?:\.\d+)?|one|a)\s+(?:in|out of)\s+(?:a\s+|every\s+)?(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?[kKmM]?|ten|hundred|thousand|million|a hundred|a thousand|a million)\b(?!\s*(?:%|ms|s\b))/gi, (m, a: string, b: string) => {
    const top = /^(?:one|a)$/i.test(a) ? 1 : Number(a);
    const words: Record<string, number> = { ten: 10, hundred: 100, thousand: 1e3, million: 1e6, 'a hundred': 100, 'a thousand': 1e3, 'a million': 1e6 };
    const suffix = /[kKmM]$/.exec(b);
    const bottom = words[b.toLowerCase()] ?? Number(b.replace(/,/g, '').replace(/[kKmM]$/, '')) * (suffix ? (/k/i.test(suffix[0]) ? 1e3 : 1e6) : 1);
    return bottom > top && bottom > 1 ? `${fmt((top / bottom) * 100)}%` : m;
  });
  // "3/4 utilization", "2/3 of the budget" (never 24/7).
  t = t.replace(/(?<![\d/.])(\d)\s*\/\s*(\d{1,2})(?![\d/])(?=\s+(?:of|util|busy|load|full|used|utili[sz]ation|capacity)\b)/gi, (m, a: string, b: string) => (Number(a) < Number(b) ? `${fmt((Number(a) / Number(b)) * 100)}%` : m));
  t = t.replace(/\b(?:a|one)\s+(half|third|quarter|fifth|tenth)\s+of\b/gi, (_m, w: string) => `${fmt(FRACTION_WORDS[w.toLowerCase()]!)}% of`);
  t = t.replace(/\b(two|three)\s+(thirds|quarters|fifths)\s+of\b/gi, (_m, a: string, w: string) => `${fmt(SMALL[a.toLowerCase()]! * FRACTION_WORDS[w.toLowerCase().replace(/s$/, '')]!)}% of`);
  t = t.replace(/\bhalf\s+(?:of\s+)?(?=the\b|its\b|their\b|our\b)/gi, '50% of ');
  // "a hundred", "a thousand", "a million" → 1 hundred...
  t = t.replace(/\bhalf an?\s+(hundred|thousand|million|billion)\b/gi, (_m, w: string) => fmt(0.5 * SCALE[w.toLowerCase()]!));
  t = t.replace(/\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten)\s+and\s+a\s+half\s+(hundred|thousand|million|billion)\b/gi, (_m, n: string, w: string) => fmt(((SMALL[n.toLowerCase()] ?? Number(n)) + 0.5) * SCALE[w.toLowerCase()]!));
  t = t.replace(/\b(?:a|one)\s+(?:whole|full|entire)\s+(year|month|week|day|hour)\b/gi, '1 $1');
  t = t.replace(/\b(?:a|one)\s+fortnight\b/gi, '14 days').replace(/\b(\d+)\s+fortnights?\b/gi, (_m, n: string) => `${Number(n) * 14} days`);
  t = t.replace(/\b(?:a|one)\s+(hundred|thousand|million|billion|trillion)\b/gi, '1 $1');
  // Word numbers up to the nineties, with an optional unit word after ("twenty-five").
  const word = Object.keys(SMALL).join('|');
  // "each one", "at least one", "one of them", "one by one": the pronoun, not a quantity.
  t = t.replace(/\bone(?=[- ](?:off|time|way|shot|liners?|sided|to-one|to-many|size-fits)\b)/gi, '\u200bone');
  t = t.replace(/\b(each|every|that|this|which|the|any|no|least|only|just|some|another|single|either|neither|as long as|if|when|while|until)\s+one\b/gi, '$1 \u200bone').replace(/\bone(?=\s+(?:of|another|by one|at a time|after (?:the )?(?:other|another)|or (?:another|more|two)|(?:shared\s+|single\s+|common\s+)?(?:queue|line)\b|(?:request|job|task|message|thing|call|query)\s+at a time)\b)/gi, '\u200bone');
  t = t.replace(new RegExp(String.raw`(?<!\u200b)\b(${word})(?:[\s-]+(one|two|three|four|five|six|seven|eight|nine))?\b`, 'gi'), (m, a: string, b?: string) => {
    const x = SMALL[a.toLowerCase()]!;
    if (b && x >= 20 && x % 10 === 0) return String(x + SMALL[b.toLowerCase()]!);
    if (b) return m;
    return String(x);
  });
  // "one" left as a pronoun ("each one", "that one", "one of") stays a word.
  // Scale words after digits: "2 hundred", "1.5 million", "200 thousand".
  t = t.replace(/(\d+(?:\.\d+)?)\s+(hundred|thousand|million|billion|trillion)\b(?:\s+(?:and\s+)?(\d+)\b)?/gi, (_m, n: string, s: string, rest?: string) => {
    const v = Number(n) * SCALE[s.toLowerCase()]! + (rest && Number(rest) < SCALE[s.toLowerCase()]! ? Number(rest) : 0);
    return fmt(v) + (rest && Number(rest) >= SCALE[s.toLowerCase()]! ? ` ${rest}` : '');
  });
  return t.replace(/\u200b/g, '');
}

/** Undoes "1 of", "1 of them": the pronoun "one" is not a quantity. */
const PRONOUN_ONE = /^(?:of\b|at a time\b|another\b|by 1\b|or another|or more\b|or two\b)/i;

const TIME_UNIT: Array<[RegExp, number]> = [
  [/^(?:ns|nanoseconds?)\b/i, 1e-9],
  [/^(?:us|µs|μs|microseconds?|micros)\b/i, 1e-6],
  [/^(?:ms|msec|msecs|milliseconds?|millis)\b/i, 1e-3],
  [/^(?:s|sec|secs|seconds?)\b/i, 1],
  [/^(?:m|min|mins|minutes?)\b/i, 60],
  [/^(?:h|hr|hrs|hours?)\b/i, 3600],
  [/^(?:d|days?)\b/i, 86400],
  [/^(?:w|wk|wks|weeks?)\b/i, 604800],
  [/^(?:months?|mo|mos)\b/i, 30 * 86400],
  [/^(?:quarters?)\b/i, 91 * 86400],
  [/^(?:y|yr|yrs|years?)\b/i, 365 * 86400],
];

const PER_TIME: Array<[RegExp, number]> = [
  [/^(?:\/\s*s(?:ec(?:ond)?)?|per\s+sec(?:ond)?|a\s+second|each\s+second|every\s+second|\/\s*second|rps|qps|tps|ops\/s|req\/s|reqs\/s|writes\/s|reads\/s|msgs?\/s|events\/s|iops)\b/i, 1],
  [/^(?:\/\s*min(?:ute)?|per\s+min(?:ute)?|a\s+minute|each\s+minute|every\s+minute|rpm)\b/i, 60],
  [/^(?:\/\s*h(?:r|our)?|per\s+hour|an?\s+hour|each\s+hour|every\s+hour|hourly)\b/i, 3600],
  [/^(?:\/\s*d(?:ay)?|per\s+day|a\s+day|each\s+day|every\s+day|daily|\/\s*24h|per\s+24\s*h(?:ours)?)\b/i, 86400],
  [/^(?:\/\s*w(?:ee)?k|per\s+week|a\s+week|weekly)\b/i, 604800],
  [/^(?:\/\s*mo(?:nth)?|per\s+month|a\s+month|monthly)\b/i, 30 * 86400],
  [/^(?:\/\s*y(?:ea)?r|per\s+year|a\s+year|yearly|annually)\b/i, 365 * 86400],
];

const SIZE_UNIT: Array<[RegExp, number]> = [
  [/^(?:kib)\b/i, 2 ** 10], [/^(?:mib)\b/i, 2 ** 20], [/^(?:gib)\b/i, 2 ** 30], [/^(?:tib)\b/i, 2 ** 40], [/^(?:pib)\b/i, 2 ** 50],
  [/^(?:kb|kilobytes?)\b/i, 1e3], [/^(?:mb|megabytes?)\b/i, 1e6], [/^(?:gb|gigabytes?)\b/i, 1e9], [/^(?:tb|terabytes?)\b/i, 1e12], [/^(?:pb|petabytes?)\b/i, 1e15],
  [/^(?:bytes?)\b/i, 1], [/^B\b/, 1],
];

/** What a rate counts: "5k requests per second", "20 events a day". */
const RATE_NOUNS = String.raw`(?:requests?|reqs?|queries|query|calls?|times|increments?|ticks?|ids|messages?|msgs?|events?|writes?|reads?|ops|operations?|transactions?|txns?|jobs?|tasks?|orders?|payments?|logins?|uploads?|downloads?|clicks?|searches|lookups?|inserts?|updates?|deletes?|hits?|records?|rows?|items?|tweets?|posts?|photos?|videos?|files?|sessions?|connections?|tokens?|users?|visitors?|notifications?|emails?|pushes|pages?|urls?|links?|bytes?|packets?|invocations?|executions?|builds?|deploys?|failures?|errors?|retries|tickets?|checks?|pings?|heartbeats?|batches|spans?|logs?|lines?|keys?|signups?|views?|pageviews?|impressions?|trades?|bids?|rides?|trips?|frames?|chunks?|objects?|ids?|metrics?|samples?|datapoints?|points?|responses?|renders?)`;

/** The counted noun right after a number, or after one or two other words ("5k requests", "3 cache reads"), compiled once. */
const RATE_NOUN_AFTER = [0, 1, 2].map((k) => new RegExp(String.raw`^\s?((?:[a-z][\w-]*\s+){${k}})(${RATE_NOUNS})\b\s*`, 'i'));

/** Words that sit between a count and its noun without changing what is counted. */
const QUALIFIERS = new Set(
  'index search random base62 base64 base36 base58 hex daily monthly weekly active concurrent unique simultaneous independent identical redundant separate different distinct cheap expensive commodity beefy stateless stateful active passive standby hot warm cold extra more additional total backend backends downstream upstream serial sequential synchronous asynchronous sync async blocking parallel concurrent physical virtual app application web api worker database db cache front-end frontend micro internal external critical hard soft small large big beefy tiny new old replica-set storage compute full-time similar equal same available healthy live running such other remaining spare dedicated shared kafka redis postgres mysql cassandra etcd zookeeper raft paxos k8s kubernetes cpu gpu edge cdn origin leaf iot mobile connected online gps websocket mqtt grpc data of the'.split(' '),
);

/** Words after a number that are not what it counts ("1000 and", "5 in"). */
const STOPWORDS = new Set('them us compared relative and or but the a an of in on at to for with from by is are was were be as if so than then that this it its per each every all any about around roughly approximately over under into onto via vs when while where which who what how can could will would should may might must do does did has have had not no nor also just only more less most least same other such up down out off too very'.split(' '));

/** Whether a word only qualifies a count ("independent", "stateless") without being what is counted. */
export function isQualifier(word: string): boolean {
  return QUALIFIERS.has(word.toLowerCase());
}

/** Nouns a count can name, singular. */
function singular(word: string): string {
  const w = word.toLowerCase();
  if (/(?:ss|us)$/.test(w)) return w;
  if (/ies$/.test(w)) return w.slice(0, -3) + 'y';
  if (/(?:ches|shes|xes|sses)$/.test(w)) return w.slice(0, -2);
  if (/s$/.test(w)) return w.slice(0, -1);
  return w;
}

const TARGET_BEFORE = /\b(?:need(?:s|ed)?|target(?:ing|s)?|slo|sla|goal|aim(?:ing)?|want(?:s|ed)?|keep(?:ing)?|stay(?:ing)?|must|should|under|below|less than|lower than|at most|no more than|within|budget|promis(?:e|ed|es|ing)|commit(?:ted|ment)?|guarantee[sd]?|require[sd]?|requirement|hit|meet|achieve|reach|get to|objective|max(?:imum)?|bound|cap(?:ped)?|limit)\b[^.?!;,\d]{0,24}$|[<≤]\s*$/i;

export type ReadQuestion = { text: string; quantities: Quantity[] };

/** Every quantity in a question, in order. */
export function readQuantities(question: string): ReadQuestion {
  const text = normalizeNumbers(question);
  const out: Quantity[] = [];
  const numRe = /(?<![\w.\/:#-])(?:\$\s?)?(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)(?:e([+-]?\d+))?/g;
  let m: RegExpExecArray | null;
  while ((m = numRe.exec(text))) {
    const start = m.index;
    const dollar = m[0].startsWith('$');
    let value = Number(m[1]!.replace(/,/g, '')) * (m[2] ? 10 ** Number(m[2]) : 1);
    let end = start + m[0].length;
    const before = text.slice(Math.max(0, start - 40), start);
    let rest = text.slice(end);
    // Names, not quantities: p99, 2PC, S3, HTTP/2, IPv6, us-east-1, m5.large, 1st, 99th, v2, 3.x
    if (/^[a-z]\d|^(?:pc|fa|nf|xx)\b|^\.\w|^(?:st|nd|rd|th)\b/i.test(rest) && !/^(?:th|st|nd|rd)\s+percentile/i.test(rest)) continue;
    if (/^\s*(?:-|–)?\s*(?:th|st|nd|rd)?\s*percentile|^(?:th|st|nd|rd)\b/i.test(rest)) continue; // "99th percentile" is a name, read below
    if (/\b[pP]$/.test(before) || /[pP]$/.test(before)) continue;
    if (m[1] === '1' && !dollar && /^\s+(?:of\b|another\b|at a time\b)/i.test(rest)) continue;
    if (PRONOUN_ONE.test(rest.trim()) && m[1] === '1' && /\b(?:each|that|this|any|which|every|the)\s*$/i.test(before)) continue;

    const q: Quantity = { kind: 'number', value, raw: m[0], start, end, target: false };
    const take = (len: number) => {
      end += len;
      rest = text.slice(end);
    };
    // A multiplier suffix: k, M, B/bn, "mm" — for rates, counts and money, not "10m" of time.
    const mult = /^\s?(k|K|thousand|M|mm|mn|million|B|bn|billion|T|trillion)(?![a-zA-Z])/.exec(rest);
    if (mult) {
      const s = mult[1]!;
      const afterMult = rest.slice(mult[0].length);
      const factor = /^(?:k|K|thousand)$/.test(s) ? 1e3 : /^(?:M|mm|mn|million)$/.test(s) ? 1e6 : /^(?:T|trillion)$/.test(s) ? 1e12 : 1e9;
      // "500B per event" are bytes; "2B users" a count. "5M" of time is minutes.
      const isBytes = s === 'B' && !/^\s*(?:users?|requests?|events?|rows?|items?|records?|keys?|messages?|ids?|objects?|urls?|links?|photos?|videos?|files?|documents?|docs|devices?|accounts?|customers?|visits?|views?|pageviews?|clicks?|impressions?|daily|monthly)/i.test(afterMult);
      const isMinutes = s === 'M' && /^\s*(?:\d+\s*s\b|$|[.,;?!)])/.test(afterMult) && !/\$/.test(m[0]);
      if (!isBytes && !isMinutes) {
        value *= factor;
        take(mult[0].length);
      }
    }
    q.value = value;
    let matched = false;
    if (dollar || /^\s?(?:usd|dollars?|\$)/i.test(rest)) {
      if (!dollar) take(/^\s?(?:usd|dollars?|\$)/i.exec(rest)![0].length);
      q.kind = 'money';
      const unit = /^\s*(?:\/|per|a|an|each|for each|for every|every)\s*((?:1\s*)?(?:million|mm\b|1m\b|m\b|thousand|k\b|billion)(?:\s*[a-z][\w-]*)?|(?:requests?|invocations?|calls?|reqs?|gb-?s(?:econds?)?|gigabytes?|terabytes?|gb|gib|tib|tb|hours?|hr|h\b|months?|mo\b|days?|years?|instances?|servers?|vcpu-?hours?|seconds?|s\b))/i.exec(rest);
      if (unit) {
        q.priceUnit = unit[1]!.toLowerCase().replace(/\s+/g, ' ').trim();
        take(unit[0].length);
      }
      matched = true;
    }
    // "slo is 99.9", "availability of 99.95": a share written without its % sign.
    if (!matched && value > 90 && value < 100 && /\./.test(m[1]!) && /\b(?:slo|sla|availability|uptime|target|nines?)\b[^.\d]{0,16}$/i.test(before) && !/^\s?(?:%|ms\b|s\b|secs?\b|min|h\b|hours?|rps|qps|x\b|k\b|gb|mb|kb|tb)/i.test(rest)) {
      q.kind = 'percent';
      q.value = value / 100;
      matched = true;
    }
    if (!matched && /^\s?%/.test(rest)) {
      take(/^\s?%/.exec(rest)![0].length);
      q.kind = 'percent';
      q.value = value / 100;
      matched = true;
    }
    if (!matched) {
      const bits = /^\s?(?:-\s?)?(?:bits?|b\b(?=\s*(?:ids?|keys?|integers?|ints?|counters?|fields?|hash|uuids?)))/i.exec(rest);
      if (bits && !/^\s?(?:-\s?)?bits?\s*(?:\/|per)\s*(?:s|sec|second)\b/i.test(rest)) {
        take(bits[0].length);
        q.kind = 'bits';
        matched = true;
      }
    }
    if (!matched) {
      const bitRate = /^\s?(k|m|g|t)(?:bps|bit\/s|b\/s|bits?\s*(?:per|\/)\s*s(?:ec(?:ond)?)?)\b/i.exec(rest);
      if (bitRate) {
        take(bitRate[0].length);
        q.kind = 'size';
        q.value = (value * { k: 1e3, m: 1e6, g: 1e9, t: 1e12 }[bitRate[1]!.toLowerCase() as 'k']!) / 8;
        q.per = '1s';
        matched = true;
      }
    }
    if (!matched) {
      for (const [re, factor] of SIZE_UNIT) {
        const lead = /^\s?-?\s?/.exec(rest)![0];
        const u = re.exec(rest.slice(lead.length));
        if (u) {
          take(u[0].length + lead.length);
          q.kind = 'size';
          q.value = value * factor;
          matched = true;
          break;
        }
      }
      if (matched) {
        // A size per time is a throughput of bytes, kept as a size with `per`.
        const skip = /^\s*(?:of\s+[a-z]+\s+)?/i.exec(rest)![0];
        const tail = rest.slice(skip.length);
        const per = PER_TIME.find(([re]) => re.test(tail));
        if (per) {
          const u = per[0].exec(tail)!;
          q.per = `${per[1]}s`;
          take(skip.length + u[0].length);
        }
      }
    }
    if (!matched) {
      // Rates: "5k rps", "200 req/s", "1,000 requests per second", "3 writes a second".
      // The counted noun, up to two words after the number; prefer the reading followed by "per second", "a day"...
      let noun: RegExpExecArray | null = null;
      for (let k = 0; k <= 2; k++) {
        const m = RATE_NOUN_AFTER[k]!.exec(rest);
        if (!m) continue;
        noun ??= m;
        const tail = rest.slice(m[0].length);
        if (PER_TIME.some(([re]) => re.test(tail)) || /^(?:per|\/|for each|for every|each|a|an)\s*[a-z]/i.test(tail)) {
          noun = m;
          break;
        }
      }
      noun ??= /^\s?()()\s*/.exec(rest);
      let after = noun ? rest.slice(noun[0].length) : rest;
      // "20 events per user per day": a rate per something, then per time.
      const perThing = /^(?:per|\/|for each|for every|each|a|an)\s*([a-z][\w-]*)\s+(?=per\b|\/|a\s|an\s|each\b|every\b|daily|hourly|monthly|weekly|yearly)/i.exec(after);
      let perThingLen = 0;
      if (perThing && !PER_TIME.some(([re]) => re.test(after)) && PER_TIME.some(([re]) => re.test(after.slice(perThing[0].length)))) {
        perThingLen = perThing[0].length;
        after = after.slice(perThingLen);
      }
      const adjective = /^\s*(?:daily|monthly|weekly|yearly)\s+(?:active\s+)?(?:users|visitors|customers|members|players|uniques|devices|accounts|actives)\b/i.test(noun?.[2] ? after : rest);
      const per = adjective ? undefined : PER_TIME.find(([re]) => re.test(after)) ?? (noun?.[2] ? undefined : PER_TIME.find(([re]) => re.test(rest.trim())));
      if (per) {
        const source = (noun || perThingLen) && PER_TIME.some(([re]) => re.test(after)) ? after : rest.trim();
        const u = per[0].exec(source)!;
        const consumed = source === after ? (noun ? noun[0].length : 0) + perThingLen + u[0].length : rest.length - rest.trimStart().length + u[0].length;
        if (perThingLen) q.per = singular(perThing![1]!);
        take(consumed);
        q.kind = 'rate';
        q.value = value / per[1];
        if (noun?.[2]) q.noun = singular(noun[2]);
        matched = true;
      }
    }
    if (!matched) {
      // Durations, including compounds: "13m 37s", "1h30m", "2 weeks".
      let total = 0;
      let any = false;
      let cursor = rest;
      let consumed = 0;
      let v = value;
      for (;;) {
        const lead = /^\s?(?:-\s?)?/.exec(cursor)![0];
        const unit = TIME_UNIT.find(([re]) => re.test(cursor.slice(lead.length)));
        if (!unit) break;
        const u = unit[0].exec(cursor.slice(lead.length))!;
        // "5 m" of distance or "m" alone after a bare count is rare in these questions; "10 m users" is not time.
        if (/^m$/i.test(u[0]) && /^\s*(?:users?|requests?|rows?|records?|items?|keys?|objects?|events?)/i.test(cursor.slice(lead.length + 1))) break;
        total += v * unit[1];
        any = true;
        consumed += lead.length + u[0].length;
        cursor = cursor.slice(lead.length + u[0].length);
        const next = /^\s?(?:and\s+)?(\d+(?:\.\d+)?)\s?(?=[a-zµμ])/i.exec(cursor);
        // A compound goes from larger units to smaller ("1h 30m", "13m 37s"); "68ms and 75ms" is a list of two times.
        const nextUnit = next ? TIME_UNIT.find(([re]) => re.test(cursor.slice(next[0].length))) : undefined;
        if (!next || !nextUnit || nextUnit[1] >= unit[1]) break;
        // "13m 37s": a second number with its own time unit continues the duration.
        v = Number(next[1]);
        consumed += next[0].length;
        cursor = cursor.slice(next[0].length);
      }
      if (any) {
        take(consumed);
        q.kind = 'time';
        q.value = total;
        matched = true;
        // A time that is a percentile: "p99 of 200ms", "p99 200ms", "p99.9 is 1.2 s", "200ms p99".
        const pBefore = /\bp(\d{1,2}(?:\.\d+)?)\b[^.?!;,]{0,30}$|\b(\d{2}(?:\.\d+)?)(?:th|st|nd|rd)?[\s-]*percentile\b[^.?!;,\d]{0,20}$/i.exec(text.slice(Math.max(0, start - 40), start));
        const pAfter = /^\s*(?:at\s+|for\s+)?(?:the\s+)?p(\d{1,2}(?:\.\d+)?)\b|^\s*(?:at\s+)?(?:the\s+)?(\d{2}(?:\.\d+)?)(?:th|st|nd|rd)\s*percentile/i.exec(rest);
        const p = pAfter ?? pBefore;
        if (p) q.percentile = Number(p[1] ?? p[2]);
      }
    }
    if (!matched) {
      const x = /^\s?(?:x|×)(?![a-z])|^\s?times(?=\s+(?:the|as|more|higher|bigger|larger|our|its|their|average|normal|peak|baseline|that|what|bigger|faster|slower)\b)/i.exec(rest);
      if (x) {
        take(x[0].length);
        q.kind = 'multiplier';
        matched = true;
      }
    }
    if (!matched) {
      // A count: the noun after the number, past up to three qualifiers ("3 independent stateless replicas").
      const words = /^(?:\s+|-)((?:[a-z][\w'-]*\s*){1,4})/i.exec(rest);
      if (words) {
        const list = words[1]!.trim().split(/\s+/);
        let i = 0;
        while (i < list.length - 1 && i < 3 && QUALIFIERS.has(list[i]!.toLowerCase())) i++;
        const noun = singular(list[i]!);
        if (noun === 'bit') q.kind = 'bits';
        else if (!STOPWORDS.has(noun)) {
          q.kind = 'count';
          q.noun = noun;
        }
      }
    }
    // A range or alternative written "3-5" keeps only the first number here; the second is read on its own.
    q.end = end;
    q.raw = text.slice(start, end).trim();
    q.target = TARGET_BEFORE.test(text.slice(Math.max(0, start - 48), start)) || /^\s*(?:target|slo|sla|or (?:better|less|lower|under))\b/i.test(text.slice(end));
    // "per server", "each", "per instance" after a rate or size: a per-unit figure.
    const perUnit = /^\s*(?:per|\/|for each|for every|on each|on one|on a single|of one|of each|of a single|each)\s*(?:single\s+)?([a-z][\w-]*)?/i.exec(text.slice(end));
    if ((q.kind === 'rate' || q.kind === 'size' || q.kind === 'money' || q.kind === 'count' || q.kind === 'time') && perUnit) {
      const unitWord = perUnit[1] ? singular(perUnit[1]) : 'each';
      if (!/^(?:second|sec|s|minute|min|hour|hr|day|week|month|year|the|a|an)$/.test(unitWord)) q.per = q.per ?? unitWord;
    }
    if (!q.per && /\b(?:each|one|a single|per|every)\s+(?:[a-z-]+\s+){0,2}(?:server|instance|node|pod|worker|box|machine|host|replica|shard|partition|consumer|core|container|vm|broker)s?\s+(?:can\s+|could\s+|does\s+|do\s+|will\s+|handles?\s+|serves?\s+|processe?s?\s+|takes?\s+|manages?\s+|sustains?\s+|tops? out at\s+|maxes? out at\s+|is good for\s+|gets?\s+|at\s+|about\s+|around\s+|roughly\s+|~\s*)*(?:handle|serve|process|take|do|sustain|manage|push)?\s*(?:about\s+|around\s+|roughly\s+|~\s*|up to\s+)?$/i.test(text.slice(Math.max(0, start - 60), start))) {
      if (q.kind === 'rate') q.per = 'server';
    }
    out.push(q);
    numRe.lastIndex = end;
  }
  // "LB is four nines, api 99.95 percent, payments 99.9": once a question speaks in shares, bare 9x.x figures are shares too.
  if (out.some((q) => q.kind === 'percent') || /\b(?:availab\w*|uptime|nines|slo|sla)\b/i.test(text)) {
    for (const q of out) {
      if ((q.kind === 'number' || q.kind === 'count') && q.value > 90 && q.value < 100 && /\./.test(q.raw) && (!q.noun || /^(?:and|each|for|or|up|available|availability|uptime|slo|sla|target|objective)$/.test(q.noun))) {
        if (q.noun === 'slo' || q.noun === 'target' || q.noun === 'objective') q.target = true;
        else if (q.noun === 'sla') q.target = false;
        q.kind = 'percent';
        q.value /= 100;
        delete q.noun;
      }
    }
  }
  return { text, quantities: out };
}

/** A quantity as a person reads it back ("3 replicas", "99.9%", "200 ms"). */
export function describeQuantity(q: Quantity): string {
  return q.raw;
}
