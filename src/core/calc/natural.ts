import type { Place } from './places';

/**
 * Turns a plain question that carries the numbers ("what availability do two 99.9% services in
 * series give?") into a calculator command, or null when it does not look like one. Deliberately
 * conservative: a question it cannot read fully is answered from the compendium instead.
 */
const COUNT_WORDS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, a: 1, an: 1, single: 1, pair: 2 };
const PERCENT = /(\d+(?:\.\d+)?)\s*%/g;
const TIME = String.raw`(\d+(?:\.\d+)?)\s*(ns|us|µs|ms|milliseconds?|s|sec|secs|seconds?|min|mins|minutes?|h|hrs?|hours?|d|days?)\b`;
const RATE = String.raw`(\d+(?:[.,]\d+)?\s*[kKmM]?)\s*(?:requests?|req|queries|msgs?|messages|events|ops|calls|jobs)?\s*(?:\/\s*s|\/\s*sec|per\s+second|a\s+second|rps|qps|tps|\/\s*min|per\s+minute)\b`;

function unitOf(word: string): string {
  const w = word.toLowerCase();
  if (w.startsWith('millis')) return 'ms';
  if (w.startsWith('min')) return 'min';
  if (w.startsWith('sec')) return 's';
  if (w.startsWith('hour') || w.startsWith('hr')) return 'h';
  if (w.startsWith('day')) return 'd';
  if (w === 'µs') return 'us';
  return w;
}

function rateText(m: RegExpExecArray): string {
  const perMinute = /min/i.test(m[0]);
  return `${m[1]!.replace(/\s+/g, '').replace(',', '')}${perMinute ? '/min' : '/s'}`;
}

function availabilityCommand(q: string): string | null {
  if (!/\b(availab|uptime|nines?|downtime|sla|slo|series|parallel|redundan|replicas?|copies|chain)/i.test(q)) return null;
  if (/error budget|burn/i.test(q)) return null;
  const values: string[] = [];
  const re = new RegExp(String.raw`(?:\b(\w+)\s+(?:x\s+)?)?(\d+(?:\.\d+)?)\s*%`, 'gi');
  let m: RegExpExecArray | null;
  while ((m = re.exec(q))) {
    const before = m[1]?.toLowerCase();
    const count = before ? (COUNT_WORDS[before] ?? (/^\d+$/.test(before) && Number(before) <= 20 ? Number(before) : 1)) : 1;
    for (let i = 0; i < count; i++) values.push(`${m[2]}%`);
  }
  if (!values.length || values.length > 20) return null;
  // "3 replicas at 99% each": one figure, repeated for the number of components named.
  const count = /\b(\d+|two|three|four|five|six|seven|eight|nine|ten)\s+(?:identical\s+|independent\s+|redundant\s+)?(?:replicas?|copies|instances|servers|nodes|services|components|zones|azs?|availability zones|regions|data ?cent(?:er|re)s|databases|machines|dependencies|load balancers|backends)\b/i.exec(q);
  if (values.length === 1 && count) {
    const n = COUNT_WORDS[count[1]!.toLowerCase()] ?? Number(count[1]);
    if (n >= 2 && n <= 20) values.push(...Array.from({ length: n - 1 }, () => values[0]!));
  }
  const parallel = /\b(parallel|redundan|replicas?|copies|either|any one|failover|active[- ]active|standby)\b/i.test(q);
  return values.length === 1 ? `availability ${values[0]}` : `availability ${values.join(' ')} mode=${parallel ? 'parallel' : 'series'}`;
}

function mtbfCommand(q: string): string | null {
  const mtbf = new RegExp(String.raw`(?:mtbf|fails?\s+(?:about\s+)?(?:once\s+)?every|between failures)[^\d]{0,20}` + TIME, 'i').exec(q);
  const mttr = new RegExp(String.raw`(?:mttr|(?:takes?|needs?)\s+(?:about\s+)?|to (?:repair|recover|restore|fix))[^\d]{0,20}` + TIME, 'i').exec(q);
  if (!mtbf || !mttr) return null;
  return `availability mtbf=${mtbf[1]}${unitOf(mtbf[2]!)} mttr=${mttr[1]}${unitOf(mttr[2]!)}`;
}

function queueCommand(q: string): string | null {
  if (!/\b(queue|queueing|queuing|wait|utili[sz]ation|service time|servers?|workers?|m\/m\/)/i.test(q)) return null;
  const arrival = new RegExp(RATE, 'i').exec(q);
  const service =
    new RegExp(String.raw`(?:service time|takes?|each (?:request|job) takes|handling time|processing time)[^\d]{0,20}` + TIME, 'i').exec(q) ??
    new RegExp(TIME + String.raw`\s+(?:of\s+)?(?:service|processing|handling)\s+time`, 'i').exec(q);
  if (!arrival || !service) return null;
  const servers = /\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten|a single)\s+(?:servers?|workers?|instances?|threads?|cores?)/i.exec(q);
  const count = servers ? (COUNT_WORDS[servers[1]!.toLowerCase().replace('a single', 'single')] ?? Number(servers[1])) : undefined;
  return `queue arrival=${rateText(arrival)} service=${service[1]}${unitOf(service[2]!)}${count ? ` servers=${count}` : ''}`;
}

function littleCommand(q: string): string | null {
  if (!/\b(concurren|in flight|in-flight|threads?|connections?|little)/i.test(q)) return null;
  const rate = new RegExp(RATE, 'i').exec(q);
  const time = new RegExp(TIME, 'i').exec(q.replace(new RegExp(RATE, 'gi'), ' '));
  if (!rate || !time) return null;
  return `littles-law throughput=${rateText(rate)} latency=${time[1]}${unitOf(time[2]!)}`;
}

function tailCommand(q: string): string | null {
  const fanout = /(?:fan(?:s|ning)?[- ]?out\s+(?:to\s+)?|calls?\s+|hits?\s+|queries\s+)(\d+)\s*(?:backends?|servers?|shards?|services?|leaves|nodes|partitions)?/i.exec(q);
  const pct = /\bp(\d{2}(?:\.\d+)?)\b|(\d{2}(?:\.\d+)?)(?:th|st|nd|rd)?[- ]percentile/i.exec(q);
  if (!fanout || !pct || !/\b(tail|slow|percentile|p\d{2})/i.test(q)) return null;
  return `tail fanout=${fanout[1]} percentile=${pct[1] ?? pct[2]}`;
}

function amdahlCommand(q: string): string | null {
  if (!/\b(amdahl|gustafson|speed ?up|parallel)/i.test(q)) return null;
  const p = /(\d+(?:\.\d+)?)\s*%\s*(?:of (?:the )?(?:work|code|job|time)\s+)?(?:is\s+|runs?\s+(?:in\s+)?)?parallel/i.exec(q) ?? /parallel(?:i[sz]able)?[^\d%]{0,20}(\d+(?:\.\d+)?)\s*%/i.exec(q);
  const n = /(\d+)\s*(?:cores?|cpus?|processors?|machines?|nodes?|workers?|threads?|gpus?)/i.exec(q);
  if (!p || !n) return null;
  return `amdahl parallel=${p[1]}% n=${n[1]}`;
}

function quorumCommand(q: string): string | null {
  const n = /\bn\s*=\s*(\d+)/i.exec(q) ?? /(\d+)\s+replicas/i.exec(q);
  const r = /\br\s*=\s*(\d+)/i.exec(q) ?? /read (?:quorum|from|of)\s*(?:of\s*)?(\d+)/i.exec(q);
  const w = /\bw\s*=\s*(\d+)/i.exec(q) ?? /write (?:quorum|to|of)\s*(?:of\s*)?(\d+)/i.exec(q);
  if (!n || !r || !w) return null;
  return `quorum n=${n[1]} r=${r[1]} w=${w[1]}`;
}

function sloCommand(q: string): string | null {
  if (!/error budget|burn rate|budget/i.test(q)) return null;
  const target = /(\d+(?:\.\d+)?)\s*%/.exec(q);
  if (!target) return null;
  const window = /(\d+)\s*(?:-\s*)?(d|days?|weeks?|w)\b/i.exec(q);
  const consumed = new RegExp(String.raw`(?:used|consumed|burned|spent|lost|had)[^\d]{0,20}` + TIME, 'i').exec(q);
  const windowText = window ? `${window[1]}${/^w/i.test(window[2]!) ? 'w' : 'd'}` : /month/i.test(q) ? '30d' : /quarter/i.test(q) ? '90d' : /week/i.test(q) ? '7d' : '';
  return `slo target=${target[1]}%${windowText ? ` window=${windowText}` : ''}${consumed ? ` consumed=${consumed[1]}${unitOf(consumed[2]!)}` : ''}`;
}

function latencyCommand(q: string, places: readonly Place[]): string | null {
  if (!/\b(latency|round[- ]trip|rtt|ping|how far|distance|speed of light|milliseconds|ms)\b/i.test(q)) return null;
  const m = /\b(?:from|between)\s+(.+?)\s+(?:to|and)\s+(.+?)(?:[?.!,]|\s+(?:in|over|via|for|with|is|be)\b|$)/i.exec(q);
  if (!m) return null;
  const find = (text: string) => {
    const t = text.trim().toLowerCase().replace(/^the\s+/, '');
    return places.find((p) => p.name.toLowerCase() === t || (p.aliases ?? []).some((a) => a.toLowerCase() === t));
  };
  const a = find(m[1]!);
  const b = find(m[2]!);
  if (!a || !b) return null;
  return `latency from=${a.name} to=${b.name}`;
}

export function commandFromQuestion(question: string, places: readonly Place[]): string | null {
  const q = question.trim();
  if (/^\/?calc\b/i.test(q)) return q.replace(/^\//, '');
  const latency = latencyCommand(q, places);
  if (latency || !/\d/.test(q)) return latency;
  return (
    sloCommand(q) ??
    mtbfCommand(q) ??
    amdahlCommand(q) ??
    availabilityCommand(q) ??
    queueCommand(q) ??
    tailCommand(q) ??
    quorumCommand(q) ??
    littleCommand(q)
  );
}

/**
 * Numbers the user wrote that a command does not use ("100 backends" when only "1%" was read):
 * a calculator that ignores a given quantity may be answering another question, so it does not run
 * on its own. Numbers inside names (p99, 2PC, S3, us-east-1, HTTP/2) are not quantities.
 */
export function unusedNumbers(question: string, command: string): string[] {
  const used = new Set((command.match(/\d+(?:\.\d+)?/g) ?? []).map((n) => String(Number(n))));
  const out: string[] = [];
  const re = /(^|[\s(~$≈<>=,])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?=[\s%.,;:?!)]|[a-zA-Z/µ]{1,8}\b|$)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(question))) {
    const raw = m[2]!;
    const after = question.slice(m.index + m[0].length, m.index + m[0].length + 12);
    // "2PC", "3x", "L7", "99th", "1st": names, multipliers or ordinals the readers handle themselves.
    if (/^(pc|x\b|th\b|st\b|nd\b|rd\b|[a-z]\d)/i.test(after)) continue;
    const value = String(Number(raw.replace(/,/g, '')));
    const scaled = /^\s*[kK]\b/.test(after) ? String(Number(value) * 1000) : /^\s*[mM]\b/.test(after) ? String(Number(value) * 1e6) : value;
    if (!used.has(value) && !used.has(scaled) && !command.includes(raw)) out.push(raw);
  }
  return out;
}
