import type { Place } from './places';
import { isQualifier, readQuantities, type Quantity } from './quantities';
import { plural } from './format';

/**
 * Turns a plain question that carries numbers into a calculator command, filling each input by
 * the role the question gives a quantity ("each server handles", "we need", "p99", "per user per
 * day"), never by the order the numbers appear in. A question whose numbers cannot all be placed
 * is not computed: a wrong number is worse than none. A question that clearly asks for a
 * computation but lacks a value comes back as `missing`, naming it.
 */
export type Plan = {
  calculator: string;
  /** The command to run, when every value it needs is known. */
  command?: string;
  /** The quantities the command uses. */
  used: Quantity[];
  /** Quantities of the question that the command leaves out (named in the answer). */
  unused: Quantity[];
  /** A needed value the question does not give: what it is, how to give it, and a command for what can be computed without it. */
  missing?: { what: string; ask: string; example: string; partial?: string };
  /** Quantities the planner could not place although the calculator takes their kind. */
  unplaced: Quantity[];
  /** What the planner read into the question (said in the answer). */
  notes: string[];
};

type Ctx = { text: string; lower: string; qs: Quantity[]; places: readonly Place[] };
type Draft = { calculator: string; args?: string[]; positional?: string[]; used: Quantity[]; consumes: Quantity['kind'][]; missing?: Plan['missing'] & { partial?: string }; notes?: string[]; irrelevant?: Quantity[] };

const fmt = (n: number) => String(Number(n.toPrecision(10)));
const pct = (q: Quantity | number) => `${fmt((typeof q === 'number' ? q : q.value) * 100)}%`;
const secs = (q: Quantity | number) => `${fmt(typeof q === 'number' ? q : q.value)}s`;
const perSec = (q: Quantity | number) => `${fmt(typeof q === 'number' ? q : q.value)}/s`;
const bytesOf = (q: Quantity | number) => `${fmt(typeof q === 'number' ? q : q.value)}B`;
/** A size as a person writes it in a command: 500TB rather than 500000000000000B (decimal units). */
const sizeArg = (q: Quantity | number) => {
  const b = typeof q === 'number' ? q : q.value;
  const unit = ([[1e15, 'PB'], [1e12, 'TB'], [1e9, 'GB'], [1e6, 'MB'], [1e3, 'KB']] as const).find(([u]) => b >= u);
  return unit ? `${fmt(b / unit[0])}${unit[1]}` : `${fmt(b)}B`;
};

/** Seconds in a period named by a word ("year", "quarterly", "monthly", "day"); 0 when the word names none. */
function periodSeconds(word: string): number {
  const w = word.toLowerCase();
  const days = /^(?:year|yearly|annual)/.test(w) ? 365 : /^quarter/.test(w) ? 91.25 : /^month/.test(w) ? 30 : /^week/.test(w) ? 7 : /^(?:day|daily)/.test(w) ? 1 : 0;
  return days * 86400;
}

function around(ctx: Ctx, q: Quantity, before = 48, after = 32): { b: string; a: string } {
  return { b: ctx.lower.slice(Math.max(0, q.start - before), q.start), a: ctx.lower.slice(q.end, q.end + after) };
}

/** The quantities written inside a pattern's match ("rf 3", "compresses 4:1"); none without a match. */
function within(ctx: Ctx, m: RegExpExecArray | null | undefined): Quantity[] {
  return m ? ctx.qs.filter((q) => q.start >= m.index && q.end <= m.index + m[0].length) : [];
}

/** Whether a word pattern sits near a quantity, within its own clause. */
function near(ctx: Ctx, q: Quantity, re: RegExp, before = 48, after = 32): boolean {
  const { b, a } = around(ctx, q, before, after);
  const clauseB = b.split(/[.;?!,]|\s(?:and|but|then|while|whereas)\s/).pop() ?? b;
  const clauseA = a.split(/[.;?!,]|\s(?:and|but|then|while|whereas)\s/)[0] ?? a;
  return re.test(clauseB) || re.test(clauseA);
}

const COMPONENT_NOUN = /^(?:dep|replica|copy|copie|instance|server|node|service|component|zone|az|availability|region|data|datacenter|datacentre|database|db|machine|dependency|dependencie|load|lb|backend|box|pod|host|tier|provider|cluster|site|cell|broker|shard|worker|app|microservice|api|vm|container|endpoint|call|hop|system|link|disk|drive)$/;
const SERVER_NOUN = /^(?:server|instance|node|pod|worker|machine|host|box|vm|container|replica|core|cpu|thread|consumer|process|task|executor|broker|shard|partition|gpu|processor|cashier|agent|teller|line|slot|lane|handler|dyno)$/;
const ITEM_NOUN = /^(?:item|key|element|entry|entrie|url|user|id|record|row|word|object|member|value|string|email|address|ip|token|username|hash|file|document|doc|account|customer|product|event|message|request|link|code|photo|video|post|tweet|session|device|visitor|page|domain|uuid)$/;

/** Characters between a quantity and the nearest match of a cue, before or after it, in the same sentence. */
function cueDistance(ctx: Ctx, q: Quantity, re: RegExp): number {
  let best = Infinity;
  for (const m of ctx.lower.matchAll(new RegExp(re.source, 'g'))) {
    const end = m.index + m[0].length;
    const gap = end <= q.start ? ctx.lower.slice(end, q.start) : m.index >= q.end ? ctx.lower.slice(q.end, m.index) : '';
    if (!/[.;?!]/.test(gap)) best = Math.min(best, gap.length);
  }
  return best;
}

function isCount(q: Quantity, re: RegExp) {
  return q.kind === 'count' && !!q.noun && re.test(q.noun);
}

/** "5 nodes", "a 5-node cluster", "cluster of 5": the count before a noun matching `re`. */
function countOf(ctx: Ctx, re: RegExp, exclude: Quantity[] = []): Quantity | undefined {
  return ctx.qs.find((q) => !exclude.includes(q) && (isCount(q, re) || ((q.kind === 'number' || q.kind === 'count') && new RegExp(String.raw`^-\s*(?:${re.source.replace(/^\^\(\?:|\)\$$/g, '')})s?\b`).test(ctx.lower.slice(q.end - (q.raw.length - q.raw.trimEnd().length), q.end + 20).replace(/^\s+/, '')))));
}

function others(ctx: Ctx, used: Quantity[]): Quantity[] {
  return ctx.qs.filter((q) => !used.includes(q));
}

const has = (ctx: Ctx, re: RegExp) => re.test(ctx.lower);

// ---------------------------------------------------------------------------------------------
// Availability: downtime for a figure, series and parallel composition, targets over dependencies.

const PARALLEL = /\b(?:parallel|fallback|fall back|as long as (?:one|any|a single|at least one)|at least one (?:\w+ )?(?:is|stays|remains) (?:up|healthy|alive|available)|either (?:one|of|is|can|region|node|copy|replica|box|\w+ing)|any (?:one|single|of them|replica|copy|node)\b(?=[^.?]{0,30}\b(?:can|is enough|will do|suffices|up is|serves?|handles?|carr(?:y|ies)))|one of them is enough|redundan\w*|fail ?over|standby|active[- ]?(?:active|passive)|hot spare|pair\b|can carry the (?:full )?load|can serve|can take (?:all|the full))/;
/** Nouns for copies of one component: several of them back each other up unless said to be in series. */
const REDUNDANT_NOUN = /^(?:replica|copy|copie|standby|mirror|node|instance|server|box|host|pod|zone|az|region|datacenter|datacentre)$/;
const SERIES = /\b(?:in series|series\b|chain|->|→|then\b|calls?\b|depends? on|dependenc|every request (?:goes|needs|hits)|needs? (?:both|all|each)|end[- ]to[- ]end|composite|path\b|behind\b|in front of|downstream|synchronously|sequential)/;

function availabilityCount(ctx: Ctx, pq: Quantity): Quantity | undefined {
  // "two app servers at 99.9% each", "3 replicas, each 99%", "4 services at 99.99%".
  const idx = ctx.qs.indexOf(pq);
  // "two 99.9% services": a bare number right before the figure, with a component noun after it.
  const prev = ctx.qs[idx - 1];
  const between = ctx.lower.slice(prev?.end ?? 0, pq.start).trim();
  if (prev && (prev.kind === 'number' || prev.kind === 'count') && Number.isInteger(prev.value) && prev.value >= 1 && prev.value <= 20 && (!between || between.split(/\s+/).every(isQualifier))) {
    const after = /^\s*(?:(?:[a-z-]+)\s+){0,2}?([a-z]+?)s?\b/.exec(ctx.lower.slice(pq.end, pq.end + 40));
    if (after && COMPONENT_NOUN.test(after[1]!)) return prev;
  }
  for (let i = idx - 1; i >= 0 && i >= idx - 2; i--) {
    const q = ctx.qs[i]!;
    if (q.kind === 'percent') break;
    if (q.kind === 'count' && q.noun && COMPONENT_NOUN.test(q.noun) && pq.start - q.end < 60 && !/[.;]/.test(ctx.lower.slice(q.end, pq.start))) return q;
  }
  const next = ctx.qs[idx + 1];
  if (next && next.kind === 'count' && next.noun && COMPONENT_NOUN.test(next.noun) && next.start - pq.end < 12 && /^\s*(?:x|×|for|across|on)?\s*$/.test(ctx.lower.slice(pq.end, next.start))) return next;
  return undefined;
}

function planAvailability(ctx: Ctx): Draft | null {
  if (!has(ctx, /availab|uptime|\bnines?\b|downtime|\bsla\b|\bslo\b|\bup (?:about |roughly |around )?\d|redundan|fail ?over|replica|standby|series|serial|parallel|end[- ]to[- ]end|composite|combined|reliab|depend|\bdeps?\b|chain/)) return null;
  // Only shares that can be availabilities take part; a "10% service credit" is named as not used.
  const allPercents = ctx.qs.filter((q) => q.kind === 'percent');
  const nonAvailability = (q: Quantity) => /(?:credit|refund|discount|penalt\w*|error(?: rate)?|fail\w*|slow|util\w*|busy|cpu)\s*(?:of|is|at|=|:)?\s*(?:about|around|~)?\s*$/.test(ctx.lower.slice(Math.max(0, q.start - 24), q.start)) || /^\s*(?:service credit|credit|refund|discount|of (?:the )?(?:requests|users|traffic|calls)|error|failure|cpu|util|busy|load|full|loaded)/.test(ctx.lower.slice(q.end, q.end + 24));
  const percents = allPercents.filter((q) => q.value >= 0.8 && !nonAvailability(q));
  const irrelevant = allPercents.filter((q) => !percents.includes(q) && near(ctx, q, /credit|refund|discount|penalt/, 24, 24));
  const times = ctx.qs.filter((q) => q.kind === 'time');
  // Availability from allowed downtime: "5 minutes of downtime a month is how many nines?"
  if (!percents.length && times.length && has(ctx, /availability|uptime|nines|\bsla\b|\bslo\b/)) {
    // "6 incidents last year, each took 45 min to resolve": downtime is their product.
    const incidents = ctx.qs.find((q) => isCount(q, /^(?:incident|outage|failure|crash|event|page|sev1|sev|disruption)$/));
    const each = times.length === 1 ? times[0] : undefined;
    // The period of an incident log: "last year", "per quarter", "this month".
    const logPeriod = periodSeconds(/\b(?:a|per|each|every|in a|over a|within a|last|this|past|the|of)\s+(year|quarter|month|week)\b/.exec(ctx.lower)?.[1] ?? '');
    if (incidents && each && near(ctx, each, /total|in all|altogether|combined|overall|sum/, 30, 30) && has(ctx, /mttr|mtbf|mean time/)) {
      if (logPeriod) return { calculator: 'availability', args: [`downtime=${secs(each)}`, `period=${secs(logPeriod)}`, `incidents=${fmt(incidents.value)}`], used: [incidents, each], consumes: ['time', 'count', 'percent'] };
    }
    if (incidents && each && near(ctx, each, /each|every|average|took|to (?:resolve|restore|recover|fix)|mttr|lasting|lasted/, 40, 40)) {
      if (!logPeriod) return { calculator: 'availability', used: [incidents, each], consumes: ['time', 'count'], missing: { what: 'the period those incidents happened in', ask: 'over how long did they happen: a month, a quarter, a year?', example: `availability downtime=${secs(incidents.value * each.value)} period=365d` } };
      return { calculator: 'availability', args: [`downtime=${secs(incidents.value * each.value)}`, `period=${secs(logPeriod)}`], used: [incidents, each], consumes: ['time', 'count', 'percent'], notes: [`${fmt(incidents.value)} incidents × ${each.raw} = ${fmt((incidents.value * each.value) / 60)} min of downtime`] };
    }
    const down = times.find((q) => near(ctx, q, /down|outage|offline|unavailab|allow|afford|lose|budget/, 40, 40)) ?? (times.length === 1 ? times[0] : undefined);
    if (!down) return null;
    const periodQ = times.find((q) => q !== down);
    const periodWord = /\b(?:a|per|each|every|in a|over a|within a|last|this|past|the|of)\s+(year|quarter|month|week|day)\b|\b(yearly|annual(?:ly)?|quarterly|monthly|weekly|daily)\b/.exec(ctx.lower);
    const word = periodWord ? (periodWord[1] ?? periodWord[2])! : '';
    const period = periodQ ? periodQ.value : periodSeconds(word);
    if (!period) return { calculator: 'availability', used: [down], consumes: ['time'], missing: { what: 'the period the downtime is counted over', ask: 'over how long is that downtime allowed: a month, a quarter, a year?', example: `availability downtime=${secs(down)} period=30d` } };
    return { calculator: 'availability', args: [`downtime=${secs(down)}`, `period=${secs(period)}`], used: periodQ ? [down, periodQ] : [down], consumes: ['time', 'percent'] };
  }
  // "product wants 100% uptime": no downtime to compute; the answer is about targets, not arithmetic.
  if (!percents.length || percents.every((q) => q.value >= 1)) return null;
  const targets = percents.filter((q) => q.target || near(ctx, q, /\b(?:target|slo|sla|goal|need|reach|hit|meet|get to|get at least|at least|promise|commit|want|require|achieve|asking for|asks for|expects?)\w*\b[^%\d]*$/, 40, 0) || /^\s*(?:even\s+)?(?:possible|achievable|feasible|doable|realistic|reachable)\b/.test(ctx.lower.slice(q.end, q.end + 24)));
  // "we promised 99.95%; we call 5 services, each with a 99.9% slo": a figure each component has is
  // a component's, whatever word follows it, when another figure is the target.
  const eachOwn = (q: Quantity) => /\beach(?:\s+(?:one|of them|service|dependency|component))?\s+(?:with|at|has|having|is|runs at|offers?|promis\w*)?\s*(?:an?\s+)?(?:about\s+|~)?$/.test(ctx.lower.slice(Math.max(0, q.start - 32), q.start));
  if (targets.length > 1 && targets.some((q) => !eachOwn(q))) targets.splice(0, targets.length, ...targets.filter((q) => !eachOwn(q)));
  // "so we're at six nines now, right?": the claim being checked, not a component.
  const claims = /\b(?:right|correct|true|yes|no)\s*\?\s*$/.test(ctx.lower) ? percents.filter((q) => /\b(?:so|that(?:'s| is)|we(?:'re| are)|is it|are we|gives?|get|at)\s+(?:at\s+)?(?:about\s+|~)?$/.test(ctx.lower.slice(Math.max(0, q.start - 16), q.start)) && !targets.includes(q)) : [];
  let components = percents.filter((q) => !targets.includes(q) && !claims.includes(q));
  const dependencyWords = /\bdepend|dependenc|downstream|\bcalls?\b|\bchain|\bdeps?\b|in series|serial|synchronous|fans? (?:out |in)to|each backend|same (?:availability )?target|\bsplit\b|what (?:availability|uptime) (?:does|do|should|must) each|each (?:one|service|dependency|component|of them) (?:need|get|have)/;
  if (targets.length === 1 && !components.length && !has(ctx, dependencyWords)) {
    components = targets.splice(0, 1);
  }
  // Copies needed: "how many copies of a 98% worker reach five nines?"
  if (targets.length === 1 && components.length === 1 && has(ctx, /how many\b|copies (?:do|would) (?:i|we) need/) && has(ctx, PARALLEL)) {
    return { calculator: 'feasibility', args: [`target=${pct(targets[0]!)}`, `parallel=${pct(components[0]!)}`], used: [targets[0]!, components[0]!], consumes: ['percent', 'count'] };
  }
  // A target over dependencies: feasibility.
  if (targets.length === 1 && (components.length || has(ctx, dependencyWords))) {
    // "3 replicas each 99.5%, can we reach 99.99%?": copies of one thing are redundant, not a chain
    // of dependencies; with nothing saying they are in series, no serial figure is given for them.
    const target = targets[0]!;
    const copies = components.some((c) => {
      const n = availabilityCount(ctx, c);
      return !!n && 'noun' in n && REDUNDANT_NOUN.test(n.noun ?? '');
    });
    // ...unless every one is needed ("both needed", "all 5 must be up", "touches all three"): a
    // chain after all. A quorum or "2 of 3" is neither: it is not computed from here.
    if (copies && has(ctx, /\b(?:quorum|majority|\d+ of (?:the )?\d+|k of n)\b/)) return null;
    // (SERIES already reads "needs all", "needs both" and "every request goes/needs/hits".)
    const allNeeded = has(ctx, /\b(?:both|all|every one|each one)\b[^.?;]{0,30}\b(?:needed|required|must|have to|need to be|has to)\b|\bmust (?:all|both) be up\b|\btouch(?:es)? (?:all|every|each)\b|\bneeds? every\b|\bevery request touches\b/);
    if (copies && !allNeeded && !has(ctx, dependencyWords) && !has(ctx, SERIES)) {
      // "3 replicas at 99.5% each": whether those copies, any one able to serve, reach the target.
      const only = components.length === 1 ? components[0]! : undefined;
      const n = only && availabilityCount(ctx, only);
      if (!only || !n || !('kind' in n) || !Number.isInteger(n.value) || n.value < 1 || n.value > 50) return null;
      return { calculator: 'feasibility', args: [`target=${pct(target)}`, `parallel=${pct(only)}`, `have=${fmt(n.value)}`], used: [target, only, n], consumes: ['percent', 'count'], irrelevant };
    }
    const used: Quantity[] = [target];
    const positional: string[] = [];
    const listed = (cq: Quantity | undefined) => !!cq && components.filter((c) => c.start > cq.start).length === cq.value && components.length === cq.value;
    for (const c of components) {
      const count0 = availabilityCount(ctx, c);
      // "the db, cache and queue are each at 99.95%": a figure each of several has, with no count to multiply it by.
      // "...each dependency has a 99.95% slo. we call 3 of them": the count, said apart.
      const ofThem = eachOwn(c) && !count0 ? ctx.qs.find((q) => (q.kind === 'number' || q.kind === 'count') && Number.isInteger(q.value) && q.value >= 1 && q.value <= 50 && /^\s*of (?:them|those|these)\b/.test(ctx.lower.slice(q.end, q.end + 16))) : undefined;
      if (ofThem) {
        for (let i = 0; i < ofThem.value; i++) positional.push(pct(c));
        used.push(c, ofThem);
        continue;
      }
      if (eachOwn(c) && !count0) return { calculator: 'feasibility', used: [target, c], consumes: ['percent', 'count'], irrelevant, missing: { what: 'how many dependencies there are', ask: `how many serial dependencies at ${c.raw} does a request need?`, example: `feasibility target=${pct(target)} deps=<count> each=${pct(c)}` } };
      if (count0 && listed(count0)) used.push(count0);
      const count = count0 && !listed(count0) ? count0 : undefined;
      const n = count ? count.value : 1;
      if (count) used.push(count);
      if (n < 1 || n > 50 || !Number.isInteger(n)) return null;
      for (let i = 0; i < n; i++) positional.push(pct(c));
      used.push(c);
    }
    const howMany = has(ctx, /how many\b|largest number|max(?:imum)? number|most (?:dependencies|services)|how long (?:a|can the) chain/);
    if (howMany && components.length === 1 && !availabilityCount(ctx, components[0]!)) {
      return { calculator: 'feasibility', args: [`target=${pct(target)}`, `each=${pct(components[0]!)}`], used: [target, components[0]!], consumes: ['percent', 'count'] };
    }
    if (!components.length) {
      const deps = countOf(ctx, /^(?:dependency|dependencie|service|dep|downstream|call|hop|component|microservice|api|system|backend)$/);
      if (!deps) return { calculator: 'feasibility', used: [target], consumes: ['percent', 'count'], irrelevant, missing: { what: 'the dependencies', ask: 'how many serial dependencies does a request need, and (if known) the availability of each?', example: `feasibility target=${pct(target)} deps=<count>` } };
      if (has(ctx, /can (?:we|i|it|they) (?:meet|hit|make|achieve|reach|get)|is (?:it|that|this) (?:possible|feasible|achievable|realistic)|feasible|achievable/)) {
        return { calculator: 'feasibility', used: [target, deps], consumes: ['percent', 'count'], irrelevant, missing: { what: 'the availability of each dependency', ask: `what availability does each of the ${fmt(deps.value)} dependencies have (their SLAs or measured uptime)?`, example: `feasibility target=${pct(target)} <availability of each dependency...>`, partial: `feasibility target=${pct(target)} deps=${fmt(deps.value)}` } };
      }
      return { calculator: 'feasibility', args: [`target=${pct(target)}`, `deps=${fmt(deps.value)}`], used: [target, deps], consumes: ['percent', 'count'], irrelevant };
    }
    if (has(ctx, PARALLEL) && !has(ctx, /\bdepend|serial|series|chain|synchronous/)) return null;
    return { calculator: 'feasibility', args: [`target=${pct(target)}`], positional, used, consumes: ['percent', 'count'], irrelevant };
  }
  if (targets.length) return null;
  // "going from two nines to three nines": a difference, which no single calculation answers.
  if (components.length > 1 && /\bfrom\b[^.?]*\bto\b/.test(ctx.lower) && !has(ctx, SERIES) && !has(ctx, PARALLEL)) return null;
  const period = /\b(?:per|a|each|every|over a|in a)\s+(year|quarter|month|week|day)\b|\b(yearly|annual|quarterly|monthly|weekly|daily)\b/.exec(ctx.lower);
  if (components.length === 1 && !availabilityCount(ctx, components[0]!) && (has(ctx, /downtime|down for|how (?:long|much time|many (?:minutes|hours|seconds))|allow|budget|outage/) || period) && !has(ctx, PARALLEL) && !has(ctx, /\bboth\b|in series|in front of|behind/)) {
    const windowQ = ctx.qs.find((q) => q.kind === 'time' && q.value >= 86400 && near(ctx, q, /over|per|rolling|window|every|each|in/, 20, 0));
    const extra = windowQ ? [`period=${secs(windowQ)}`] : [];
    return { calculator: 'availability', positional: [pct(components[0]!)], args: extra, used: windowQ ? [components[0]!, windowQ] : [components[0]!], consumes: ['percent', 'count', 'time'], irrelevant };
  }
  // Composition: each figure with its multiplicity ("a primary and a hot standby" is two).
  const pairWords = /\bpair\b|\bprimary\s*(?:\+|and|with|plus)\s*(?:an?\s+|one\s+)?(?:hot\s+|warm\s+)?(?:standby|replica|secondary|backup|follower)|\bactive[- ](?:active|passive)\b|\bboth (?:nodes|copies|replicas|servers|instances|boxes)\b/;
  const groups: Array<{ c: Quantity; count?: Quantity | { value: number } }> = components.map((c) => ({ c, count: availabilityCount(ctx, c) }));
  // The pair must be the component the figure is about ("each node is 99.5%", not "our 99.9% api behind a pair of LBs").
  const pairNoun = /\bpair of (?:\w+\s+)?(\w+?)s?\b/.exec(ctx.lower)?.[1];
  const figureNoun = groups.length === 1 ? /^\s*(?:(?:available|availability|uptime|up)\s+)?([a-z]+?)s?\b/.exec(ctx.lower.slice(groups[0]!.c.end, groups[0]!.c.end + 20))?.[1] : undefined;
  const samePair = !pairNoun || !figureNoun || !/^(?:api|app|service|db|database|tier|frontend|backend|web)$/.test(figureNoun) || figureNoun === pairNoun;
  if (groups.length === 1 && !groups[0]!.count && !countOf(ctx, COMPONENT_NOUN) && pairWords.test(ctx.lower) && has(ctx, PARALLEL) && samePair) groups[0]!.count = { value: 2 };
  // "three serial dependencies at 99.95%, 99.98% and 99.99%": the count announces the list.
  for (const g of groups) {
    if (g.count && 'kind' in g.count && components.filter((c) => c.start > (g.count as Quantity).start).length === g.count.value && components.length === g.count.value) g.count = undefined;
  }
  if (has(ctx, /\b(?:better than|compared? (?:with|to)|versus|vs\.?)\b/) && components.length > 1) {
    // "is one box at 99.99% better than two at 99.9% in a pair? what does the pair give": the redundant group alone.
    const counted0 = groups.filter((g) => g.count && g.count.value >= 2);
    if (counted0.length !== 1 || !has(ctx, PARALLEL) || !Number.isInteger(counted0[0]!.count!.value) || counted0[0]!.count!.value > 20) return null;
    const g = counted0[0]!;
    return { calculator: 'availability', positional: Array.from({ length: g.count!.value }, () => pct(g.c)), args: ['mode=parallel'], used: [g.c, ...('kind' in g.count! ? [g.count as Quantity] : [])], consumes: ['percent', 'count'], irrelevant: components.filter((c) => c !== g.c) };
  }
  // k of n: "3 members at 99.5%, the cluster needs a majority (2 of 3)".
  if (groups.length === 1 && has(ctx, /majority|quorum|\b\d+ of \d+\b|at least \d+/) && !has(ctx, /\bin series\b/)) {
    const n = groups[0]!.count ?? countOf(ctx, COMPONENT_NOUN);
    const kOf = /\b(\d+) (?:out )?of (?:the )?(\d+)\b/.exec(ctx.lower);
    if (n && Number.isInteger(n.value) && n.value >= 2 && n.value <= 20) {
      const k = kOf && Number(kOf[2]) === n.value ? Number(kOf[1]) : Math.floor(n.value / 2) + 1;
      const usedK = within(ctx, kOf);
      return { calculator: 'availability', positional: Array.from({ length: n.value }, () => pct(groups[0]!.c)), args: [`need=${k}`], used: [groups[0]!.c, ...('kind' in n ? [n as Quantity] : []), ...usedK], consumes: ['percent', 'count', 'number'], irrelevant };
    }
  }
  const used: Quantity[] = [...claims];
  for (const g of groups) {
    used.push(g.c);
    if (g.count && 'kind' in g.count) used.push(g.count as Quantity);
  }
  // "3 replicas at 99% each": a count named anywhere with a single figure; "a -> b -> c, each at 99.95%": the arrows count them.
  if (groups.length === 1 && !groups[0]!.count) {
    const arrows = (/[a-z0-9)\]]\s*(?:->|→)\s*[a-z(]/i.test(ctx.text) ? ctx.text.match(/->|→/g)?.length ?? 0 : 0);
    const count = countOf(ctx, COMPONENT_NOUN, used);
    if (!count && arrows >= 1 && /\b(?:each|every one|all of them|all at|each at)\b/.test(ctx.lower)) {
      return { calculator: 'availability', positional: Array.from({ length: arrows + 1 }, () => pct(groups[0]!.c)), args: ['mode=series'], used, consumes: ['percent', 'count'], irrelevant, notes: [`${arrows + 1} components in the chain, each at ${pct(groups[0]!.c)}`] };
    }
    if (count && count.value >= 2 && count.value <= 20) {
      groups[0]!.count = count;
      used.push(count);
    } else if (/\b(?:a few|several|some|multiple|many|couple of)\s+(?:\w+\s+)?(?:replicas|copies|instances|servers|nodes|boxes|pods|zones|regions)/.test(ctx.lower)) {
      return { calculator: 'availability', used, consumes: ['percent', 'count'], irrelevant, missing: { what: 'how many copies', ask: 'how many copies run in parallel (any one able to serve)?', example: `availability ${pct(groups[0]!.c)} ${pct(groups[0]!.c)} mode=parallel` } };
    } else if (has(ctx, /\bboth\b|in series|in front of|behind|and then/) && !has(ctx, PARALLEL) && has(ctx, /availab|uptime|nines|end[- ]to[- ]end/)) {
      return { calculator: 'availability', used, consumes: ['percent', 'count'], irrelevant, missing: { what: 'the availability of every component on the path', ask: 'what availability does each of the other components have?', example: `availability ${pct(groups[0]!.c)} <availability of the other...> mode=series` } };
    } else if (!has(ctx, SERIES) && !has(ctx, PARALLEL)) {
      return { calculator: 'availability', positional: [pct(groups[0]!.c)], used, consumes: ['percent', 'count'], irrelevant };
    }
  }
  const parallel = has(ctx, PARALLEL);
  const series = has(ctx, SERIES);
  const counted = groups.filter((g) => g.count && g.count.value >= 2);
  for (const g of counted) if (!Number.isInteger(g.count!.value) || g.count!.value > 20) return null;
  const repeat = (g: (typeof groups)[number]) => Array.from({ length: g.count ? g.count.value : 1 }, () => pct(g.c));
  // Copies of one thing are redundant unless the question says every one is needed.
  const copiesNoun = groups.length === 1 && counted.length === 1 && 'kind' in counted[0]!.count! && /^(?:replica|copy|copie|mirror|standby)$/.test((counted[0]!.count as Quantity).noun ?? '') && !/\bin series\b|\bchain\b|all (?:of them )?(?:must|need|have to)|every one (?:must|needs)/.test(ctx.lower);
  if ((parallel || copiesNoun) && (!series || copiesNoun || (groups.length === 1 && counted.length === 1 && !/\bin series\b|\bchain\b/.test(ctx.lower))) && (groups.length === 1 || counted.length === 0)) {
    const positional = groups.flatMap(repeat);
    if (positional.length < 2) return null;
    return { calculator: 'availability', positional, args: ['mode=parallel'], used, consumes: ['percent', 'count'], irrelevant };
  }
  if (parallel && counted.length === 1 && groups.length > 1) {
    // One redundant group inside a serial path: fold the group, then multiply.
    const g = counted[0]!;
    const folded = 1 - Math.pow(1 - g.c.value, g.count!.value);
    const positional = groups.map((x) => (x === g ? pct(folded) : pct(x.c)));
    return { calculator: 'availability', positional, args: ['mode=series'], used, consumes: ['percent', 'count'], irrelevant, notes: [`${fmt(g.count!.value)} copies at ${pct(g.c)} in parallel count as ${pct(folded)} in the serial path`] };
  }
  if (parallel && !counted.length && groups.length === 1) return null;
  if (parallel) return null;
  // Several figures with no word for how they combine: series only when the question says so.
  if (!series && groups.length > 1 && !counted.length) return null;
  const positional = groups.flatMap(repeat);
  if (positional.length < 2) return null;
  return { calculator: 'availability', positional, args: ['mode=series'], used, consumes: ['percent', 'count'], irrelevant };
}

function planMtbf(ctx: Ctx): Draft | null {
  if (!has(ctx, /mtbf|mttr|between failures|time to (?:repair|recover|restore)|fails? (?:about |roughly |on average )?(?:once )?every|repair|recover/)) return null;
  if (ctx.qs.some((q) => isCount(q, /^(?:incident|outage|failure|crash)$/)) && has(ctx, /total|in all|altogether/)) return null;
  if (ctx.qs.filter((q) => q.kind === 'time').length > 2) return null;
  const times = ctx.qs.filter((q) => q.kind === 'time');
  const MTBF = /mtbf|between failures|fails?\b[^.]*\bevery|failure every|once every|up for/;
  const MTTR = /mttr|repair|recover|restor|fix|bring (?:it )?back|takes?|to come back|down for|outage|swap|replace|resolve/;
  let mtbf = times.find((q) => near(ctx, q, MTBF, 40, 24));
  let mttr = times.find((q) => q !== mtbf && near(ctx, q, MTTR, 40, 24));
  // "MTTR 1 hour with MTBF 720h": each time goes with the label nearest to it, when both are near both.
  if (mtbf && mttr && cueDistance(ctx, mtbf, MTTR) < cueDistance(ctx, mtbf, MTBF) && cueDistance(ctx, mttr, MTBF) < cueDistance(ctx, mttr, MTTR)) [mtbf, mttr] = [mttr, mtbf];
  const target = ctx.qs.find((q) => q.kind === 'percent' && q.value >= 0.5 && q.value < 1);
  if ((mtbf || mttr) && !(mtbf && mttr) && target && times.length === 1) {
    const given = (mtbf ?? mttr)!;
    return { calculator: 'availability', args: [`${mtbf ? 'mtbf' : 'mttr'}=${secs(given)}`, `target=${pct(target)}`], used: [given, target], consumes: ['time', 'percent'] };
  }
  if (!mtbf || !mttr) {
    if (mtbf || mttr) {
      const which = mtbf ? 'the mean time to repair (MTTR)' : 'the mean time between failures (MTBF)';
      return { calculator: 'availability', used: [mtbf ?? mttr!], consumes: ['time'], missing: { what: which, ask: mtbf ? 'how long does a repair take on average?' : 'how long does it run between failures on average?', example: mtbf ? `availability mtbf=${secs(mtbf)} mttr=<time>` : `availability mtbf=<time> mttr=${secs(mttr!)}` } };
    }
    return null;
  }
  const copies = countOf(ctx, COMPONENT_NOUN);
  // "a pair of nodes, either alone is enough": two copies, though no number says so.
  const pair = !copies && /\bpair of (?:\w+ )?(?:nodes?|servers?|replicas?|instances?|machines?|boxes|hosts?|databases?|dbs?|brokers?|copies)\b/.test(ctx.lower) && !/\b(?:single|one)\s+(?:\w+\s+)?(?:db|database|node|server|instance|machine|box|host)\b/.test(ctx.lower) && !/\bin front of\b/.test(ctx.lower) ? 2 : 0;
  if (((copies && copies.value >= 2) || pair) && has(ctx, PARALLEL)) {
    const n = copies ? copies.value : pair;
    if (n > 20 || !Number.isInteger(n)) return null;
    const a = mtbf.value / (mtbf.value + mttr.value);
    return { calculator: 'availability', positional: Array.from({ length: n }, () => pct(a)), args: ['mode=parallel'], used: copies ? [mtbf, mttr, copies] : [mtbf, mttr], consumes: ['time', 'count'], notes: [`one copy: MTBF ${mtbf.raw} and MTTR ${mttr.raw} give ${pct(a)}`, ...(pair ? ['a pair is two copies'] : [])] };
  }
  // Redundant copies with no count of them ("both nodes together"): one copy's figure would answer another question.
  if (has(ctx, PARALLEL) && has(ctx, /\b(?:both|either|together|combined)\b/)) return null;
  return { calculator: 'availability', args: [`mtbf=${secs(mtbf)}`, `mttr=${secs(mttr)}`], used: [mtbf, mttr], consumes: ['time', 'percent'] };
}

function planSlo(ctx: Ctx): Draft | null {
  const askRequests = /how many (?:failed |failing |bad |error(?:ed)? |unsuccessful )?(?:requests|errors|calls|failures)/.test(ctx.lower);
  if (!has(ctx, /error budget|burn rate|\bburn|budget/) && !(askRequests && has(ctx, /\bslo\b|\bsla\b|availab/))) return null;
  if (has(ctx, /\bdepend|dependenc|downstream|serial dep/)) return null;
  const percents = ctx.qs.filter((q) => q.kind === 'percent');
  const isErrorShare = (q: Quantity) => /(?:error|fail\w*|5xx|bad|erroring)\s*(?:rate|ratio)?\s*(?:of|is|at|=|:|now|right now|currently)?\s*(?:about|around|roughly|~)?\s*$/.test(ctx.lower.slice(Math.max(0, q.start - 40), q.start)) || /^\s*(?:of (?:requests|calls|traffic) )?(?:(?:have been|has been|are|were|is|keep) )?(?:errors?|erroring|fail|failing|failure|5xx|error rate)/.test(ctx.lower.slice(q.end, q.end + 40)) || /\b(?:failing|erroring)\s+$/.test(ctx.lower.slice(Math.max(0, q.start - 12), q.start));
  const leftShare = percents.find((q) => /^\s*(?:of (?:the |our |its )?(?:error )?budget )?(?:left|remaining|remains)/.test(ctx.lower.slice(q.end, q.end + 40)) || /\b(?:left|remaining)\s*(?:is|:)?\s*$/.test(ctx.lower.slice(Math.max(0, q.start - 20), q.start)));
  const target = percents.find((q) => q !== leftShare && q.value >= 0.9 && q.value < 1 && !isErrorShare(q));
  const burn = ctx.qs.find((q) => q.kind === 'multiplier' || ((q.kind === 'number' || q.kind === 'count') && /burn(?:ing)?(?: rate)?(?: of| at| is| =)?\s*$/.test(ctx.lower.slice(Math.max(0, q.start - 24), q.start))));
  if (!target && burn && !percents.some(isErrorShare)) {
    const w = /\b(\d+)[- ]day\b/.exec(ctx.lower);
    return { calculator: 'slo', args: [`burn=${fmt(burn.value)}`, ...(w ? [`window=${w[1]}d`] : []), ...(leftShare ? [`left=${pct(leftShare)}`] : [])], used: [burn, ...(leftShare ? [leftShare] : []), ...ctx.qs.filter((q) => w && q.kind === 'time' && q.value === Number(w[1]) * 86400)], consumes: ['percent', 'time'] };
  }
  if (!target) {
    const rate0 = percents.find(isErrorShare);
    if (rate0 && has(ctx, /how long|how fast|burn|when|until|before|run out|blow|exhaust/)) return { calculator: 'slo', used: [rate0], consumes: ['percent', 'time'], missing: { what: 'your SLO', ask: 'what is the SLO target (for example 99.9%) and its window (for example 30 days)?', example: `slo target=<SLO> window=30d error_rate=${pct(rate0)}` } };
    return null;
  }
  const used: Quantity[] = [target];
  const args = [`target=${pct(target)}`];
  if (leftShare) {
    args.push(`left=${pct(leftShare)}`);
    used.push(leftShare);
  }
  const errorRate = percents.find((q) => q !== target && q !== leftShare && (q.value < 0.9 || isErrorShare(q)));
  const times = ctx.qs.filter((q) => q.kind === 'time');
  const windowQ = times.find((q) => q.value >= 86400 && near(ctx, q, /window|over|rolling|per|slo|a|each|every|in/, 24, 12) && !near(ctx, q, /used|consumed|burn|spent|lost|had|outage|down|incident|already/, 24, 12));
  let window: number | undefined = windowQ?.value;
  if (windowQ) used.push(windowQ);
  else {
    const w = /\b(?:per|a|each|every|over a|in a|rolling|the|this)\s+(?:(\d+)[- ]day\s+)?(year|quarter|month|week)\b|\b(monthly|quarterly|weekly|yearly|annual)\b/.exec(ctx.lower);
    const word = w ? (w[2] ?? w[3])! : '';
    window = periodSeconds(word) || undefined;
  }
  if (window) args.push(`window=${secs(window)}`);
  const consumed = times.find((q) => q !== windowQ && (!window || q.value < window));
  if (consumed) {
    args.push(`consumed=${secs(consumed)}`);
    used.push(consumed);
  }
  if (errorRate) {
    args.push(`error_rate=${pct(errorRate)}`);
    used.push(errorRate);
  } else if (burn) {
    args.push(`burn=${fmt(burn.value)}`);
    used.push(burn);
  }
  const requests = ctx.qs.find((q) => (q.kind === 'count' && q.noun && /^(?:request|call|transaction|event|query|querie)$/.test(q.noun)) || (q.kind === 'rate' && (!q.noun || /^(?:request|call|transaction|event|query|querie)$/.test(q.noun))));
  if (!requests && askRequests) {
    return { calculator: 'slo', used, consumes: ['percent', 'time', 'rate', 'count'], missing: { what: 'your request volume', ask: 'how many requests do you serve in the SLO window (or per second on average)?', example: `${['slo', ...args].join(' ')} requests=<requests in the window>`, partial: ['slo', ...args].join(' ') } };
  }
  if (requests) {
    const total = requests.kind === 'rate' ? requests.value * (window ?? 30 * 86400) : requests.value;
    args.push(`requests=${fmt(total)}`);
    used.push(requests);
    const failed = ctx.qs.find((q) => q !== requests && (q.kind === 'count' || q.kind === 'number') && /^\s*(?:of them\s+|requests?\s+|calls?\s+)?(?:errored|failed|errors?|failures?|5xx|were errors|returned errors|timed out)/.test(ctx.lower.slice(q.end, q.end + 30)));
    if (failed) {
      args.push(`failed=${fmt(failed.value)}`);
      used.push(failed);
    }
  }
  return { calculator: 'slo', args, used, consumes: ['percent', 'time'] };
}

// ---------------------------------------------------------------------------------------------
// Latency, queues and concurrency.

function planTail(ctx: Ctx): Draft | null {
  if (!has(ctx, /fan[- ]?s? ?out|fans out|fanning|scatter|in parallel to|parallel calls|backends|shards|leaves|leaf|tail|slow|percentile|\bp\d{2}/)) return null;
  if (has(ctx, /availab|uptime|\bnines\b/)) return null;
  // The calculator gives shares of slow requests and the percentile or fan-out that keeps them rare:
  // a question that asks none of that ("p99 is 2s across 3 services; what would you do?") is not its.
  if (!has(ctx, /fraction|share|%|percent|probabilit|chance|odds|likel|how (?:often|many|rare|much|wide|large|big|slow)|percentile|fan-?out|tail latency|end[- ]to[- ]end|overall|what(?:'s| is) (?:the |our )?(?:\w+'?s? )?p\d{2}|\bwhy\b|expect|what (?:happens|does that (?:do|mean))|slow (?:requests?|queries|page)|end up|hit at least/)) return null;
  // Hedged or first-response reads take the fastest of several, the opposite of waiting for all.
  if (has(ctx, /hedg|whichever (?:\w+ )?(?:answers|responds|returns|comes back|is) first|first (?:response|reply|answer)|fastest (?:of|one)/)) return null;
  const fan = ctx.qs.find((q) => (q.kind === 'count' || q.kind === 'number') && Number.isInteger(q.value) && q.value >= 1 && (isCount(q, /^(?:backend|server|shard|service|leaf|leave|node|partition|replica|downstream|call|microservice|dependency|dependencie|host|instance|worker|machine|subrequest|rpc|query|querie|way|parallel)$/) || /(?:fan(?:s|ning)?[- ]?out(?: to| of| is)?|scatter(?:s|ing)? to|hits?|waits? (?:on|for)|queries|touches|calls)\s*$/.test(ctx.lower.slice(Math.max(0, q.start - 20), q.start))));
  const pName = /\bp(\d{2}(?:\.\d+)?)\b|\b(\d{2}(?:\.\d+)?)(?:th|st|nd|rd)[- ]percentile/.exec(ctx.lower);
  const percents = ctx.qs.filter((q) => q.kind === 'percent');
  // Shares said of one backend ("each leaf is slow 1% of the time") against shares said of user requests.
  const requestLevel = (q: Quantity) => /\b(?:requests?|queries|users?|calls?|page ?loads?|searches)\b/.test(ctx.lower.slice(q.end, q.end + 30)) || /\b(?:requests?|queries|users?)\b[^.,;]{0,20}$/.test(ctx.lower.slice(Math.max(0, q.start - 30), q.start));
  const backendShare = percents.find((q) => q.value <= 0.2 && !requestLevel(q) && near(ctx, q, /slow|tail|over|above|exceed|longer|late|miss/, 40, 40));
  const requestShare = percents.find((q) => q !== backendShare && requestLevel(q));
  const fastTarget = requestShare ? (requestShare.value >= 0.5 ? requestShare.value : 1 - requestShare.value) : undefined;
  const percentile = pName ? Number(pName[1] ?? pName[2]) : backendShare ? 100 - backendShare.value * 100 : undefined;
  const used: Quantity[] = [];
  if (backendShare) used.push(backendShare);
  if (!fan) {
    if (percentile !== undefined && fastTarget !== undefined && has(ctx, /how (?:many|wide|large|big)|largest|max(?:imum)?|most|at what (?:fan-?out|number|size)|what fan-?out/)) {
      return { calculator: 'tail', args: [`percentile=${fmt(percentile)}`, `target=${pct(fastTarget)}`], used: [...used, requestShare!], consumes: ['percent', 'count'] };
    }
    if (backendShare && has(ctx, /backends?|shards?|servers|nodes|leaves|services/) && has(ctx, /(?:user|our|end|client|overall)\s+requests?|fraction|what share|how many requests/)) {
      return { calculator: 'tail', used, consumes: ['percent', 'count'], missing: { what: 'the fan-out', ask: 'how many backends does one user request wait on?', example: `tail fanout=<backends> percentile=${fmt(percentile!)}` } };
    }
    return null;
  }
  used.push(fan);
  if (fastTarget !== undefined && percentile === undefined) {
    // "so that 99% of user requests are fast, what percentile must each backend meet?"
    return { calculator: 'tail', args: [`fanout=${fmt(fan.value)}`, `percentile=${fmt(fastTarget * 100)}`], used: [...used, requestShare!], consumes: ['percent', 'count'] };
  }
  if (percentile === undefined) {
    if (!has(ctx, /tail|slow|percentile/)) return null;
    return { calculator: 'tail', used, consumes: ['percent', 'count'], missing: { what: 'how often one backend is slow', ask: 'which backend percentile counts as slow (p99 means 1 call in 100)?', example: `tail fanout=${fmt(fan.value)} percentile=99` } };
  }
  if (requestShare) return null;
  // A time named beside the percentile ("p99 of 200 ms", "slower than 1 s") only labels what "slow" means.
  for (const q of ctx.qs) if (q.kind === 'time' && (q.percentile !== undefined || near(ctx, q, /slow\w*|longer|over|above|exceed\w*|than|past|beyond|>/, 24, 0))) used.push(q);
  return { calculator: 'tail', args: [`fanout=${fmt(fan.value)}`, `percentile=${fmt(percentile)}`], used, consumes: ['percent', 'count'] };
}

function planQueue(ctx: Ctx): Draft | null {
  // "fine at 60% cpu, now 88% and p99 is 20x worse; why so nonlinear?": two utilizations of one
  // queue compare in multiples of its service time, which needs no service time.
  const loads = ctx.qs.filter((q) => q.kind === 'percent' && q.value > 0 && q.value < 1 && (near(ctx, q, /util|busy|load|loaded|running at|run at|\bcpu\b/, 40, 24) || /\b(?:sits?|sitting|runs?|running|is|are|at)\s+(?:at\s+)?(?:about\s+|around\s+|~\s*)?$/.test(ctx.lower.slice(Math.max(0, q.start - 16), q.start))) && !/^\s*(?:more|less|fewer|extra|additional|of (?:the )?(?:traffic|load|requests))\b/.test(ctx.lower.slice(q.end, q.end + 24)) && !near(ctx, q, /\b(?:traffic|load|requests?) (?:went|grew|rose|increased|jumped) up\b|\b(?:grew|rose|increased|jumped) by\b/, 30, 0));
  // (One of them said of the cpu or utilization itself, and nothing that makes them other shares: availability, errors, hit rates, disk.)
  const ofCpu = loads.some((q) => near(ctx, q, /utili[sz]|\bbusy\b|\bcpu\b/, 40, 24)) && !has(ctx, /availab|uptime|\bnines\b|\bslo\b|\bsla\b|error|success|hit (?:rate|ratio)|\bdisk\b|memory|storage|\bram\b/);
  if (loads.length === 2 && ofCpu && !ctx.qs.some((q) => q.kind === 'rate' || (q.kind === 'time' && near(ctx, q, /service|takes?|processing|per (?:request|job|call)/, 30, 20))) && has(ctx, /\bwhy\b|how come|how can (?:that|this|it) be|non-?linear|(?:so|much|way) (?:worse|slower)|how much (?:worse|slower)|explain|what happens/)) {
    const [a, b] = [...loads].sort((x, y) => x.start - y.start) as [Quantity, Quantity];
    if (a.value === b.value) return null;
    const others = ctx.qs.filter((q) => q.kind === 'percent' && q !== a && q !== b);
    const servers = ctx.qs.find((q) => isCount(q, SERVER_NOUN) && /\b(?:queue|m\/m\/)/.test(ctx.lower));
    return { calculator: 'queue', args: [`util=${pct(a)}`, `then=${pct(b)}`, ...(servers ? [`servers=${fmt(servers.value)}`] : [])], used: [a, b, ...(servers ? [servers] : [])], consumes: ['percent', 'count'], irrelevant: others };
  }
  if (!has(ctx, /queue|queuing|queueing|\bwait|utili[sz]ation|utilis|\bbusy\b|service (?:time|rate)|m\/m\/|erlang|\bmu\b|μ|\blambda\s*=|λ|arrival|poisson/)) return null;
  if (ctx.qs.some((q) => isCount(q, CONCURRENT_NOUN) || near(ctx, q, /pool|concurrency|in flight/, 20, 0)) && !has(ctx, /service time|utili[sz]|\bbusy\b|m\/m\/|poisson|exponential/)) return null;
  const used: Quantity[] = [];
  const args: string[] = [];
  const rates = ctx.qs.filter((q) => q.kind === 'rate');
  const times = ctx.qs.filter((q) => q.kind === 'time');
  const serviceRate = rates.find((q) => q.per && SERVER_NOUN.test(q.per)) ?? rates.find((q) => near(ctx, q, /(?:service rate|\bmu\b|μ|each (?:server|worker|instance|node)?\s*(?:can )?(?:handle|do|serve|process)\w*|can (?:do|handle|serve|process)|capacity|handles|serves|processes)\s*(?:of|is|=|:|at|about|around|~)?\s*$/, 40, 0) || /^\s*(?:each|per (?:server|worker|instance))/.test(ctx.lower.slice(q.end, q.end + 16)));
  const arrival = rates.find((q) => q !== serviceRate);
  const serviceTime = times.find((q) => q.percentile === undefined && !q.target && near(ctx, q, /service|takes?|processing|handling|per (?:request|job|call|task)|each (?:request|job|call|task)|on average|mean|average|exponential/, 40, 30) && !near(ctx, q, /\b(?:wait|response|latency|under|below|less than|target)\b[^.]{0,12}$/, 24, 0));
  const targetsT = times.filter((q) => q !== serviceTime && (q.target || near(ctx, q, /under|below|less than|at most|keep|within|target|bound/, 32, 0)));
  const servers = ctx.qs.find((q) => isCount(q, SERVER_NOUN)) ?? (/\bm\/m\/(\d+)\b/.exec(ctx.lower) ? undefined : undefined);
  const mmc = /\bm\/m\/(\d+)\b/.exec(ctx.lower);
  const single = /\b(?:single|one)[- ](?:server|worker|thread|queue|core|instance|cashier|consumer)\b|\bm\/m\/1\b/.test(ctx.lower);
  const utils = ctx.qs.filter((q) => q.kind === 'percent' && near(ctx, q, /util|busy|load|loaded|running at|run at/, 40, 24));
  if (utils.length > 1) return null;
  if (!serviceRate && !serviceTime && utils.length === 1 && arrival && !servers && (single || !has(ctx, /\bservers\b|\bworkers\b/))) {
    // "70% busy at 300 req/s on one worker": the service time follows (ρ = λS).
    const s = utils[0]!.value / arrival.value;
    return { calculator: 'queue', args: [`service=${secs(s)}`, 'servers=1', `arrival=${perSec(arrival)}`, ...targetsT.map((t) => `target=${secs(t)}`).slice(0, 1)], used: [utils[0]!, arrival, ...targetsT.slice(0, 1)], consumes: ['rate', 'time', 'percent', 'count'], notes: [`service time ${fmt(s * 1000)} ms from ${pct(utils[0]!)} busy at ${fmt(arrival.value)}/s`] };
  }
  if (!serviceRate && !serviceTime) {
    if (utils.length || arrival) return { calculator: 'queue', used: [...utils, ...(arrival ? [arrival] : [])], consumes: ['rate', 'time', 'percent', 'count'], missing: { what: 'the service time', ask: 'how long does one request (or job) take to serve on average, or how many per second can one server handle?', example: `queue ${arrival ? `arrival=${perSec(arrival)}` : `util=${pct(utils[0]!)}`} service=<time>` } };
    return null;
  }
  if (serviceRate) {
    args.push(`service=${perSec(serviceRate)}`);
    used.push(serviceRate);
  } else {
    args.push(`service=${secs(serviceTime!)}`);
    used.push(serviceTime!);
  }
  if (servers) {
    if (!Number.isInteger(servers.value) || servers.value < 1) return null;
    args.push(`servers=${fmt(servers.value)}`);
    used.push(servers);
  } else if (mmc) args.push(`servers=${mmc[1]}`);
  else if (!single && has(ctx, /\bservers\b|\bworkers\b/) && !targetsT.length && !has(ctx, /how many (?:servers|workers)/)) return null;
  if (arrival) {
    args.push(`arrival=${perSec(arrival)}`);
    used.push(arrival);
  } else if (utils.length) {
    args.push(`util=${pct(utils[0]!)}`);
    used.push(utils[0]!);
  } else if (!targetsT.length) {
    return { calculator: 'queue', used, consumes: ['rate', 'time', 'percent', 'count'], missing: { what: 'the arrival rate', ask: 'how many requests arrive per second (or how busy is the server, as a utilization)?', example: `queue arrival=<rate> ${args.join(' ')}` } };
  }
  for (const t of targetsT) {
    const key = t.percentile === 99 || near(ctx, t, /\bp99\b|99th/, 40, 20) ? 'target_p99' : near(ctx, t, /response|time in (?:the )?system|latency|end[- ]to[- ]end|total/, 40, 20) ? 'target_response' : 'target';
    if (args.some((a) => a.startsWith(`${key}=`))) return null;
    args.push(`${key}=${secs(t)}`);
    used.push(t);
  }
  return { calculator: 'queue', args, used, consumes: ['rate', 'time', 'percent', 'count'] };
}

const CONCURRENT_NOUN = /^(?:connection|request|thread|session|worker|process|stream|message|order|checkout|job|task|item|call|query|querie|invocation|execution|function|slot|user|transaction|upload|event|record)$/;

/** "how big should the connection pool be", "size a bulkhead", "pool size": a question that asks for a concurrency. */
const POOL_SIZING = /\bhow (?:big|large|many \w+) (?:should|must|do|does|would|will|can|to make)\b[^?]*\b(?:pools?|bulkheads?|semaphores?|concurrency limits?)\b|\b(?:pool|bulkhead|semaphore) (?:size|sizing)\b|\bsiz(?:e|ing) (?:a |an |the |our |my |each |every |this |that |its |their )?(?:[\w-]+ ){0,3}?(?:pools?|bulkheads?|semaphores?|concurrency limits?)\b|\bhow (?:big|large) (?:a |an |the |of a )?(?:[\w-]+ ){0,3}?(?:pool|bulkhead|semaphore)\b/;

/** "each API pod handles 200 req/s": the unit a per-server rate is of ("pod"), as the question names it. */
function rateUnit(ctx: Ctx, q: Quantity): string | undefined {
  if (q.per && q.per !== 'server' && q.per !== 'each' && SERVER_NOUN.test(q.per)) return q.per;
  const m = [...ctx.lower.slice(Math.max(0, q.start - 60), q.start).matchAll(/\b(?:each|every|one|a single|per)\s+(?:[a-z-]+\s+){0,2}?(pod|instance|node|server|worker|host|machine|box|vm|container|replica|process|consumer|dyno)s?\b/g)].pop();
  return m?.[1];
}

/** "4 instances", "1 instance", "3 boxes": a count of a noun as a person would write it. */
export function counted(n: Quantity, noun: string): string {
  return `${n.raw} ${n.value === 1 ? noun : plural(noun)}`;
}

/** "2k rps across 10 pods": a total rate spread evenly over a fleet, as one member's rate (Little's law per pod). */
function spreadOverFleet(ctx: Ctx, r: Quantity, t: Quantity, f: Quantity, ignored: Quantity[], extra: { used: Quantity[]; args: string[] } = { used: [], args: [] }): Draft {
  const unit = f.noun!;
  return {
    calculator: 'littles-law',
    args: [`throughput=${perSec(r.value / f.value)}`, `latency=${secs(t)}`, `per=${unit}`, `fleet=${fmt(f.value)}`, ...extra.args],
    used: [...ignored, r, t, f, ...extra.used],
    consumes: ['rate', 'time', 'count', 'number'],
    notes: [`${r.raw} over ${counted(f, unit)} is ${fmt(r.value / f.value)}/s per ${unit}, if the load is spread evenly`],
  };
}

/** A rate one server does ("each pod handles 200 req/s", "4 instances each doing 500 queries/s"), not the total. */
function perUnitRate(ctx: Ctx, r: Quantity): boolean {
  const before = ctx.lower.slice(Math.max(0, r.start - 40), r.start);
  return !!rateUnit(ctx, r) || /\b(?:pod|instance|node|server|host|machine|box|vm|container|replica|worker)s?\s+(?:each|apiece)\b[^.,;]{0,24}$/.test(before) || /^\s*(?:each|apiece|per (?:pod|instance|node|server|host|machine|box|vm|container|replica|worker))\b/.test(ctx.lower.slice(r.end, r.end + 30));
}

/** Rates given per server ("each pod handles 200 req/s"). */
function unitRatesOf(ctx: Ctx): Quantity[] {
  return ctx.qs.filter((q) => q.kind === 'rate' && !!q.per && SERVER_NOUN.test(q.per));
}

function planLittle(ctx: Ctx): Draft | null {
  const poolSizing = POOL_SIZING.test(ctx.lower);
  const asksConcurrency = poolSizing || /\bhow many (?:\w+ )?(?:vms|workers|servers|instances|machines|pods|consumers|threads)\b[^?]*\bkeep up\b|\b(?:in[- ]flight|concurren\w*|in progress|at once|at (?:any|a|one) (?:given )?(?:time|moment)|simultaneous\w*|outstanding|in the system|open connections|how many (?:requests|connections|threads|workers|sessions|jobs|orders|checkouts|calls)\b[^?]*\b(?:at|in|open|active|running)|how many (?:[\w-]+ ){0,2}?(?:connections|threads|sessions)\b[^?]*\b(?:need|required|enough|should|must))/.test(ctx.lower);
  const rateWords = /\b(?:max(?:imum)? (?:throughput|rps|qps|rate|invocations|requests)|how many (?:rps|qps|requests per second)|what throughput|sustain|throughput (?:are|is|can))/.test(ctx.lower);
  if (!asksConcurrency && !rateWords && !has(ctx, /little|pool|connections?\b|behind|backlog|\blag\b|sits at|on average|threads?\b|worker process|concurrency limit|query time|time (?:a|each) \w+ spends|spends in/)) return null;
  if (has(ctx, /service time|utili[sz]|\bbusy\b|m\/m\/|erlang|poisson/)) return null;
  const rates = ctx.qs.filter((q) => q.kind === 'rate' && !q.per);
  const times = ctx.qs.filter((q) => q.kind === 'time' && q.percentile === undefined && !/\b(?:every|each|per|once a|once every)\s*$/.test(ctx.lower.slice(Math.max(0, q.start - 14), q.start)));
  const ignored = ctx.qs.filter((q) => q.kind === 'time' && near(ctx, q, /retention|ttl|keep|kept|stored for/, 24, 16));
  const usefulTimes = times.filter((q) => !ignored.includes(q));
  if (ctx.qs.some((q) => q.kind === 'size' || q.kind === 'percent' || q.kind === 'money')) return null;
  if (rates.length > 1 || usefulTimes.length > 1) return null;
  // Concurrency: a count of in-flight things, or a pool or limit; counts "per instance" multiply by the instances.
  const concs = ctx.qs.filter((q) => !ignored.includes(q) && (q.kind === 'count' || q.kind === 'number') && (isCount(q, CONCURRENT_NOUN) || near(ctx, q, /(?:pool|concurrency|limit|cap(?:ped)?|behind|backlog|lag)\s*(?:of|is|at|=|:|size)?\s*(?:(?:currently|now|today|set to|set at)\s*)?(?:about|around|~)?\s*$/, 30, 0)));
  const fleet = ctx.qs.filter((q) => !concs.includes(q) && isCount(q, /^(?:instance|node|pod|server|host|machine|replica|box|container)$/));
  // "20 per instance": the unit a count is per.
  const unitAfter = (q: Quantity) => /^\s*(?:\w+\s+){0,2}(?:per|each|on each|for each|a)\s+(instance|node|pod|server|host|machine|replica|box|container)\b/.exec(ctx.lower.slice(q.end, q.end + 40))?.[1];
  const perFleetUnit = (q: Quantity) => !!unitAfter(q) || /\beach (?:pod|instance|node|server)\s+(?:handles|holds|takes|runs|can (?:handle|hold|take|run))\s*$/.test(ctx.lower.slice(Math.max(0, q.start - 40), q.start));
  const used: Quantity[] = [...ignored];
  const args: string[] = [];
  let perUnit: Quantity | undefined;
  let conc: number | undefined;
  const notes: string[] = [];
  // Only a pool or a limit of concurrency (threads, workers, a connection pool, a bulkhead) is set
  // against what the load needs; a backlog, a rate limit or a count of open connections is not one.
  const isPool = (q: Quantity) =>
    !near(ctx, q, /\brate[- ]limit|\bper (?:second|sec|minute|min|hour)\b|\/s\b|\b(?:open|active|busy|running|in[- ]flight|behind|backlog|lag|queued)\b/, 30, 20) &&
    (isCount(q, /^(?:thread|worker|slot)$/) || near(ctx, q, /\b(?:pool|bulkhead|semaphore|concurrency limit|max(?:imum)? (?:pool|connections|threads|workers|concurrency)|(?:connection|thread|worker) (?:limit|cap)|capped at|limited to)\b/, 30, 20));
  if (concs.length === 1) {
    const c = concs[0]!;
    const f = fleet[0];
    // "2,000 queries/s, 50 ms each; the pool is 20 per instance x 4 instances": the pool the user has is
    // what the answer is compared with, so the rate is spread over the instances and one instance's need
    // computed; only when the pool is per the same unit as the fleet, and the rate is the total (a rate
    // "each" instance does is not divided again).
    const poolUnit = !!f && unitAfter(c) === f.noun;
    if (perFleetUnit(c) && fleet.length === 1 && !poolUnit) return null;
    if (perFleetUnit(c) && fleet.length === 1 && isPool(c) && Number.isInteger(f!.value) && f!.value >= 1 && rates.length === 1 && usefulTimes.length === 1 && !unitRatesOf(ctx).length) {
      const r = rates[0]!;
      if (!perUnitRate(ctx, r)) return spreadOverFleet(ctx, r, usefulTimes[0]!, f!, ignored, { used: [c], args: [`have=${fmt(c.value)}`] });
      return { calculator: 'littles-law', args: [`throughput=${perSec(r)}`, `latency=${secs(usefulTimes[0]!)}`, `per=${f!.noun}`, `fleet=${fmt(f!.value)}`, `have=${fmt(c.value)}`], used: [...ignored, r, usefulTimes[0]!, c, f!], consumes: ['rate', 'time', 'count', 'number'] };
    }
    if (perFleetUnit(c) && fleet.length === 1) {
      conc = c.value * fleet[0]!.value;
      notes.push(`${c.raw} per unit × ${fleet[0]!.raw} units = ${fmt(conc)} in all`);
      used.push(c, fleet[0]!);
    } else if (perFleetUnit(c) && !fleet.length && rates.length && usefulTimes.length) {
      perUnit = c;
      used.push(c);
    } else if (!perFleetUnit(c)) {
      conc = c.value;
      used.push(c);
    } else return null;
  } else if (concs.length > 1) return null;
  if (rates[0]) {
    args.push(`throughput=${perSec(rates[0])}`);
    used.push(rates[0]);
  }
  if (usefulTimes[0]) {
    args.push(`latency=${secs(usefulTimes[0])}`);
    used.push(usefulTimes[0]);
  }
  // "400 rps with a 200-thread pool, and calls now take 2 s": the pool is what the load is set against.
  // Another count ("5,000 messages behind") is not used by the calculation: it is named as not
  // placed, with the fleet it was multiplied by.
  const pool = !!concs[0] && isPool(concs[0]);
  const have = conc !== undefined && args.length === 2 && pool ? conc : undefined;
  if (conc !== undefined && args.length === 2 && !pool) {
    for (const q of [concs[0]!, ...(perFleetUnit(concs[0]!) ? fleet.slice(0, 1) : [])]) used.splice(used.indexOf(q), 1);
    notes.splice(0, notes.length);
  }
  if (conc !== undefined && args.length < 2) args.push(`concurrency=${fmt(conc)}`);
  // "each API pod handles 200 req/s, each request holds a connection 15 ms: how big should the pool be?": one pod's pool.
  const unitRates = unitRatesOf(ctx);
  if (!rates.length && unitRates.length === 1 && usefulTimes.length === 1 && !concs.length && asksConcurrency && !rateWords) {
    const r = unitRates[0]!;
    const unit = rateUnit(ctx, r);
    if (!unit) return null;
    const sameFleet = fleet.filter((q) => q.noun === unit && Number.isInteger(q.value) && q.value >= 1);
    if (fleet.length && sameFleet.length !== fleet.length) return null;
    if (sameFleet.length > 1) return null;
    const fleetQ = sameFleet[0];
    return { calculator: 'littles-law', args: [`throughput=${perSec(r)}`, `latency=${secs(usefulTimes[0]!)}`, `per=${unit}`, ...(fleetQ ? [`fleet=${fmt(fleetQ.value)}`] : [])], used: [...ignored, r, usefulTimes[0]!, ...(fleetQ ? [fleetQ] : [])], consumes: ['rate', 'time', 'count', 'number'] };
  }
  // "2k rps across 10 pods ... pool size per pod?": the rate spread evenly over the pods, then one pod's pool.
  if (rates.length === 1 && !unitRates.length && usefulTimes.length === 1 && !concs.length && poolSizing && !rateWords && fleet.length === 1) {
    const f = fleet[0]!;
    const unit = f.noun!;
    const spread = /\b(?:across|over|on|between|spread over|split (?:across|over|between)|behind|from|with|using|running on|run on)\s+(?:the\s+|our\s+|its\s+)?$/.test(ctx.lower.slice(Math.max(0, f.start - 24), f.start)) || /\b(?:per|each|every)\s+(?:pod|instance|node|server|host|machine|replica|box|container)\b/.test(ctx.lower);
    if (!spread || !Number.isInteger(f.value) || f.value < 1) return null;
    return spreadOverFleet(ctx, rates[0]!, usefulTimes[0]!, f, ignored);
  }
  // "how big should the pool be?" with a rate but no hold time (or the reverse): ask for the other one.
  if (poolSizing && !concs.length && !rateWords && rates.length + unitRates.length <= 1 && usefulTimes.length <= 1 && (rates.length + unitRates.length) + usefulTimes.length === 1) {
    const r = rates[0] ?? unitRates[0];
    const unit = !rates.length && r ? rateUnit(ctx, r) : undefined;
    if (r) return { calculator: 'littles-law', used: [...ignored, r], consumes: ['rate', 'time', 'count', 'number'], missing: { what: 'how long each request holds its connection or thread', ask: 'how long does one request hold its connection (or thread, or bulkhead slot) on average? The pool needs rate × that time, plus headroom.', example: `littles-law throughput=${perSec(r)} latency=<time>${unit ? ` per=${unit}` : ''}` } };
    const t = usefulTimes[0]!;
    return { calculator: 'littles-law', used: [...ignored, t], consumes: ['rate', 'time', 'count', 'number'], missing: { what: 'the request rate', ask: `how many requests per second use the pool (for one pod, or in all)? The pool needs rate × ${t.raw}, plus headroom.`, example: `littles-law throughput=<rate> latency=${secs(t)}` } };
  }
  // Asking for the missing one only when the question asks for a figure ("what's the average latency?"), never for "how can two requests be concurrent".
  const asksFigure = /\b(?:what(?:'s| is| are)? (?:the |our |its )?(?:avg|average|mean|max(?:imum)?|typical|expected)?\s*(?:latency|throughput|rps|qps|time|concurrency|rate)|how (?:long|many|fast|much))\b/.test(ctx.lower);
  if (args.length === 1 && asksFigure && used.every((q) => q.value >= 3) && (asksConcurrency || rateWords || /\b(?:latency|how long|response time|throughput|rps|qps)\b/.test(ctx.lower))) {
    const have = args[0]!.split('=')[0]!;
    const want = have === 'concurrency' ? (/latency|how long|response time|time/.test(ctx.lower) ? 'the request rate' : 'the latency (time each request spends)') : have === 'throughput' ? 'the latency (time each request spends) or the concurrency' : 'the request rate or the concurrency';
    return { calculator: 'littles-law', used, consumes: ['rate', 'time', 'count', 'number'], missing: { what: want, ask: have === 'concurrency' ? 'how many requests per second does it serve (or how long does each take)? Any two of concurrency, throughput and latency give the third.' : 'any two of concurrency, throughput and latency give the third: which other one do you know?', example: `littles-law ${args[0]} ${have === 'throughput' ? 'latency=<time>' : 'throughput=<rate>'}` } };
  }
  if (args.length !== 2) return null;
  if (conc === undefined && !asksConcurrency && !perUnit) return null;
  if (perUnit) args.push(`per_unit=${fmt(perUnit.value)}`);
  if (have !== undefined) args.push(`have=${fmt(have)}`);
  return { calculator: 'littles-law', args, used, consumes: ['rate', 'time', 'count', 'number'], notes };
}

/** "How much capacity should we plan for?": a question about the load to plan for, not a server count. */
const PLAN_LOAD = /\bhow much (?:capacity|load|traffic|headroom) (?:should|do|will|would|must) (?:we|i) (?:plan|provision|need|expect|budget)\b|\bwhat (?:capacity|load|peak) (?:should|do|will|would) (?:we|i) plan for\b|\bcapacity (?:do|should|would|will) (?:we|i) (?:plan|need|provision)\b/;

function planCapacity(ctx: Ctx): Draft | null {
  if (!has(ctx, PLAN_LOAD) && !has(ctx, /how many (?:\w+ )?(?:servers|instances|pods|nodes|machines|hosts|boxes|vms|containers|workers|replicas|dynos|tasks|brokers)|(?:servers|instances|pods|nodes|machines|hosts|boxes|vms|containers|workers) (?:do|would|will|should) (?:i|we) need|size the (?:fleet|cluster)|provision|capacity plan|(?:instance|server|node|pod|box) count|total (?:instances|servers|nodes|pods|boxes)|fleet size|what peak (?:rps|qps|traffic|load)|peak (?:rps|qps) (?:should|do|would|will)/)) return null;
  // A bound on waiting or response time makes it a queueing question.
  if (ctx.qs.some((q) => q.kind === 'time') && has(ctx, /\bwait|queue|response time|latency|\bp9\d/)) return null;
  const zonesQ = ctx.qs.find((q) => isCount(q, /^(?:az|zone|availability|region|datacenter|data|dc)$/) && q.value >= 2);
  const zoneLoss = zonesQ && has(ctx, /(?:az|zone|region|datacenter|dc)s?\b[^.?]*\b(?:down|fail|lose|loss|lost|outage|goes away|dies)|(?:lose|losing|loss of|survive)[^.?]*\b(?:az|zone|region|datacenter)/);
  const rates = ctx.qs.filter((q) => q.kind === 'rate');
  if (ctx.qs.some((q) => q.kind === 'size')) return null;
  const perServer = rates.find((q) => q.per && SERVER_NOUN.test(q.per)) ?? rates.find((q) => q.per === 'each' && /\b(?:servers?|boxes|box|instances?|nodes?|pods?|machines?|hosts?|vms?)\b/.test(ctx.lower.slice(Math.max(0, q.start - 40), q.start))) ?? rates.find((q) => near(ctx, q, /\b(?:each|one|1|a single|per|an?)\s+(?:\w+\s+){0,2}(?:server|instance|pod|node|machine|host|box|vm|container|worker|replica|dyno|core)s?\b[^.]{0,30}$|benchmark|tops? out|max(?:es)? out|load test|can (?:handle|do|serve|take|sustain)|(?:servers?|instances?|boxes|nodes|pods)\s+(?:each\s+)?(?:max out|top out|handle|do|serve|can do)\s*(?:at|about|around)?\s*$/, 60, 30));
  const users = ctx.qs.find((q) => isCount(q, /^(?:user|dau|mau|customer|device|visitor|client|member|player)$/));
  const perUserRate = rates.find((q) => q !== perServer && users && (q.per && /^(?:user|customer|device|visitor|client)$/.test(q.per) || /\beach\b|\bevery (?:user|customer)|per (?:user|customer|device)/.test(ctx.lower.slice(Math.max(0, q.start - 40), q.start))));
  let demand = rates.filter((q) => q !== perServer);
  let userDemand: number | undefined;
  if (users && perUserRate && demand.length === 1) {
    userDemand = users.value * perUserRate.value;
    demand = [];
  }
  if (demand.length > 1) return null;
  const mult = ctx.qs.find((q) => q.kind === 'multiplier' && near(ctx, q, /peak|spike|burst|average|avg|mean|normal/, 30, 30));
  // "250 rps at 75% cpu": the share describes how the capacity was measured, not a target to apply again.
  const describesCapacity = (q: Quantity) => !!perServer && q.start > perServer.end && /^\s*(?:at|@|with|on)\s*(?:about\s+|~)?$/.test(ctx.lower.slice(perServer.end, q.start));
  // "we expect 50% growth", "traffic will grow 40% by next year": the load to plan for is the peak
  // after it. Growth that already happened ("up 50% year over year", "after a 50% increase") is in the
  // figures given, and a rate of growth ("10% a month") needs a horizon: neither is applied, and
  // neither is read as a utilization target.
  const growthLike = (q: Quantity) => q.kind === 'percent' && near(ctx, q, /\bgrow|growth|increase|\bup by|\bup\s*$|\brise|more (?:traffic|load|users|requests)|year[- ]over[- ]year|\byoy\b/, 24, 16) && !near(ctx, q, /util|cpu|busy|headroom|buffer|margin|spare|safety|target|no more than/, 24, 16);
  const growth = ctx.qs.find((q) => growthLike(q) && near(ctx, q, /\b(?:expect\w*|will|next (?:year|quarter|month|season)|plan(?:ning)? for|project\w*|forecast\w*|anticipat\w*|by (?:next|the end of))\b/, 48, 40) && !near(ctx, q, /\b(?:since|ago|last (?:year|quarter|month|week)|year[- ]over[- ]year|yoy|after an?|already|so far)\b|\b(?:per|a|each|every) (?:month|quarter|week|day)\b|\b(?:monthly|weekly|daily)\b/, 32, 24));
  const util = ctx.qs.find((q) => q.kind === 'percent' && !growthLike(q) && !describesCapacity(q) && near(ctx, q, /util|cpu|busy|load|run (?:them )?at|keep (?:them )?(?:at|under|below)|target|ceiling|no more than|max|above|over|exceed|higher than|beyond/, 40, 24) && !near(ctx, q, /headroom|buffer|margin|spare|safety/, 24, 24));
  const measuredAt = ctx.qs.find((q) => q.kind === 'percent' && describesCapacity(q));
  const headroom = ctx.qs.find((q) => q.kind === 'percent' && q !== util && !growthLike(q) && near(ctx, q, /headroom|buffer|margin|safety|extra|on top/, 24, 24));
  const used: Quantity[] = [];
  const args: string[] = [];
  const multiplier = mult ?? ctx.qs.find((q) => (q.kind === 'number' || q.kind === 'count') && /peak(?:\s+(?:factor|ratio|multiplier|to average|is))?\s*(?:of|is|=|:)?\s*$/.test(ctx.lower.slice(Math.max(0, q.start - 24), q.start)));
  if (userDemand !== undefined) {
    used.push(users!, perUserRate!);
    if (multiplier) {
      args.push(`avg=${perSec(userDemand)}`, `peak_ratio=${fmt(multiplier.value)}`);
      used.push(multiplier);
    } else args.push(`peak=${perSec(userDemand)}`);
  } else {
    if (!demand.length) return null;
    const d = demand[0]!;
    used.push(d);
    if (multiplier && !near(ctx, d, /\bpeak\b/, 20, 10)) {
      args.push(`avg=${perSec(d)}`, `peak_ratio=${fmt(multiplier.value)}`);
      used.push(multiplier);
    } else args.push(`peak=${perSec(d)}`);
  }
  if (growth) {
    args.push(`growth=${pct(growth)}`);
    used.push(growth);
  }
  // "what peak rps do 2M users make?", "how much capacity should we plan for?": the load itself.
  const asksLoad = /\b(?:what|how much|how many)\b[^?]*\b(?:peak )?(?:rps|qps|requests per second|rate|traffic|load)\b/.test(ctx.lower) || PLAN_LOAD.test(ctx.lower);
  if (!perServer && (userDemand !== undefined || multiplier || growth) && asksLoad && !/how many (?:\w+ )?(?:servers|instances|pods|nodes|machines|boxes)/.test(ctx.lower)) {
    return { calculator: 'capacity', args, used, consumes: ['rate', 'percent', 'multiplier'] };
  }
  if (!perServer) {
    return { calculator: 'capacity', used, consumes: ['rate', 'percent', 'multiplier'], missing: { what: 'the capacity of one server', ask: 'how many requests per second can one server (or instance) handle at acceptable latency?', example: `capacity ${args.join(' ')} per_server=<rate>` } };
  }
  args.push(`per_server=${perSec(perServer)}`);
  used.push(perServer);
  if (util) {
    args.push(`util=${pct(util)}`);
    used.push(util);
  } else args.push('util=100%');
  if (measuredAt) used.push(measuredAt);
  if (headroom) {
    args.push(`safety=${fmt(1 + headroom.value)}`);
    used.push(headroom);
  }
  if (zoneLoss) {
    args.push(`zones=${fmt(zonesQ!.value)}`);
    used.push(zonesQ!, ...ctx.qs.filter((q) => isCount(q, /^(?:az|zone|region|datacenter|dc)$/) && q.value === 1));
    return { calculator: 'capacity', args, used, consumes: ['rate', 'percent', 'multiplier'] };
  }
  // "before any N+1", "without N+1": the count without spares.
  const spare = /\b(?:before|without|excluding|not counting|no)\s+(?:any\s+)?n\s*\+\s*\d\b/i.test(ctx.text) ? null : /\bn\s*\+\s*(\d)\b/i.exec(ctx.text);
  const loseOne = /surviv\w*\s+(?:losing|the loss of|a|one)\s+(?:\w+\s+)?(?:box|server|node|instance|machine|host|pod)\b/.test(ctx.lower);
  args.push(`redundancy=N+${spare ? spare[1] : loseOne ? '1' : '0'}`);
  return { calculator: 'capacity', args, used, consumes: ['rate', 'percent', 'multiplier'] };
}

// ---------------------------------------------------------------------------------------------
// Scaling laws.

function planAmdahl(ctx: Ctx): Draft | null {
  const cores = ctx.qs.filter((q) => isCount(q, /^(?:core|cpu|processor|node|worker|thread|machine|gpu|server|instance|box|vcpu|executor)$/));
  // "moving CI from 8 to 32 cores, how much faster?": more processors for one job is Amdahl's question too.
  const faster = cores.length > 0 && has(ctx, /\b(?:cores?|cpus?|processors?|vcpus?|threads?)\b/) && has(ctx, /how much faster|how much quicker|how much speed/);
  if (!faster && !has(ctx, /amdahl|gustafson|speed ?up|parallel(?:i[sz]able|i[sz]ed)?|serial|sequential/)) return null;
  if (has(ctx, /availab|uptime|replica|failover/)) return null;
  const share = ctx.qs.find((q) => q.kind === 'percent' && near(ctx, q, /parallel|serial|sequential|single[- ]threaded/, 60, 40));
  // "what do we get with 16?": a bare count after with/on in a question about cores.
  if (!cores.length && has(ctx, /cores?|cpus?|processors?|workers?|threads?|machines?|nodes?/)) {
    const bareN = ctx.qs.find((q) => q.kind === 'number' && Number.isInteger(q.value) && q.value >= 2 && /\b(?:with|on|using|at|to)\s*$/.test(ctx.lower.slice(Math.max(0, q.start - 8), q.start)));
    if (bareN) cores.push(bareN);
  }
  if (!share) {
    // "we got 6x going from 1 to 8 cores: what parallel fraction?": a speedup measured on a machine,
    // against one processor or the machine it started from.
    // A multiplier of something else ("3x average traffic", "2x the load") is not a speedup.
    const ofSomethingElse = (q: Quantity) => /^\s*(?:the\s+|our\s+|its\s+)?(?:traffic|load|average|normal|peak|requests?|users?|volume|data|more|as much|higher|lower|bigger|cost|price)\b/.test(ctx.lower.slice(q.end, q.end + 24));
    const measured = has(ctx, /speed ?up|faster|quicker|paralleli[sz]\w*/) ? ctx.qs.find((q) => q.kind === 'multiplier' && q.value > 1 && !ofSomethingElse(q) && near(ctx, q, /speed ?up|faster|quicker|got|gave|saw|measured|achieved?|reached/, 30, 30)) : undefined;
    const machine = cores.length ? cores.reduce((a, b) => (b.value > a.value ? b : a)) : undefined;
    // A bare number just before "to <n> cores" is the machine it started from.
    const bare = machine && ctx.qs.find((q) => q.kind === 'number' && q.end <= machine.start && /^\s*(?:to|->|→)\s*$/.test(ctx.lower.slice(q.end, machine.start)));
    const baseline = cores.find((q) => q !== machine) ?? bare;
    if (measured && machine && Number.isInteger(machine.value) && machine.value >= 2 && (!baseline || (Number.isInteger(baseline.value) && baseline.value < machine.value)) && cores.length <= 2) {
      const from = baseline && baseline.value > 1 ? [`from=${fmt(baseline.value)}`] : [];
      return { calculator: 'amdahl', args: [`speedup=${fmt(measured.value)}`, `n=${fmt(machine.value)}`, ...from], used: [measured, machine, ...(baseline ? [baseline] : [])], consumes: ['percent', 'count', 'multiplier'] };
    }
    if (cores.length && has(ctx, /how (?:long|fast|much faster)|speed ?up|faster/)) {
      return { calculator: 'amdahl', used: cores, consumes: ['percent', 'count', 'time'], missing: { what: 'the share of the work that is serial', ask: 'what share of the run (for example 10%) cannot run in parallel? Time the serial step alone on one core to find it.', example: `amdahl parallel=<share> n=${fmt(Math.max(...cores.map((c) => c.value)))}${cores.length === 2 && Math.min(...cores.map((c) => c.value)) > 1 ? ` from=${fmt(Math.min(...cores.map((c) => c.value)))}` : ''}` } };
    }
    return null;
  }
  // The nearest of "serial" and "parallel" before the share decides, else the nearest after it.
  const before = ctx.lower.slice(Math.max(0, share.start - 60), share.start);
  const after = ctx.lower.slice(share.end, share.end + 40);
  const lastWord = (t: string) => {
    const m = [...t.matchAll(/serial|sequential|single[- ]threaded|can'?t be parallel\w*|cannot be parallel\w*|not parallel\w*|parallel\w*/g)].pop();
    return m ? m[0] : '';
  };
  const firstWord = (t: string) => /serial|sequential|single[- ]threaded|can'?t be parallel\w*|cannot be parallel\w*|not parallel\w*|parallel\w*/.exec(t)?.[0] ?? '';
  const word = lastWord(before.split(/[.;?!]/).pop() ?? '') || firstWord(after.split(/[.;?!]/)[0] ?? '');
  const serial = /serial|sequential|single|can'?t|cannot|not parallel/.test(word);
  const p = serial ? 1 - share.value : share.value;
  const used = [share];
  const speedTarget = ctx.qs.find((q) => q.kind === 'multiplier' && near(ctx, q, /speed ?up|faster|hit|reach|get|target|want|need/, 30, 20));
  if (speedTarget && !cores.length) return { calculator: 'amdahl', args: [`parallel=${pct(p)}`, `target=${fmt(speedTarget.value)}`], used: [share, speedTarget], consumes: ['percent', 'count', 'multiplier'] };
  // "from 8 cores to 32", "2 hours on one core ... on a dozen cores": a baseline and the machine asked about.
  const baseline = cores.length === 2 ? cores.find((q) => q.value < Math.max(...cores.map((c) => c.value))) : undefined;
  const n = cores.length === 1 ? cores[0] : baseline ? cores.find((q) => q !== baseline) : undefined;
  if (cores.length > 2) return null;
  const runTime = ctx.qs.find((q) => q.kind === 'time');
  if (!n) {
    if (has(ctx, /max(?:imum)?|ceiling|limit|at most|best possible|upper bound|infinite|unlimited|no matter how many/)) return { calculator: 'amdahl', args: [`parallel=${pct(p)}`], used, consumes: ['percent', 'count'] };
    return { calculator: 'amdahl', used, consumes: ['percent', 'count'], missing: { what: 'the number of processors', ask: 'on how many cores, machines or workers does it run?', example: `amdahl parallel=${pct(p)} n=<processors>` } };
  }
  if (!Number.isInteger(n.value)) return null;
  const args = [`parallel=${pct(p)}`, `n=${fmt(n.value)}`];
  const usedN = [share, n];
  if (baseline) {
    if (baseline.value !== 1) args.push(`from=${fmt(baseline.value)}`);
    usedN.push(baseline);
  }
  if (runTime && (!baseline || baseline.value === 1) && near(ctx, runTime, /takes|runs|run time|single[- ]threaded|on (?:one|1) core|serially|today|currently/, 40, 30)) {
    args.push(`time=${secs(runTime)}`);
    usedN.push(runTime);
  }
  return { calculator: 'amdahl', args, used: usedN, consumes: ['percent', 'count', 'time'] };
}

function planUsl(ctx: Ctx): Draft | null {
  if (!has(ctx, /\busl\b|universal scalab|sigma|σ|kappa|κ|contention|coheren/)) return null;
  // The nearest label before a number names it ("contention only (κ=0) with σ = 0.1").
  const label = (q: Quantity) => {
    const m = [...ctx.lower.slice(Math.max(0, q.start - 24), q.start).matchAll(/(sigma|σ|contention|alpha|α)|(kappa|κ|coheren\w*|crosstalk|beta|β)/g)].pop();
    return m ? (m[1] ? 'sigma' : 'kappa') : undefined;
  };
  const sigma = ctx.qs.find((q) => label(q) === 'sigma');
  const kappa = ctx.qs.find((q) => label(q) === 'kappa');
  const val = (q: Quantity) => (q.kind === 'percent' ? q.value : q.value);
  const nodes = ctx.qs.filter((q) => q !== sigma && q !== kappa && q.kind !== 'rate' && q.value !== 1 && isCount(q, /^(?:node|core|cpu|server|instance|thread|worker|machine|user|client|replica)$/));
  const baselineOnes = ctx.qs.filter((q) => q !== sigma && q !== kappa && q.value === 1 && (q.kind === 'count' || q.kind === 'number'));
  const nAsked = nodes.length > 1 ? nodes.find((q) => q.target || near(ctx, q, /\b(?:would|should|will|at|give|with|for|to)\s*$/, 16, 0)) ?? nodes[nodes.length - 1] : nodes[0];
  const n = nAsked ?? ctx.qs.find((q) => q !== sigma && q !== kappa && q.kind !== 'rate' && (isCount(q, /^(?:node|core|cpu|server|instance|thread|worker|machine|user|client|replica)$/) || /(?:\bn\s*=|\bat)\s*$/.test(ctx.lower.slice(Math.max(0, q.start - 6), q.start))));
  if (!sigma || !kappa) {
    if (sigma || kappa) return { calculator: 'usl', used: [sigma ?? kappa!], consumes: ['number', 'percent', 'count'], missing: { what: sigma ? 'the coherence coefficient κ (kappa)' : 'the contention coefficient σ (sigma)', ask: sigma ? 'what is κ, the coherence (crosstalk) cost? Fit it from throughput measured at several loads with usl fit points=1:100,2:190,...' : 'what is σ, the contention (serial) share?', example: sigma ? `usl sigma=${fmt(val(sigma))} kappa=<coherence> n=<concurrency>` : `usl sigma=<contention> kappa=${fmt(val(kappa!))} n=<concurrency>` } };
    return null;
  }
  const args = [`sigma=${fmt(val(sigma))}`, `kappa=${fmt(val(kappa))}`];
  const used = [sigma, kappa];
  const x1 = ctx.qs.find((q) => q.kind === 'rate');
  if (x1) {
    args.push(`x1=${perSec(x1)}`);
    used.push(x1);
  }
  const fromTo = /\bfrom\s+(\d+)\s+(?:\w+\s+)?to\s+(\d+)\b/.exec(ctx.lower);
  if (fromTo && n && Number(fromTo[2]) === n.value) {
    args.push(`from=${fromTo[1]}`);
    used.push(...within(ctx, fromTo).filter((q) => q !== n));
  }
  if (n) {
    args.push(`n=${fmt(n.value)}`);
    used.push(n);
  } else args.push('n=1');
  return { calculator: 'usl', args, used, consumes: ['number', 'percent', 'count'], irrelevant: [...nodes.filter((q) => q !== n), ...baselineOnes] };
}

function planQuorum(ctx: Ctx): Draft | null {
  if (!has(ctx, /quorum|raft|paxos|consensus|etcd|zookeeper|\bzk\b|majority|byzantine|\bbft\b|pbft|malicious|voting|voters|members|\bn\s*=|\brf\s*=?\s*\d|replication factor|consistency level|\bw\s*=|\br\s*=/)) return null;
  if (ctx.qs.some((q) => q.kind === 'size' || q.kind === 'rate' || q.kind === 'percent' || q.kind === 'money')) return null;
  if (has(ctx, /\busl\b|sigma|σ|kappa|κ|scalab|contention|coheren/)) return null;
  if (has(ctx, /kafka|\bisr\b|in-sync|insync|\backs\s*=/)) return null;
  // Round trips and a latency asked for: a commit-latency question, not a quorum-size one.
  if (ctx.qs.some((q) => q.kind === 'time') && has(ctx, /\blatenc\w*|\bhow (?:long|fast)\b|\bcommit (?:time|takes?)\b/)) return null;
  if (new Set(ctx.qs.filter((q) => isCount(q, /^(?:node|replica|member|server|voter)$/)).map((q) => q.value)).size > 1 && !has(ctx, /\bthan\b/)) return null;
  if (/\b\d+\s*(?:,\s*\d+\s*)*(?:,|or)\s*\d+\s+(?:nodes|members|replicas|servers|voters)\b/.test(ctx.lower)) return null;
  const byz = has(ctx, /byzantine|\bbft\b|pbft|malicious|lying|arbitrary fault/);
  const nkw = /\b(?:n|rf)\s*=\s*(\d+)|\brf\s*(?:of\s*)?(\d+)|replication factor (?:of )?(\d+)/i.exec(ctx.lower);
  const rkw = /\br\s*=\s*(\d+)|read(?:s| at| with| quorum(?: of)?)?\s*(?:=|at|of|from)?\s*(one|two|three|\d+)\b/i.exec(ctx.lower);
  const wkw = /\bw\s*=\s*(\d+)|write(?:s| at| with| quorum(?: of)?)?\s*(?:=|at|of|to|wait for)?\s*(one|two|three|\d+)\b/i.exec(ctx.lower);
  const word = (s?: string) => (s === 'one' ? 1 : s === 'two' ? 2 : s === 'three' ? 3 : Number(s));
  const span = (q: Quantity, m: RegExpExecArray | null) => !!m && q.start >= m.index && q.end <= m.index + m[0].length;
  const used = ctx.qs.filter((q) => span(q, nkw) || span(q, rkw) || span(q, wkw));
  const f = ctx.qs.find((q) => (q.kind === 'count' || q.kind === 'number') && !used.includes(q) && (/^\s*(?:[a-z]+\s+){0,2}(?:failures?|faults?|faulty|malicious|byzantine|crash(?:es|ed)?|traitors?)\b/.test(ctx.lower.slice(q.end, q.end + 40)) || (isCount(q, /^(?:failure|fault|faulty|malicious|crash|outage|traitor)$/))) && near(ctx, q, /surviv|tolerat|withstand|handle|lose|lost|despite|through|with/, 40, 0));
  const nodes = nkw ? undefined : ctx.qs.find((q) => q !== f && (q.kind === 'count' || q.kind === 'number') && (isCount(q, /^(?:node|replica|member|server|voter|peer|instance|machine)$/) || /^\s*-?\s*(?:node|member|replica|server|voter)\b/.test(ctx.lower.slice(q.end, q.end + 12))));
  const n = nkw ? Number(nkw[1] ?? nkw[2] ?? nkw[3]) : nodes?.value;
  if (f && (!n || has(ctx, /how many (?:nodes|replicas|members|servers|voters|voting)|minimum|at least/))) {
    return { calculator: 'quorum', args: [`f=${fmt(f.value)}`, ...(byz ? ['faults=byzantine'] : [])], used: [f], consumes: ['count', 'number'] };
  }
  if (n === undefined) {
    if (has(ctx, /how many (?:\w+ )?(?:nodes|replicas|members|servers|voters)/)) return { calculator: 'quorum', used: [], consumes: ['count', 'number'], missing: { what: 'how many failures it must survive', ask: 'how many nodes may be down (or faulty) at the same time while it keeps working?', example: `quorum f=<failures>${byz ? ' faults=byzantine' : ''}` } };
    return null;
  }
  if (nodes) used.push(nodes);
  const r = rkw ? word(rkw[1] ?? rkw[2]) : undefined;
  const w = wkw ? word(wkw[1] ?? wkw[2]) : undefined;
  const args = [`n=${fmt(n)}`];
  if (r !== undefined && Number.isFinite(r)) args.push(`r=${r}`);
  if (w !== undefined && Number.isFinite(w)) args.push(`w=${w}`);
  if (byz && args.length === 1) args.push('faults=byzantine');
  // N with only one of R and W answers "what W do we need?", not "is cassandra broken?".
  if (args.length === 2 && !byz && !ASKS_FIGURE.test(ctx.lower) && !/\bwhat (?:write|read|consistency)|smallest|minimum|at least/.test(ctx.lower)) return null;
  // n alone answers only a question about the quorum itself, not "where should the leader of a five-node cluster live".
  if (args.length === 1 && /^\s*(?:\w+:\s*)?why\b/.test(ctx.lower)) return null;
  if (args.length === 1 && !byz && !has(ctx, /quorum|majority|toleran|tolerat|surviv|can (?:die|fail|lose|be down|go down)|how many (?:can|failures|nodes can)|fault|lose|down|votes?/)) return null;
  return { calculator: 'quorum', args, used, consumes: ['count', 'number'] };
}

// ---------------------------------------------------------------------------------------------
// Data structures and identifiers.

function planBloom(ctx: Ctx): Draft | null {
  // False positives alone are not a filter's ("how do we avoid false positives from one flaky link?").
  if (!has(ctx, /bloom|\bfilters?\b|\bfp rate|bits per (?:item|key|element|entry)|\bbits?\b[^.?]*false[- ]positive|false[- ]positive[^.?]*\bbits?\b/)) return null;
  const bitsPerItem = ctx.qs.find((q) => q.kind === 'bits' && (q.per !== undefined || near(ctx, q, /^\s*(?:per|\/|for each|each)\s+\w+/, 0, 24)));
  const bitsTotal = ctx.qs.find((q) => (q.kind === 'bits' && q !== bitsPerItem) || q.kind === 'size');
  const hashes = ctx.qs.find((q) => isCount(q, /^(?:hash|hashe|function|hash-function)$/) || near(ctx, q, /\bk\s*=\s*$/, 6, 0));
  const items = ctx.qs.find((q) => q !== hashes && q !== bitsTotal && q !== bitsPerItem && (q.kind === 'count' || q.kind === 'number') && (isCount(q, ITEM_NOUN) || near(ctx, q, /\bn\s*=\s*$/, 6, 0)));
  const target = ctx.qs.find((q) => q.kind === 'percent' || (q.kind === 'number' && q.value > 0 && q.value < 1 && near(ctx, q, /false|fp|error|rate|probab/, 40, 10)));
  const oneIn = /\b1 in (\d[\d,]*)\b/.exec(ctx.lower);
  const used: Quantity[] = [];
  const args: string[] = [];
  if (!items) {
    // Per item, no count needed: "1% false positives: bits per element?", "8 bits per key, 4 hashes: rate?".
    if (bitsPerItem && !target) return { calculator: 'bloom', args: [`bits_per_item=${fmt(bitsPerItem.value)}`, ...(hashes ? [`k=${fmt(hashes.value)}`] : [])], used: [bitsPerItem, ...(hashes ? [hashes] : [])], consumes: ['count', 'number', 'bits', 'size', 'percent'] };
    if (target && !bitsPerItem && !bitsTotal && has(ctx, /bits? per|per (?:item|key|element|entry)|how many (?:bits|hash)/)) return { calculator: 'bloom', args: [`p=${fmt(target.value)}`], used: [target], consumes: ['count', 'number', 'bits', 'size', 'percent'] };
    return { calculator: 'bloom', used: [], consumes: ['count', 'number', 'bits', 'size', 'percent'], missing: { what: 'how many items the filter holds', ask: 'how many keys (items) will the filter hold?', example: 'bloom n=<items> p=1%' } };
  }
  args.push(`n=${fmt(items.value)}`);
  used.push(items);
  if (bitsPerItem && target) return null;
  if (bitsPerItem) {
    args.push(`bits_per_item=${fmt(bitsPerItem.value)}`);
    used.push(bitsPerItem);
  } else if (bitsTotal) {
    args.push(`m=${bitsTotal.kind === 'size' ? fmt(bitsTotal.value * 8) : fmt(bitsTotal.value)}`);
    used.push(bitsTotal);
    // "2^20-bit filter (128 KiB)": the same size said twice.
    for (const q of ctx.qs) if (q !== bitsTotal && q.kind === 'size' && bitsTotal.kind === 'bits' && Math.abs(q.value * 8 - bitsTotal.value) < 1) used.push(q);
  } else if (target || oneIn) {
    const p = target ? target.value : 1 / Number(oneIn![1]!.replace(/,/g, ''));
    args.push(`p=${fmt(p)}`);
    if (target) used.push(target);
    if (oneIn) for (const q of ctx.qs) if (q.start >= (oneIn.index ?? 0) && q.end <= (oneIn.index ?? 0) + oneIn[0].length) used.push(q);
  } else {
    return { calculator: 'bloom', used, consumes: ['count', 'number', 'bits', 'size', 'percent'], missing: { what: 'the filter size or the false-positive rate you accept', ask: 'how many bits does the filter have (or bits per item), or what false-positive rate do you need?', example: `bloom n=${fmt(items.value)} p=1%` } };
  }
  if (hashes) {
    args.push(`k=${fmt(hashes.value)}`);
    used.push(hashes);
  }
  return { calculator: 'bloom', args, used, consumes: ['count', 'number', 'bits', 'size', 'percent'] };
}

function idSize(ctx: Ctx): { args: string[]; used: Quantity[] } | null {
  const bits = ctx.qs.find((q) => q.kind === 'bits');
  if (bits) return { args: [`bits=${fmt(bits.value)}`], used: [bits] };
  const sqlType = /\b(bigint|int8|int64|uint64|smallint|int2|int16|uint16|int|integer|int4|int32|uint32)\b/.exec(ctx.lower);
  if (sqlType) {
    const t = sqlType[1]!;
    const b = /^(?:bigint|int8|int64|uint64)$/.test(t) ? 64 : /^(?:smallint|int2|int16|uint16)$/.test(t) ? 16 : 32;
    return { args: [`bits=${b}`], used: [] };
  }
  const chars = ctx.qs.find((q) => isCount(q, /^(?:char|character|letter|digit|symbol)$/));
  if (!chars) {
    if (/\buuid ?v?4\b|\buuids?\b/.test(ctx.lower)) return { args: ['bits=122'], used: [] };
    return null;
  }
  const base = /\bbase[- ]?(\d{2})\b/.exec(ctx.lower) ?? /\b(\d{2})[- ](?:character|char|symbol|letter)s?\s+alphabet\b/.exec(ctx.lower);
  const alphabet = base ? Number(base[1]) : /\[a-za-z0-9\]|alphanumeric|a-z,? ?a-z,? ?(?:and )?0-9|upper and lower/.test(ctx.lower) ? 62 : /\bhex\b|hexadecimal/.test(ctx.lower) ? 16 : /lowercase (?:letters )?and digits|a-z0-9\b|\[a-z0-9\]/.test(ctx.lower) ? 36 : undefined;
  if (!alphabet) return null;
  const used = [chars, ...within(ctx, base)];
  return { args: [`chars=${fmt(chars.value)}`, `alphabet=${alphabet}`], used };
}

function planCollision(ctx: Ctx): Draft | null {
  if (!has(ctx, /collision|collid|birthday|duplicate|clash|unique|same (?:id|code|key|bucket|slot)|share (?:a|an|the same) (?:id|code|key|bucket|slot|hash)|sharing (?:a|an) (?:id|code|key|bucket|slot)/)) return null;
  if (!has(ctx, /random|uuid|hash|bits?\b|characters?|collision|birthday/)) return null;
  const size = idSize(ctx);
  if (!size) {
    if (has(ctx, /random (?:ids?|keys?|codes?|tokens?)/) && has(ctx, /chance|probabilit|odds|how likely|risk/) && ctx.qs.some((q) => q.kind === 'count' || q.kind === 'number')) return { calculator: 'collision', used: [], consumes: ['count', 'number', 'rate', 'time', 'percent'], missing: { what: 'the size of the IDs', ask: 'how many random bits does each ID have (or how many characters, from which alphabet)?', example: 'collision bits=<bits> n=<ids>' } };
    return null;
  }
  // "at least two collide", "some two share a code": the pair in the definition, not a quantity.
  const pairWord = ctx.qs.filter((q) => q.value === 2 && (near(ctx, q, /least|any|some|two of/, 12, 0) || /^\s*(?:\w+\s+)?(?:collide|share|sharing|clash|identical|match|being the same)/.test(ctx.lower.slice(q.end, q.end + 24))));
  const used = [...size.used, ...pairWord, ...ctx.qs.filter((q) => size.args[0] === `bits=${Math.log2(q.value)}` && (q.kind === 'count' || q.kind === 'number'))];
  if (/\b50\s*\/\s*50\b|even odds|coin flip/.test(ctx.lower)) for (const q of ctx.qs) if (q.value === 50 && q.kind === 'number') used.push(q);
  const args = [...size.args];
  const rate = ctx.qs.find((q) => q.kind === 'rate');
  const time = ctx.qs.find((q) => q.kind === 'time');
  const n = ctx.qs.find((q) => !used.includes(q) && (q.kind === 'count' || q.kind === 'number') && q.value >= 2 && (isCount(q, ITEM_NOUN) || isCount(q, /^(?:id|uuid|code|key|url|link|short|hash|value|object|row|identifier|tenant|customer|user|item|file|request)$/) || (q.kind === 'number' && q.value >= 100)));
  const p = ctx.qs.find((q) => q.kind === 'percent' || (q.kind === 'number' && q.value > 0 && q.value < 1));
  if (rate && time) {
    args.push(`rate=${perSec(rate)}`, `time=${secs(time)}`);
    used.push(rate, time);
  } else if (n) {
    args.push(`n=${fmt(n.value)}`);
    used.push(n);
  }
  if (p && (!n || has(ctx, /how many|until|before|reach/))) {
    args.push(`p=${fmt(p.value)}`);
    used.push(p);
  } else if (!n && !(rate && time) && !has(ctx, /50 ?%|\b50\s*\/\s*50\b|half|even odds|coin flip|how many (?:unique|distinct|possible|different)/)) {
    return { calculator: 'collision', used, consumes: ['count', 'number', 'rate', 'time', 'percent'], missing: { what: 'how many IDs are drawn', ask: 'how many IDs will exist (or how many per second, over how long)?', example: `collision ${args.join(' ')} n=<ids>` } };
  }
  return { calculator: 'collision', args, used, consumes: ['count', 'number', 'rate', 'time', 'percent'] };
}

function planIdspace(ctx: Ctx): Draft | null {
  const mints = /\b(?:sequence|counter|seq)\b[^.?]{0,20}\b(?:per|each|every)\s+(?:millisecond|ms|second|microsecond)\b/.test(ctx.lower) && /ids? per second|per second|how many ids|max(?:imum)? ids|mint/.test(ctx.lower);
  if (!mints && !has(ctx, /wrap|overflow|run out|runs out|exhaust|roll ?over|last|how long|how many years|until|max(?:es)? out|\b2038\b/)) return null;
  const size = idSize(ctx);
  if (!size || (!ctx.qs.some((q) => q.kind === 'bits') && !/\b(?:bigint|int|integer|int\d+|uint\d+|smallint)\b/.test(ctx.lower))) return null;
  const args = [...size.args];
  const used = [...size.used, ...ctx.qs.filter((q) => q.value <= 1 && near(ctx, q, /start(?:s|ing)? (?:at|from)|from/, 20, 0))];
  const rate = ctx.qs.find((q) => q.kind === 'rate');
  const signed = /\bsigned\b|\bint(?:32|64|4|8)?\b|\binteger\b|\bbigint\b|\bsmallint\b/.test(ctx.lower) && !/\bunsigned\b|\buint/.test(ctx.lower);
  // "12-bit sequence per millisecond": how many IDs a resetting sequence mints.
  const perTick = /\b(?:sequence|counter|seq)\b[^.?]{0,20}\b(?:per|each|every)\s+(millisecond|ms|second|microsecond)\b|\bper\s+(millisecond|ms)\b[^.?]{0,30}\bsequence/.exec(ctx.lower);
  if (perTick && /ids? per second|per second|how many ids|max(?:imum)? ids|throughput|mint/.test(ctx.lower)) {
    const unit = (perTick[1] ?? perTick[2])!;
    return { calculator: 'idspace', args: [...size.args, `per=${/micro/.test(unit) ? '1us' : /milli|ms/.test(unit) ? '1ms' : '1s'}`], used: [...used, ...ctx.qs.filter((q) => q.value === 1 && q.kind !== 'bits')], consumes: ['rate', 'bits', 'count'] };
  }
  if (signed) args.push('signed=yes');
  const tick = /\b(?:millisecond|ms)s?\b[^.]{0,20}\b(?:timestamp|precision|resolution|epoch|clock|since)|\b(?:timestamps?|epoch|clock)\b[^.]{0,30}\b(milliseconds?|seconds?|microseconds?|ms)\b|\b(milliseconds?|seconds?|microseconds?)\b[^.]{0,24}\b(?:epoch|since)\b/.exec(ctx.lower);
  const at = ctx.qs.find((q) => (q.kind === 'count' || q.kind === 'number') && q.value > 1 && (/\b(?:at|reached|hit|now|currently|already|is at|sits at)\s*(?:about|around|roughly|~)?\s*$/.test(ctx.lower.slice(Math.max(0, q.start - 20), q.start)) || /\b(?:current|max(?:imum)?|latest|highest|last)\s+(?:\w+\s+){0,2}(?:is|=|:)\s*(?:about|around|~)?\s*$/.test(ctx.lower.slice(Math.max(0, q.start - 30), q.start))));
  if (at) {
    args.push(`at=${fmt(at.value)}`);
    used.push(at);
  }
  if (rate) {
    args.push(`rate=${perSec(rate)}`);
    used.push(rate);
  } else if (tick || /\bseconds? since\b|unix time|epoch seconds|\btime_t\b/.test(ctx.lower)) {
    const unit = tick ? (tick[1] ?? tick[2] ?? tick[0]) : 'second';
    args.push(`tick=${/micro/.test(unit) ? '1us' : /milli|\bms\b/.test(unit) ? '1ms' : '1s'}`);
  } else {
    return { calculator: 'idspace', used, consumes: ['rate', 'bits', 'count'], missing: { what: 'how fast IDs are used', ask: 'how many IDs are taken per second (or what does one step of the field measure, e.g. a millisecond)?', example: `idspace ${args.join(' ')} rate=<ids per second>` } };
  }
  return { calculator: 'idspace', args, used, consumes: ['rate', 'bits', 'count'] };
}

const SHARD_MEMBER = /^(?:node|worker|host|instance|server|cell|machine|box|endpoint|backend|replica|shard|pod|vm)$/;

function planShuffle(ctx: Ctx): Draft | null {
  if (!has(ctx, /shuffle|shard size|each (?:tenant|customer|client) (?:is assigned|gets|sits on)|every (?:tenant|customer|client) (?:is assigned|gets|sits on)|(?:tenants|customers|clients) (?:share|get the same)/)) return null;
  if (ctx.qs.some((q) => q.kind === 'percent' || q.kind === 'rate' || q.kind === 'size')) return null;
  const nodes = ctx.qs.find((q) => isCount(q, /^(?:node|worker|host|instance|server|cell|machine|box|endpoint|backend|replica)$/) && !near(ctx, q, /per customer|each customer|per tenant|each tenant|shard size|shards? of|gets?|assigned/, 30, 20));
  // A shard size counts workers ("gets 4 workers", "gets 4"), never something else a customer gets ("3 invoice emails").
  const size = ctx.qs.find((q) => q !== nodes && (q.kind === 'count' || q.kind === 'number') && (!q.noun || SHARD_MEMBER.test(q.noun)) && (near(ctx, q, /shard (?:size|of)|shards? of|gets?|assigned|picks?|of size|size/, 30, 0) || /^\s*(?:of them\b|(?:nodes?|workers?|hosts?|backends?)?\s*(?:per|each|for each|in each)\s+(?:shard|customer|tenant|client|cell))/.test(ctx.lower.slice(q.end, q.end + 30)) || /\b(?:sits? on|gets?|assigned)\s*$/.test(ctx.lower.slice(Math.max(0, q.start - 14), q.start))));
  // "two tenants", "exactly the same 5": restating the question, not inputs.
  const restated = ctx.qs.filter((q) => q !== nodes && q !== size && (isCount(q, /^(?:tenant|customer|client|user)$/) || (!!size && q.value === size.value && near(ctx, q, /same|all|share/, 20, 0))));
  if (!nodes || !size) {
    if (nodes || size) return { calculator: 'shuffle', used: [(nodes ?? size)!], consumes: ['count', 'number'], missing: { what: nodes ? 'the shard size' : 'the number of workers in the pool', ask: nodes ? 'how many workers does each customer get?' : 'how many workers are in the pool?', example: nodes ? `shuffle nodes=${fmt(nodes.value)} size=<workers per customer>` : `shuffle nodes=<workers> size=${fmt(size!.value)}` } };
    return null;
  }
  return { calculator: 'shuffle', args: [`nodes=${fmt(nodes.value)}`, `size=${fmt(size.value)}`], used: [nodes, size, ...restated], consumes: ['count', 'number'] };
}

function planRetries(ctx: Ctx): Draft | null {
  if (!has(ctx, /retr(?:y|ies|ying|ied)|attempts?|tries\b/)) return null;
  const failureShare = ctx.qs.find((q) => q.kind === 'percent' && near(ctx, q, /fail|error|timeout/, 30, 30) && !near(ctx, q, /budget/, 30, 30));
  const budget = ctx.qs.find((q) => q.kind === 'percent' && near(ctx, q, /budget|at most|extra|cap/, 40, 30));
  if (!has(ctx, /layer|tier|level|hop|deep|stack|chain|each service|every service|amplif|multipl|worst case|fan|gateway|proxy|client|\bapi\b|backend|upstream|downstream|db|database|load|budget|baseline/) && !failureShare) return null;
  const tryCounts = ctx.qs.filter((q) => isCount(q, /^(?:retry|retrie|time|attempt|try|trie)$/) || /retr(?:y|ies)\s*(?:up to\s*)?$/.test(ctx.lower.slice(Math.max(0, q.start - 16), q.start)));
  const layers = ctx.qs.find((q) => !tryCounts.includes(q) && (isCount(q, /^(?:layer|tier|level|hop|service|microservice|deep)$/) || /^\s*(?:-?\s*deep|layers?|tiers?|levels?|hops?)\b/.test(ctx.lower.slice(q.end, q.end + 14))));
  const rate = ctx.qs.find((q) => q.kind === 'rate');
  const used: Quantity[] = [];
  const args: string[] = [];
  if (budget && !tryCounts.length) {
    args.push(`budget=${pct(budget)}`, `layers=${layers ? fmt(layers.value) : '1'}`);
    used.push(budget, ...(layers ? [layers] : []));
  } else {
    let attempts: number | undefined;
    let layerCount = layers?.value;
    const words = /\bretr(?:y|ies)\s+(once|twice|thrice)\b/.exec(ctx.lower);
    const isAttempts = (q: Quantity) => !!q.noun && /^(?:attempt|try|trie)$/.test(q.noun) && !/retr/.test(ctx.lower.slice(Math.max(0, q.start - 12), q.start));
    const attemptsQ = tryCounts.filter(isAttempts);
    const retriesQ = tryCounts.filter((q) => !isAttempts(q));
    if (attemptsQ.length && new Set(attemptsQ.map((q) => q.value)).size === 1) {
      attempts = attemptsQ[0]!.value;
      used.push(...attemptsQ);
      // "each makes 2 tries (one retry)": the same said twice.
      for (const r of retriesQ) if (r.value === attempts - 1) used.push(r);
      if (attemptsQ.length > 1 && !layers) layerCount = attemptsQ.length;
    } else if (retriesQ.length === 1) {
      attempts = retriesQ[0]!.value + 1;
      used.push(retriesQ[0]!);
    } else if (retriesQ.length > 1 && new Set(retriesQ.map((q) => q.value)).size === 1) {
      // "the gateway retries 3x, A retries 3x, B retries 3x": one layer per mention, each making 3 retries.
      attempts = retriesQ[0]!.value + 1;
      used.push(...retriesQ);
      if (!layers) layerCount = retriesQ.length;
    } else if (words) {
      attempts = { once: 1, twice: 2, thrice: 3 }[words[1] as 'once']! + 1;
    } else if (!tryCounts.length && layers) {
      return { calculator: 'retries', used: [layers], consumes: ['count', 'number', 'rate', 'percent'], missing: { what: 'how many times each layer retries', ask: 'how many retries does each layer make after the first try?', example: `retries retries=<per layer> layers=${fmt(layers.value)}` } };
    } else return null;
    if (layerCount === undefined && !failureShare && has(ctx, /outage|every (?:request|call) failed|all (?:requests|calls) fail|(?:is|was|went|goes) down|fails? everything|failing everything/)) layerCount = 1;
    if (layerCount === undefined && !failureShare) return null;
    if (layers) used.push(layers);
    args.push(`attempts=${fmt(attempts)}`, `layers=${fmt(layerCount ?? 1)}`);
    if (failureShare) {
      args.push(`failure=${pct(failureShare)}`);
      used.push(failureShare);
    }
  }
  if (rate) {
    args.push(`rate=${perSec(rate)}`);
    used.push(rate);
  }
  return { calculator: 'retries', args, used, consumes: ['count', 'number', 'rate', 'percent'] };
}

const TRANSFER_WORDS = /\b(?:egress|ingress|transfer\w*|bandwidth|traffic|outbound|inbound|serv(?:e|es|ed|ing)|download\w*|upload\w*|cdn|data out|internet|cross[- ]?(?:zone|az|region)|inter[- ]?(?:zone|az|region)|nat|push(?:es|ed|ing)?|send(?:s|ing)?|sent|ship(?:s|ped|ping)?|mov(?:e|es|ed|ing)|replicat\w*|stream\w*|leav(?:e|es|ing))\b/;
const STORAGE_WORDS = /\b(?:stor(?:e|ed|ing|age)|disks?|ebs|volumes?|snapshots?|archiv\w*|retain\w*|retention|at rest)\b/;

/** Data transfer priced per GB: "we push 500 TB/month of egress at $0.08/GB; how much would we save at $0.02/GB?" */
function planTransferCost(ctx: Ctx): Draft | null {
  const money = ctx.qs.filter((q) => q.kind === 'money');
  const prices = money.filter((q) => q.priceUnit && /^(?:gb|gib|tb|tib|gigabytes?|terabytes?)$/.test(q.priceUnit));
  if (!prices.length || prices.length !== money.length || prices.length > 2) return null;
  // "$0.01/GB in each direction": who pays what is not a single price per GB.
  if (prices.some((q) => q.per)) return null;
  // "$0.023 per GB-month" prices storage, not transfer.
  if (prices.some((q) => /^\s*(?:-\s*|\s)(?:months?|mo)\b|^\s*(?:per|a|each)\s+month\b/.test(ctx.lower.slice(q.end, q.end + 14)))) return null;
  if (has(ctx, STORAGE_WORDS) || !has(ctx, TRANSFER_WORDS)) return null;
  const perGb = (q: Quantity) => (/^t/.test(q.priceUnit!) ? q.value / 1000 : /^gib$|^tib$/.test(q.priceUnit!) ? q.value / (/^t/.test(q.priceUnit!) ? 1000 : 1) / 1.073741824 : q.value);
  const notes: string[] = [];
  for (const q of prices) if (q.priceUnit !== 'gb' && !/^gigabytes?$/.test(q.priceUnit!)) notes.push(`${q.raw} is $${fmt(perGb(q))} per GB`);
  // Which price is today's and which the alternative: "instead of $0.08", "currently $0.08", else the one after "save", "switch", "if we"..., else the order.
  let [current, alt] = prices as [Quantity, Quantity | undefined];
  if (alt) {
    const before = (q: Quantity) => ctx.lower.slice(Math.max(0, q.start - 40), q.start);
    const isCurrent = (q: Quantity) => /\b(?:instead of|rather than|current(?:ly)?|today|now|(?:we|i) pay(?:ing)?|paying|charged|billed|list price|from)\b[^$]{0,16}$/.test(before(q));
    const isAlt = (q: Quantity) => /\b(?:save|saving|savings|switch\w*|mov(?:e|ing) to|migrat\w*|alternative|would|could|if (?:we|i|it)|vs\.?|versus|compared?|cheaper|new|other|negotiat\w*|discount\w*|commit\w*|drops? to|down to|reduc\w*|offer\w*|quote\w*|to)\b[^$]{0,24}$/.test(before(q));
    const cur = prices.filter(isCurrent);
    const alts = prices.filter(isAlt);
    if (cur.length === 1) [current, alt] = [cur[0]!, prices.find((q) => q !== cur[0])!];
    else if (alts.length === 1) [current, alt] = [prices.find((q) => q !== alts[0])!, alts[0]!];
  }
  const priceArgs = [`per_gb=${fmt(perGb(current))}`, ...(alt ? [`alt_per_gb=${fmt(perGb(alt))}`] : [])];
  // "how much would we save at $0.02/GB?" with one price: the saving needs today's price too.
  const asksSaving = has(ctx, /\bsav(?:e|es|ed|ing|ings)\b|\bcheaper\b|\bdifference\b/);
  if (!alt && asksSaving) return { calculator: 'cost', used: [...prices, ...ctx.qs.filter((q) => q.kind === 'size')], consumes: ['money', 'size', 'rate', 'time', 'number'], missing: { what: 'the other price per GB', ask: `a saving compares two prices: what do you pay per GB today (or what is the other offer), besides ${current.raw}?`, example: `cost transfer=<size per month> per_gb=<price today> alt_per_gb=${fmt(perGb(current))}` } };
  const sizes = ctx.qs.filter((q) => q.kind === 'size');
  const rates = ctx.qs.filter((q) => q.kind === 'rate');
  const consumes: Quantity['kind'][] = ['money', 'size', 'rate', 'time', 'number'];
  if (sizes.length > 1 || rates.length > 1) return null;
  const size = sizes[0];
  if (!size) {
    return { calculator: 'cost', used: prices, consumes, missing: { what: 'how much data is transferred', ask: 'how many GB or TB are transferred a month (or in the one-off move)?', example: `cost transfer=<size per month, e.g. 50TB/month> ${priceArgs.join(' ')}` } };
  }
  const used: Quantity[] = [...prices, size];
  // Bit rates ("10 Gbps") are peaks more often than averages: not a monthly volume.
  if (size.per && /bps|bit/i.test(size.raw)) return null;
  let volume: string;
  if (size.per) {
    const s = Number(size.per.slice(0, -1));
    const unit = ({ 1: 's', 60: 'min', 3600: 'h', 86400: 'd', 604800: 'w', 2592000: 'month', 31536000: 'y' } as Record<number, string>)[s];
    if (!unit || rates.length) return null;
    volume = `${sizeArg(size)}/${unit}`;
  } else if (rates.length) {
    // "4,000 requests/s with 20 KB responses": bytes a second, billed by the month.
    const r = rates[0]!;
    if (r.per) return null;
    volume = `${sizeArg(r.value * size.value)}/s`;
    used.push(r);
    notes.push(`${r.raw} × ${size.raw} = ${fmt((r.value * size.value) / 1e6)} MB/s on average`);
  } else {
    const period = near(ctx, size, /\b(?:monthly|per month|a month|each month|every month|month(?:ly)? (?:egress|transfer|traffic|bill))\b/, 40, 30) ? 'month' : near(ctx, size, /\b(?:daily|per day|a day|each day|every day)\b/, 40, 30) ? 'd' : near(ctx, size, /\b(?:yearly|annual(?:ly)?|per year|a year|each year|every year)\b/, 40, 30) ? 'y' : undefined;
    if (period) volume = `${sizeArg(size)}/${period}`;
    else if (has(ctx, /\bonce\b|one[- ]off|one[- ]time|migrat\w*|\bmove (?:all|the|our|it|everything)|moving (?:all|the|our|it|everything)|\bexport\w*|repatriat\w*|\bexit\w*|get (?:it|our data|the data|everything) out/)) volume = sizeArg(size);
    else return { calculator: 'cost', used, consumes, missing: { what: 'whether the volume is per month or a one-off move', ask: `is that ${size.raw} every month, or moved once?`, example: `cost transfer=${sizeArg(size)}/month ${priceArgs.join(' ')}` } };
  }
  return { calculator: 'cost', args: [`transfer=${volume}`, ...priceArgs], used, consumes, notes };
}

function planCost(ctx: Ctx): Draft | null {
  const money = ctx.qs.filter((q) => q.kind === 'money');
  if (!money.length) return null;
  const perMillion = money.filter((q) => q.priceUnit && /million|\bm\b|mm|1m/.test(q.priceUnit));
  // "$3 per million tokens" prices something else than requests.
  if (perMillion.some((q) => /(?:million|\bm|mm|1m)\s+(?!requests?\b|invocations?\b|calls?\b|reqs?\b|executions?\b|vs\b|and\b|or\b|for\b|per\b|a\b|an\b|the\b|with\b|at\b|on\b|in\b|to\b|all-in\b|plus\b)[a-z]/.test(q.priceUnit!))) return null;
  const instance = money.filter((q) => q.priceUnit && /hour|hr|\bh\b|month|mo\b|day|year/.test(q.priceUnit));
  if (perMillion.length > 1 || instance.length > 1 || perMillion.length + instance.length !== money.length) return null;
  const rate = ctx.qs.filter((q) => q.kind === 'rate');
  if (rate.length > 1) return null;
  const used: Quantity[] = [...perMillion, ...instance];
  const args: string[] = [];
  if (perMillion[0]) args.push(`per_million=${fmt(perMillion[0].value)}`);
  if (instance[0]) {
    const u = instance[0].priceUnit!;
    args.push(`instance=${fmt(instance[0].value)}/${/hour|hr|\bh\b/.test(u) ? 'h' : /day/.test(u) ? 'd' : /year/.test(u) ? 'y' : 'month'}`);
    const count = ctx.qs.find((q) => isCount(q, SERVER_NOUN) && !q.per);
    // "$0.085/hr each" or "per instance" multiplies; "$2,400 a month for six servers" is already the total.
    const each = /^\s*(?:each|apiece|per (?:server|instance|box|node|vm|machine|pod))\b/.test(ctx.lower.slice(instance[0].end, instance[0].end + 24)) || /\b(?:each|per (?:server|instance|box|node|vm|machine))\b/.test(ctx.lower.slice(Math.max(0, instance[0].start - 30), instance[0].start)) || (count !== undefined && /\bat\s*$/.test(ctx.lower.slice(Math.max(0, instance[0].start - 6), instance[0].start)));
    if (count) {
      if (each) args.push(`instances=${fmt(count.value)}`);
      used.push(count);
    }
  }
  if (/\b30[- ]day month|\b720[- ]?h/.test(ctx.lower)) args.push('hours=720');
  else if (/\b730[- ]?h(?:our)?/.test(ctx.lower)) args.push('hours=730');
  for (const q of ctx.qs) if ((q.kind === 'count' || q.kind === 'number' || q.kind === 'time') && /^(?:30|720|730)$/.test(fmt(q.value)) && near(ctx, q, /^\s*[- ]?(?:day month|hours? month|hour month|h month)/, 0, 14)) used.push(q);
  if (!rate.length && perMillion.length && instance.length && has(ctx, /break[- ]?even|same cost|cost the same|cross ?over|at what (?:rate|rps|traffic|volume)/)) {
    return { calculator: 'cost', args, used, consumes: ['money', 'rate', 'percent'] };
  }
  if (!rate.length) {
    return { calculator: 'cost', used, consumes: ['money', 'rate'], missing: { what: 'the request rate', ask: 'how many requests per second (or per month) do you serve on average?', example: `cost rate=<requests per time> ${args.join(' ')}` } };
  }
  args.unshift(`rate=${perSec(rate[0]!)}`);
  used.push(rate[0]!);
  if (!perMillion.length && !instance.length) return null;
  return { calculator: 'cost', args, used, consumes: ['money', 'rate', 'percent'] };
}

// ---------------------------------------------------------------------------------------------
// Storage and bandwidth.

function planStorage(ctx: Ctx): Draft | null {
  if (!has(ctx, /storage|store|disk|how much (?:space|data)|grow|footprint|capacity (?:for|of) (?:data|storage)|retention|retain|keep\b/)) return null;
  const sizes = ctx.qs.filter((q) => q.kind === 'size');
  if (!sizes.length && has(ctx, /how much (?:storage|disk|space)|storage (?:do|will) we need|disk (?:do|will) we need/) && ctx.qs.some((q) => q.kind === 'rate' || isCount(q, /^(?:user|dau|event|message|row|record|object|file|photo|video|click)$/))) {
    return { calculator: 'storage', used: [], consumes: ['size', 'count', 'rate', 'time', 'number'], missing: { what: 'the size of one item', ask: 'how many bytes does one event (row, message, file) take on average?', example: 'storage rate=<items per time> size=<bytes each> retention=<time>' } };
  }
  if (sizes.length !== 1) return null;
  const size = sizes[0]!;
  const used: Quantity[] = [size];
  const args: string[] = [];
  const users = ctx.qs.find((q) => isCount(q, /^(?:user|dau|mau|customer|device|account|member|subscriber|player|driver|host|server|sensor|machine|client|store)$/));
  const perUser = ctx.qs.find((q) => q.kind === 'rate' && ((q.per && q.per !== 'server') || (users !== undefined && /\beach\b|\bevery (?:user|customer)|per (?:user|customer|device)/.test(ctx.lower.slice(Math.max(0, q.start - 40), q.start)))));
  const rate = ctx.qs.find((q) => q.kind === 'rate' && q !== perUser);
  const daily = /\bdaily\b|\bdau\b|\ba day\b|\bper day\b|\beach day\b|\bevery day\b/.test(ctx.lower);
  const perUserCount = ctx.qs.find((q) => q !== users && (q.kind === 'count' || q.kind === 'number') && ((/^\s*(?:\w+\s+){0,2}(?:a|per|each|every)\s+day\b|^\s*(?:\w+\s+){0,2}daily\b/.test(ctx.lower.slice(q.end, q.end + 30)) && near(ctx, q, /\beach\b|per (?:user|customer|device)|every (?:user|customer)|on average/, 40, 30)) || (daily && /^\s*(?:[a-z]+\s+){0,2}(?:each|apiece|per (?:user|person|customer))\b/.test(ctx.lower.slice(q.end, q.end + 30)))));
  if (size.per && /^\d+s$/.test(size.per) && !users && !ctx.qs.some((q) => q.kind === 'rate' || (q.kind === 'count' && !/^(?:copy|copie|replica|day|month|year|week)$/.test(q.noun ?? '')))) {
    args.push(`per_day=${bytesOf((size.value / Number(size.per.slice(0, -1))) * 86400)}`);
  } else if (size.per && /^\d+s$/.test(size.per) && users) {
    // "300 hosts each ship 1.5 GB a day": volume per host per time.
    const perDay = (size.value / Number(size.per.slice(0, -1))) * 86400 * users.value;
    args.push(`per_day=${bytesOf(perDay)}`);
    used.push(users);
  } else if (users && (perUser || perUserCount)) {
    const events = perUser ? perUser.value * 86400 : perUserCount!.value;
    args.push(`users=${fmt(users.value)}`, `events=${fmt(events)}`, `size=${bytesOf(size)}`);
    used.push(users, (perUser ?? perUserCount)!);
  } else if (rate && !users) {
    args.push(`rate=${perSec(rate)}`, `size=${bytesOf(size)}`);
    used.push(rate);
  } else if (users || rate || perUser) {
    return null;
  } else if (!size.per || !/^\d+s$/.test(size.per)) {
    return { calculator: 'storage', used, consumes: ['size', 'count', 'rate', 'time', 'number'], missing: { what: 'how many items are written per day', ask: 'how many events (or objects) are written per day: users, and how many each makes a day?', example: `storage users=<count> events=<per user per day> size=${bytesOf(size)} retention=1y` } };
  }
  // (A compression ratio's "4x" is not a replication factor: it is blanked out before reading one.)
  const mentionsCompression = has(ctx, /compress/) && !has(ctx, NO_COMPRESSION);
  const comp = mentionsCompression ? COMPRESSION.exec(ctx.lower) : null;
  const replText = comp ? ctx.lower.slice(0, comp.index) + ' '.repeat(comp[0].length) + ctx.lower.slice(comp.index + comp[0].length) : ctx.lower;
  // An explicit factor ("rf=3", "replication factor 3", "3 replicas", "3x replicated") wins over a
  // bare "3x", which may be a peak or a growth factor; a number followed by a time is a retention.
  const repl =
    /(?:replication factor|\brf\b|replication|replicated|copies|replicas)\s*(?:is|of|=|:)?\s*(\d+|two|three|four|five)\b(?!\s*(?:d\b|days?|weeks?|months?|years?|h\b|hours?|min))|\b(\d+|two|three|four|five)\s*(?:x\s+|times\s+)?(?:copies|replicas)\b|\b(\d+|two|three|four|five)\s*(?:x|times|-way)\s+replicat\w*|\b(\d+)-way replication/.exec(replText) ??
    (has(ctx, /replicat|cop(?:y|ies)/) ? /\b(\d+|two|three|four|five)(?:x| times)\b/.exec(replText) : null);
  if (repl) {
    const v = repl[1] ?? repl[2] ?? repl[3] ?? repl[4];
    const n = ({ two: 2, three: 3, four: 4, five: 5 } as Record<string, number>)[v!] ?? Number(v);
    args.push(`replication=${n}`);
    used.push(...within(ctx, repl));
  }
  const retentionQ = ctx.qs.find((q) => q.kind === 'time' && !used.includes(q));
  if (retentionQ) {
    args.push(`retention=${secs(retentionQ)}`);
    used.push(retentionQ);
  } else {
    // The period asked about, not the "20 events a day" of the inputs.
    const periods = [...ctx.lower.matchAll(/\b(?:per|a|each|every|in a|for a|over a|one|for one|in one|the first)\s+(year|month|week|day)\b|\b(yearly|annually|monthly)\b/g)].filter((m) => !/\d[\w\s,.~-]{0,30}$/.test(ctx.lower.slice(Math.max(0, m.index! - 30), m.index!)) || /storage|disk|space|grow|need|store/.test(ctx.lower.slice(Math.max(0, m.index! - 30), m.index!)));
    const per = periods[periods.length - 1];
    const w = per ? (per[1] ?? per[2])! : '';
    const days = periodSeconds(w) / 86400;
    if (!days) return null;
    args.push(`retention=${days}d`);
  }
  // "compresses ~4:1", "4x compression": what is stored is the raw volume over the ratio. A
  // compression the question mentions but gives no ratio for is not guessed.
  const notes: string[] = [];
  if (mentionsCompression) {
    const ratio = comp ? Number(comp[1] ?? comp[2] ?? comp[3]) : NaN;
    if (!(ratio >= 1 && ratio <= 100)) return null;
    used.push(...within(ctx, comp));
    // "compress 4x down to 50GB/day": the size given is already the compressed one.
    const compressedSize = size.start > comp!.index && /\b(?:down to|to|after compression|compressed size(?: of| is)?)\s*(?:about\s+|~\s*)?$/.test(ctx.lower.slice(Math.max(0, size.start - 30), size.start));
    if (!compressedSize) args.push(`compression=${fmt(ratio)}`);
    else notes.push(`${size.raw} is taken as the size after ${fmt(ratio)}:1 compression`);
  }
  return { calculator: 'storage', args, used, consumes: ['size', 'count', 'rate', 'time', 'percent'], ...(notes.length ? { notes } : {}) };
}

/**
 * A compression ratio, always with its marker: "compresses ~4:1", "compressed 3x", "4:1
 * compression", "compresses 4 to 1", "compression ratio of 5". A bare number after "compression"
 * ("with compression 40 GB a day", "lz4 compression 3x replicated") is something else.
 */
const COMPRESSION = /\bcompress\w*\s+(?:(?:by|at|to|about|roughly|around|~)\s*)*~?(\d+(?:\.\d+)?)\s*(?::\s*1|x|×|to\s*1)(?![\w.])(?!\s*(?:replicat|cop(?:y|ies)|rf\b))|\b(\d+(?:\.\d+)?)\s*(?::\s*1|x|×)\s+compression\b|\bcompression\s+ratio\s*(?:of|is|=|:|~|about|around)?\s*~?(\d+(?:\.\d+)?)(?:\s*(?::\s*1|x|×))?(?![\w.])/;
/** Compression said not to apply: "uncompressed", "no compression", "without compression". */
const NO_COMPRESSION = /\buncompress|\b(?:no|without|zero|not using|before)\s+compression\b|\bnot compressed\b/;

function planFill(ctx: Ctx): Draft | null {
  if (!has(ctx, /until (?:it'?s |it is )?full|fill(?:s|ed)? up|run out of (?:disk|space)|days (?:left|until)|how long until|when will (?:it|the disk|we) (?:be )?full/)) return null;
  const sizes = ctx.qs.filter((q) => q.kind === 'size');
  const growth = sizes.find((q) => q.per && /^\d+s$/.test(q.per));
  const rest = sizes.filter((q) => q !== growth);
  if (!growth || rest.length !== 2) return null;
  const [a, b] = rest as [Quantity, Quantity];
  const used = near(ctx, a, /used|full|have|at|of/, 12, 24) && a.value <= b.value ? a : b.value <= a.value ? b : a;
  const capacity = used === a ? b : a;
  const perDay = (growth.value / Number(growth.per!.slice(0, -1))) * 86400;
  return { calculator: 'storage', args: [`per_day=${bytesOf(perDay)}`, `used=${bytesOf(used)}`, `capacity=${bytesOf(capacity)}`], used: [growth, used, capacity], consumes: ['size', 'percent'] };
}

function planTransfer(ctx: Ctx): Draft | null {
  const link = /(\d+(?:\.\d+)?)\s*(k|m|g|t)(?:bps|bit\/s|b\/s|bits?\s*(?:per|\/)\s*s(?:ec(?:ond)?)?)\b|(\d+(?:\.\d+)?)\s*(g|m)be\b/i.exec(ctx.text);
  if (!link || !has(ctx, /copy|transfer|move|migrat|backup|replicat|upload|download|send|ship|how long|hours|links?\b|ports?\b/)) return null;
  const linkQ = ctx.qs.find((q) => q.start >= link.index && q.end <= link.index + link[0].length + 2);
  const sizes = ctx.qs.filter((q) => q.kind === 'size' && q !== linkQ && !q.per);
  if (!sizes.length && has(ctx, /how long|how many hours|how many links/)) return { calculator: 'bandwidth', used: linkQ ? [linkQ] : [], consumes: ['size', 'percent', 'time'], missing: { what: 'how much data moves', ask: 'how large is the data (the backup, the copy), in GB or TB?', example: `bandwidth transfer=<size> link=${link[0].replace(/\s+/g, '')}` } };
  if (sizes.length !== 1) return null;
  const bps = Number(link[1] ?? link[3]) * ({ k: 1e3, m: 1e6, g: 1e9, t: 1e12 }[(link[2] ?? link[4])!.toLowerCase() as 'k']!);
  const args = [`transfer=${bytesOf(sizes[0]!)}`, `link=${fmt(bps)}bps`];
  const used: Quantity[] = [sizes[0]!, ...(linkQ ? [linkQ] : [])];
  const eff = ctx.qs.find((q) => q.kind === 'percent' && near(ctx, q, /line rate|efficien|realistic|effective|of (?:the )?(?:link|bandwidth|capacity)|get|utili[sz]/, 30, 30));
  if (eff) {
    args.push(`efficiency=${pct(eff)}`);
    used.push(eff);
  }
  const window = ctx.qs.find((q) => q.kind === 'time' && near(ctx, q, /window|within|in under|deadline|must finish|have/, 30, 10));
  if (window) {
    args.push(`window=${secs(window)}`);
    used.push(window);
  }
  return { calculator: 'bandwidth', args, used, consumes: ['size', 'percent', 'time'] };
}

function planBandwidth(ctx: Ctx): Draft | null {
  if (!has(ctx, /bandwidth|egress|ingress|throughput|data transfer|network|gbps|mbps|\bnic\b|traffic|outbound|inbound/)) return null;
  const streams = ctx.qs.find((q) => isCount(q, /^(?:viewer|stream|connection|client|user|device|subscriber|websocket|socket|player|camera|sensor)$/));
  const throughputEach = ctx.qs.find((q) => q.kind === 'size' && q.per === '1s');
  if (streams && throughputEach && ctx.qs.length === 2) {
    return { calculator: 'bandwidth', args: [`rate=${perSec(streams.value)}`, `size=${bytesOf(throughputEach)}`], used: [streams, throughputEach], consumes: ['rate', 'size', 'count'], notes: [`${streams.raw} ${streams.noun}s × ${throughputEach.raw} each, read as ${fmt(streams.value)} per second of ${fmt(throughputEach.value)} bytes`] };
  }
  const period = ctx.qs.find((q) => q.kind === 'time' && /\bevery\s*$/.test(ctx.lower.slice(Math.max(0, q.start - 8), q.start)));
  const sizeEach = ctx.qs.filter((q) => q.kind === 'size' && !q.per);
  if (streams && period && sizeEach.length === 1) {
    const k = ctx.qs.find((q) => q !== streams && (q.kind === 'number' || q.kind === 'count') && q.end <= sizeEach[0]!.start && sizeEach[0]!.start - q.end < 4);
    const perStream = (k ? k.value : 1) / period.value;
    return { calculator: 'bandwidth', args: [`rate=${perSec(streams.value * perStream)}`, `size=${bytesOf(sizeEach[0]!)}`], used: [streams, period, sizeEach[0]!, ...(k ? [k] : [])], consumes: ['rate', 'size', 'count', 'number', 'time'], notes: [`${fmt(streams.value)} × ${fmt(k ? k.value : 1)} message every ${period.raw} = ${fmt(streams.value * perStream)} messages a second`] };
  }
  const sizes = ctx.qs.filter((q) => q.kind === 'size' && !q.per?.endsWith('s'));
  const rates = ctx.qs.filter((q) => q.kind === 'rate');
  if (sizes.length > 1 || rates.length > 1) return null;
  if (!rates.length) return null;
  if (!sizes.length && !has(ctx, /bandwidth|egress|ingress|mbps|gbps|network (?:traffic|load)|data transfer/)) return null;
  if (!sizes.length) return { calculator: 'bandwidth', used: rates, consumes: ['rate', 'size', 'multiplier', 'count'], missing: { what: 'the size of each request or response', ask: 'how large is each response (or message) on average, in KB?', example: `bandwidth rate=${perSec(rates[0]!)} size=<bytes>` } };
  const args = [`rate=${perSec(rates[0]!)}`, `size=${bytesOf(sizes[0]!)}`];
  const used = [rates[0]!, sizes[0]!];
  const peak = ctx.qs.find((q) => q.kind === 'multiplier');
  if (peak) {
    args.push(`peak=${fmt(peak.value)}`);
    used.push(peak);
  }
  const copies = ctx.qs.find((q) => isCount(q, /^(?:follower|replica|copy|copie|subscriber|region|mirror)$/));
  if (copies) {
    args.push(`copies=${fmt(copies.value)}`);
    used.push(copies);
  }
  return { calculator: 'bandwidth', args, used, consumes: ['rate', 'size', 'multiplier'] };
}

// ---------------------------------------------------------------------------------------------

function planLatency(ctx: Ctx): Draft | null {
  if (!has(ctx, /\b(?:latency|round[- ]trip|rtt|ping|how far|distance|speed of light|milliseconds|ms)\b/)) return null;
  // "about 8,300 km apart: the minimum RTT in fiber?"
  const km = /(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(km|kilomet(?:er|re)s?|mi|miles)\b/.exec(ctx.lower);
  if (km && ctx.qs.filter((q) => q.kind !== 'time').length <= 1 && has(ctx, /rtt|round[- ]trip|latency|speed of light|fib(?:er|re)|ping/)) {
    const used = ctx.qs.filter((q) => q.start >= km.index && q.start < km.index + km[0].length);
    return { calculator: 'latency', args: [`distance=${km[1]!.replace(/,/g, '')}${/^mi/.test(km[2]!) ? 'mi' : 'km'}`], used, consumes: ['number', 'count'] };
  }
  const m = /\b(?:from|between)\s+(.+?)\s+(?:to|and)\s+(.+?)(?:[?.!,]|\s+(?:in|over|via|for|with|is|be)\b|$)/i.exec(ctx.text);
  if (!m) return null;
  const find = (text: string) => {
    const t = text.trim().toLowerCase().replace(/^the\s+/, '');
    return ctx.places.find((p) => p.name.toLowerCase() === t || (p.aliases ?? []).some((a) => a.toLowerCase() === t));
  };
  const a = find(m[1]!);
  const b = find(m[2]!);
  if (!a || !b) return null;
  // Numbers inside the place names (us-east-1) are part of the names.
  const used = within(ctx, m);
  const arg = (k: string, v: string) => (/\s/.test(v) ? `${k}="${v}"` : `${k}=${v}`);
  return { calculator: 'latency', args: [arg('from', a.name), arg('to', b.name)], used, consumes: [] };
}

// ---------------------------------------------------------------------------------------------
// Sequential round trips against one batch.

const SEQUENTIAL_WORDS = /\b(?:sequential(?:ly)?|serial(?:ly)?|one (?:at a time|after (?:the )?(?:other|another))|one by one|in a loop|back[- ]to[- ]back|in sequence|n\s*\+\s*1|chatty)\b/;
const BATCH_WORDS = /\b(?:mget|mset|multi[- ]?get|pipelin\w*|batch\w*|bulk|one (?:call|query|request|round[- ]?trip)|single (?:call|query|request|round[- ]?trip))\b/;
/** What a count of sequential calls counts: "40 redis GETs", "5 sequential service calls", "200 keys one at a time". */
const CALLS_AFTER = /^\s*(?:[a-z-]+\s+){0,3}?(?:calls?|gets?|queries|query|requests?|lookups?|reads?|writes?|round[- ]?trips?|rpcs?|fetch(?:es)?|hops?|selects?|statements?|commands?|ops|operations?|sets?|puts?|inserts?|keys?|items?|rows?|records?|invocations?|times|services?|microservices?|dependenc(?:y|ies)|backends?|apis?|endpoints?)\b/;

function planRoundTrips(ctx: Ctx): Draft | null {
  if (!has(ctx, SEQUENTIAL_WORDS) && !(has(ctx, /\b(?:round[- ]?trips?|rtts?)\b/) && has(ctx, BATCH_WORDS))) return null;
  if (has(ctx, /retr(?:y|ies|ied|ying)|attempts?\b|backoff|availab|uptime|\bnines\b|amdahl|speed ?up|parallel(?:i[sz]able| fraction| portion| part| share)|serial (?:fraction|portion|part|share)|\bcores?\b|in series/)) return null;
  if (ctx.qs.some((q) => q.kind !== 'count' && q.kind !== 'number' && q.kind !== 'time')) return null;
  const consumes: Quantity['kind'][] = ['count', 'number', 'time'];
  const isCalls = (q: Quantity) => (q.kind === 'count' || q.kind === 'number') && CALLS_AFTER.test(ctx.lower.slice(q.end - (q.raw.length - q.raw.trimEnd().length), q.end + 50));
  const batchSize = ctx.qs.find((q) => (q.kind === 'count' || q.kind === 'number') && (/\b(?:batch(?:es)?|groups?|chunks?|pages?) of\s*(?:up to\s*)?$/.test(ctx.lower.slice(Math.max(0, q.start - 24), q.start)) || /^\s*(?:[a-z]+\s+)?(?:per|a|each|in each|at a time in (?:a|one)) (?:batch|mget|pipeline|call|request)\b/.test(ctx.lower.slice(q.end, q.end + 30))));
  const candidates = ctx.qs.filter((q) => q !== batchSize && isCalls(q) && Number.isInteger(q.value) && q.value >= 2);
  if (candidates.length > 1) return null;
  const calls = candidates[0];
  // "with one MGET", "into 4 batches", "as a single pipeline": the calls left after batching.
  const batchQ = ctx.qs.find((q) => q !== calls && q !== batchSize && isCount(q, /^(?:mget|mset|batch|pipeline|multiget|multi-get|bulk|call|query|querie|request|round-?trip|roundtrip|trip|rpc)$/) && Number.isInteger(q.value) && q.value >= 1 && (!calls || q.value < calls.value));
  const times = ctx.qs.filter((q) => q.kind === 'time');
  if (times.some((q) => q.percentile !== undefined)) return null;
  // A figure is asked ("how long", "how much time", "what if one MGET"), not "how should we fix the architecture?".
  if (!ASKS_FIGURE.test(ctx.lower) && !has(ctx, /\bhow (?:long|much)\b|\btotal\b|\bsav(?:e|es|ed|ing)\b|\bwhat if\b|\bvs\.?|\bversus\b|\bcompared\b|\bbefore and after\b|\binstead\b/)) return null;
  // The time must be that of one call ("RTT 0.5 ms", "25 ms each", "at 0.8 ms"), never the page's total ("takes two seconds to render").
  const perCall = (q: Quantity) =>
    (near(ctx, q, /\b(?:each|apiece|per (?:call|get|query|request|lookup|key|item|hop|round[- ]?trip)|every (?:call|get|query|request)|rtts?|round[- ]?trips?|ping|one (?:call|get|query|request|lookup))\b/, 30, 20) || /\bat\s*(?:about\s+|around\s+|roughly\s+|~\s*)?$/.test(ctx.lower.slice(Math.max(0, q.start - 14), q.start))) &&
    !near(ctx, q, /\b(?:total|overall|in all|altogether|end[- ]to[- ]end|whole|entire|to render|to load|renders? in|loads? in)\b/, 30, 20);
  let rtt: Quantity | undefined;
  let work: Quantity | undefined;
  if (times.length === 1) rtt = perCall(times[0]!) ? times[0] : undefined;
  if (times.length === 1 && !rtt) return null;
  else if (times.length === 2) {
    const isRtt = (q: Quantity) => near(ctx, q, /\b(?:rtt|round[- ]?trips?|ping|network|latency|away)\b/, 30, 20);
    const isWork = (q: Quantity) => near(ctx, q, /\b(?:server|work|process\w*|execut\w*|cpu|spends?|itself|per (?:get|key|item|query|row)|handl\w*)\b/, 30, 20);
    rtt = times.find((q) => isRtt(q) && !isWork(q));
    work = times.find((q) => q !== rtt && isWork(q) && !isRtt(q));
    if (!rtt || !work) return null;
  } else if (times.length > 2) return null;
  if (!calls) {
    if (rtt && has(ctx, SEQUENTIAL_WORDS)) return { calculator: 'roundtrips', used: [rtt, ...(work ? [work] : [])], consumes, missing: { what: 'how many calls are made one after another', ask: 'how many sequential calls (GETs, queries, service calls) does one request make?', example: `roundtrips calls=<count> rtt=${fmt(rtt.value * 1000)}ms` } };
    return null;
  }
  if (!rtt) return { calculator: 'roundtrips', used: [calls], consumes, missing: { what: 'the round trip of one call', ask: 'how long is one round trip to the server (or how long does one call take)? Inside a data centre it is often 0.2-1 ms.', example: `roundtrips calls=${fmt(calls.value)} rtt=<time>` } };
  // Calls issued in parallel are another question (the fan-out's slowest call).
  if (!has(ctx, SEQUENTIAL_WORDS) && has(ctx, /\bin parallel\b|\bconcurrent(?:ly)?\b|\bfan(?:s|ned)?[- ]?out\b/)) return null;
  // "one query for the list, then one per item, 50 items": the list's own query comes first, and
  // the item queries wait for it. It is added to the count only when the count is of items ("50
  // items"), not of queries ("101 queries in total" already holds it).
  const listQuery = /\b(?:one|a|1) (?:query|call|request|select|lookup) (?:for|to (?:get|fetch|load|read)) (?:the )?(?:list|page|parents?|index|ids|orders|items)\b[^.?]{0,40}\b(?:one|1|a query|a call|another) (?:per|for each|for every)\b/.test(ctx.lower);
  const countsQueries = isCount(calls, /^(?:query|querie|call|request|select|lookup|round-?trip|roundtrip|trip|rpc)$/) || /^\s*(?:\w+\s+){0,2}(?:in total|total|in all|altogether|overall)\b/.test(ctx.lower.slice(calls.end, calls.end + 30));
  const total = calls.value + (listQuery && !countsQueries ? 1 : 0);
  const first = listQuery && total >= 2 ? 1 : 0;
  const batchable = total - first;
  const args = [`calls=${fmt(total)}`, `rtt=${fmt(rtt.value * 1000)}ms`, ...(first ? [`first=${first}`] : [])];
  // The 1 of "N+1 queries" is part of a name.
  const nPlusOne = ctx.qs.filter((q) => q.value === 1 && /\bn\s*\+\s*$/.test(ctx.lower.slice(Math.max(0, q.start - 4), q.start)));
  const used: Quantity[] = [calls, rtt, ...nPlusOne];
  const notes: string[] = listQuery ? [`${countsQueries ? '' : `one query for the list plus one per item: ${fmt(total)} calls; `}the item queries can only start once the list returns`] : [];
  if (batchSize) {
    const n = Math.ceil(batchable / batchSize.value);
    if (!Number.isInteger(batchSize.value) || batchSize.value < 1 || batchQ) return null;
    args.push(`batches=${n}`);
    used.push(batchSize);
    notes.push(`${fmt(batchable)} calls in batches of ${fmt(batchSize.value)} make ${n} batched calls`);
  } else if (batchQ) {
    args.push(`batches=${fmt(batchQ.value)}`);
    used.push(batchQ);
  }
  if (work) {
    args.push(`work=${fmt(work.value * 1000)}ms`);
    used.push(work);
  }
  return { calculator: 'roundtrips', args, used, consumes, notes };
}

// ---------------------------------------------------------------------------------------------
// An event rate from a population and how often each member sends.

/** Nouns of the events themselves, not of the things that send them. */
const EVENT_NOUN = /^(?:time|ping|message|msg|event|request|req|write|read|reading|report|heartbeat|update|sample|point|datapoint|record|row|call|metric|log|line|span|batch|beacon|post|tweet|check|checkin|check-in|poll|query|querie|insert|upload|notification|push|frame|packet|location|position|fix|measurement|tick|status|snapshot)$/;
const ASKS_RATE = /\b(?:what|how (?:much|many)|calculate|estimate|work out|figure out)\b[^?]*\b(?:rate|rps|qps|tps|iops|throughput|load|traffic|per (?:second|sec|minute|min|hour|day)|a (?:second|minute|day)|\/s(?:ec)?|writes|reads|messages|events|requests|pings|inserts|updates|heartbeats|reports|calls|datapoints|points|samples|records|rows|check-?ins|polls|queries)\b/;

function planEventRate(ctx: Ctx): Draft | null {
  if (!has(ctx, /\bevery\b|\bintervals?\b/) || !(ASKS_RATE.test(ctx.lower) || /\b(?:rate|rps|qps|tps|throughput|per (?:second|minute)|a second|\/s)\s*\?\s*$/.test(ctx.lower))) return null;
  if (has(ctx, STORAGE_WORDS) || has(ctx, /\bhow many (?:\w+ )?(?:servers|instances|pods|nodes|machines|boxes|vms|workers|brokers|partitions|shards|consumers)\b/)) return null;
  if (ctx.qs.some((q) => q.kind === 'percent' || q.kind === 'money' || q.kind === 'bits' || q.kind === 'multiplier' || q.kind === 'rate')) return null;
  const intervals = ctx.qs.filter((q) => q.kind === 'time' && (/\bevery\s*(?:single\s+)?$/.test(ctx.lower.slice(Math.max(0, q.start - 14), q.start)) || /^\s*intervals?\b/.test(ctx.lower.slice(q.end, q.end + 12)) || /\binterval\s*(?:of|is|=|:)?\s*(?:about|around|~)?\s*$/.test(ctx.lower.slice(Math.max(0, q.start - 24), q.start))));
  if (intervals.length !== 1) return null;
  const every = intervals[0]!;
  const counts = ctx.qs.filter((q) => (q.kind === 'count' || q.kind === 'number') && q !== every);
  // The senders: a count of things that are not events ("1M active drivers", "10k devices").
  const pops = counts.filter((q) => q.kind === 'count' && !!q.noun && !EVENT_NOUN.test(q.noun) && Number.isInteger(q.value) && q.value >= 2);
  if (!pops.length && !counts.length && has(ctx, /\b(?:fleet|all (?:of )?(?:our|the|them)|total|in all|across|combined|overall|altogether)\b/)) {
    return { calculator: 'event-rate', used: [every], consumes: ['count', 'number', 'time', 'size'], missing: { what: 'how many of them send', ask: `how many devices (users, clients) each send every ${every.raw}? The total is their number ÷ ${every.raw}.`, example: `event-rate sources=<count> every=${secs(every)}` } };
  }
  if (pops.length !== 1) return null;
  const pop = pops[0]!;
  // "each sends 3 readings every 10 s": events per interval, between the senders and the interval.
  const lo = Math.min(pop.end, every.end);
  const hi = Math.max(pop.start, every.start);
  const perInterval = counts.filter((q) => q !== pop && q.start >= lo && q.end <= hi && (q.kind === 'number' || (!!q.noun && EVENT_NOUN.test(q.noun))));
  if (perInterval.length > 1) return null;
  const k = perInterval[0];
  if (k && (!Number.isFinite(k.value) || k.value <= 0)) return null;
  const sizes = ctx.qs.filter((q) => q.kind === 'size');
  if (sizes.length > 1 || sizes.some((q) => q.per)) return null;
  const args = [`sources=${fmt(pop.value)}`, `every=${secs(every)}`, ...(k ? [`events=${fmt(k.value)}`] : []), ...(sizes[0] ? [`size=${bytesOf(sizes[0])}`] : [])];
  const clause = ctx.lower.slice(pop.end, pop.end + 80).split(/[.;?:!]/)[0]!;
  const what = /\b(?:an?|one)\s+((?:[a-z][\w-]*\s+)?[a-z][\w-]*)\s*(?:$|every\b|once\b|at\b|to\b|per\b|with\b)/.exec(clause)?.[1];
  const asked = /\bhow many ([a-z]+?)s? (?:per|a|each|every)\b|\bwhat (write|read|request|event|message|insert|update|query|call) (?:rate|load)\b/.exec(ctx.lower);
  // The user's own words for the senders and the events, so the answer reads "drivers" and "pings".
  const eventWord = k?.noun ?? what?.split(/\s+/).pop() ?? (asked ? (asked[1] ?? asked[2]) : undefined);
  if (/^[a-z][a-z-]{0,30}$/.test(pop.noun!)) args.push(`who=${pop.noun!.endsWith('s') ? pop.noun : `${pop.noun}s`}`);
  if (eventWord && /^[a-z][a-z-]{0,30}$/.test(eventWord) && !/^(?:of|the|a|an)$/.test(eventWord)) args.push(`what=${eventWord}`);
  return { calculator: 'event-rate', args, used: [pop, every, ...(k ? [k] : []), ...sizes], consumes: ['count', 'number', 'time', 'size'], notes: [`${pop.value.toLocaleString('en-US')} ${pop.noun}${pop.noun!.endsWith('s') ? '' : 's'}, each sending ${k ? `${fmt(k.value)}${k.noun ? ` ${k.noun}s` : ''}` : what ? `one ${what}` : 'one event'} every ${every.raw}`] };
}

// ---------------------------------------------------------------------------------------------
// Consensus commit latency from the followers' round trips.

/**
 * Times written as a list with one unit at the end ("RTT 2, 15, 70 and 90 ms"): each bare number
 * before the time, joined by commas, "and" or "or", is a time in the same unit.
 */
function timeList(ctx: Ctx): Array<{ value: number; qs: Quantity[] }> {
  const out: Array<{ value: number; qs: Quantity[] }> = [];
  for (let i = 0; i < ctx.qs.length; i++) {
    const q = ctx.qs[i]!;
    if (q.kind !== 'time') continue;
    const run: Quantity[] = [];
    const num0 = Number(/^[\d.,]+/.exec(q.raw)?.[0]?.replace(/,/g, ''));
    const factor = Number.isFinite(num0) && num0 > 0 ? q.value / num0 : NaN;
    for (let j = i - 1; j >= 0; j--) {
      const p = ctx.qs[j]!;
      const gap = ctx.lower.slice(p.end, (run[0] ?? q).start);
      if (p.kind !== 'number' || !/^\s*(?:,|,?\s*(?:and|or)\b)\s*$/.test(gap) || !Number.isFinite(factor)) break;
      run.unshift(p);
    }
    for (const p of run) out.push({ value: p.value * factor, qs: [p] });
    out.push({ value: q.value, qs: [q] });
  }
  return out;
}

function planCommitLatency(ctx: Ctx): Draft | null {
  if (!has(ctx, /\b(?:raft|paxos|multi-paxos|zab|consensus|quorum|majority|etcd|zookeeper|consul|cockroach\w*|spanner)\b|\bleader\b[^.?]*\bfollowers?\b/)) return null;
  if (!has(ctx, /\bcommit\w*|\bwrite latency|\backnowledg\w*|\back(?:ed|s)?\b|\blatenc\w*|\bhow (?:long|fast)\b/)) return null;
  if (ctx.qs.some((q) => q.kind !== 'time' && q.kind !== 'count' && q.kind !== 'number')) return null;
  const times = timeList(ctx);
  if (times.length < 2) return null;
  const consumes: Quantity['kind'][] = ['time', 'count', 'number'];
  const label = (t: { qs: Quantity[] }, re: RegExp) => near(ctx, t.qs[0]!, re, 30, 20);
  const fsync = times.filter((t) => label(t, /\b(?:fsync|f?sync|disk|flush\w*|log writes?|wal|durable|persist\w*)\b/));
  const client = times.filter((t) => !fsync.includes(t) && label(t, /\bclients?\b|\bfrom the (?:app|user|caller)|\bapp servers?\b|\bto the leader\b/));
  if (fsync.length > 1 || client.length > 1) return null;
  const followers = times.filter((t) => !fsync.includes(t) && !client.includes(t));
  if (followers.some((t) => t.qs[0]!.percentile !== undefined)) return null;
  const nodesQ = ctx.qs.find((q) => Number.isInteger(q.value) && (isCount(q, /^(?:node|replica|member|server|voter|peer|instance|machine)$/) || ((q.kind === 'number' || q.kind === 'count') && /\b(?:ensemble|cluster|group|quorum|replica set|set) of\s*$/.test(ctx.lower.slice(Math.max(0, q.start - 24), q.start)))));
  const listed = has(ctx, /\bfollowers?\b|\bpeers?\b|\bother (?:nodes|replicas|members)\b/);
  let n = nodesQ?.value;
  let extraUsed: Quantity[] = [];
  let rtts = followers;
  if (n !== undefined && rtts.length === n) {
    // The leader's own entry listed as 0 ms.
    const zero = rtts.filter((t) => t.value === 0);
    if (zero.length !== 1) return null;
    extraUsed = zero[0]!.qs;
    rtts = rtts.filter((t) => t !== zero[0]);
  }
  if (n === undefined && !listed) return null;
  if (n !== undefined && rtts.length !== n - 1) {
    if (rtts.length > n - 1 || n > 1000) return null;
    const k = Math.floor(n / 2);
    const nth = k === 1 ? 'nearest' : `${k}${k === 2 ? 'nd' : k === 3 ? 'rd' : 'th'} nearest`;
    const given = rtts.map((t) => `${fmt(t.value * 1000)}ms`);
    return { calculator: 'commit-latency', used: [nodesQ!, ...rtts.flatMap((t) => t.qs)], consumes, missing: { what: `the round trip to each of the ${n - 1} followers`, ask: `a commit waits for the ${nth} of the ${fmt(n - 1)} followers, so it needs the leader's round trip to each of them (${rtts.length} given; the others may be nearer).`, example: `commit-latency n=${fmt(n)} followers=${[...given, ...Array.from({ length: n - 1 - rtts.length }, () => '<rtt>')].join(',')}` } };
  }
  n ??= rtts.length + 1;
  if (n < 2 || n > 1000) return null;
  const ms = (v: number) => `${fmt(v * 1000)}ms`;
  const args = [`followers=${rtts.map((t) => ms(t.value)).join(',')}`, ...(nodesQ ? [`n=${fmt(n)}`] : [])];
  if (fsync[0]) args.push(`fsync=${ms(fsync[0].value)}`);
  if (client[0]) args.push(`client=${ms(client[0].value)}`);
  const rounds = has(ctx, /\bclassic paxos\b|\bsingle-decree paxos\b|\bwithout a (?:stable )?leader\b|\bno (?:stable )?leader\b/) ? 2 : 1;
  if (rounds > 1) args.push('rounds=2');
  // "what if the two nearest are down?"
  const downM = /\b(?:if|when|with)\s+(?:the\s+)?(\d+|one)\s+(?:nearest|closest|fastest)(?:\s+(?:followers?|nodes?|replicas?|ones?))?\s+(?:are|is|go(?:es)?|went|were)?\s*(?:down|out|dead|lost|fail\w*|unavailable|offline)/.exec(ctx.lower) ?? /\b(?:lose|losing|lost)\s+(?:the\s+)?(\d+|one)\s+(?:nearest|closest|fastest)/.exec(ctx.lower);
  const downQ = within(ctx, downM);
  if (downM) args.push(`down=${downM[1] === 'one' ? 1 : Number(downM[1])}`);
  // "1 ms from one follower and 80 ms from the other": the count restates the list.
  const restated = ctx.qs.filter((q) => isCount(q, /^(?:follower|peer|other)$/) && q.value <= rtts.length && !downQ.includes(q));
  const used = [...(nodesQ ? [nodesQ] : []), ...rtts.flatMap((t) => t.qs), ...fsync.flatMap((t) => t.qs), ...client.flatMap((t) => t.qs), ...extraUsed, ...downQ, ...restated];
  return { calculator: 'commit-latency', args, used, consumes };
}

/** A question that asks for a number, as opposed to an explanation. */
const ASKS_FIGURE = /\b(?:how (?:many|much|long|fast|big|large|often|rare|likely|quickly)|what(?:'s| is| are| would| will| does)? (?:the |our |my |its |a |an |that )?(?:[\w-]+ ){0,3}?(?:availability|uptime|downtime|latency|throughput|rate|rps|qps|speedup|capacity|cost|bill|price|size|storage|bandwidth|egress|ingress|budget|chance|probability|odds|fraction|share|percentage|percent|number|count|time|utili[sz]ation|wait|delay|response|lag|load|amplification|overlap|combinations|bits|hashes|mttr|mtbf|quorum|majority|memory|disk|space)|calculate|compute|estimate|work out|figure out|(?:^|how (?:do|should|would|can) (?:i|we|you) |to )size|can we (?:afford|meet|hit|make|commit)|is (?:it|that) (?:enough|feasible|possible|achievable)|do (?:we|i) need|should we (?:provision|buy|order)|when (?:is|will) it (?:gone|full|run out)|when (?:do|will|does) (?:we|it|they) run out|until|cheaper|more expensive|break[- ]?even|worth it)\b/;

const PLANNERS: Array<(ctx: Ctx) => Draft | null> = [
  planLatency,
  planCommitLatency,
  planRoundTrips,
  planSlo,
  planMtbf,
  planAvailability,
  planTail,
  planUsl,
  planQuorum,
  planBloom,
  planCollision,
  planIdspace,
  planShuffle,
  planRetries,
  planTransferCost,
  planCost,
  planAmdahl,
  planEventRate,
  planCapacity,
  planLittle,
  planQueue,
  planFill,
  planTransfer,
  planStorage,
  planBandwidth,
];

/** The calculation a plain question asks for, or null when it asks for none (or one we cannot read). */
export function planFromQuestion(question: string, places: readonly Place[]): Plan | null {
  const q = question.trim();
  if (/^\/?calc\b/i.test(q)) return { calculator: '', command: q.replace(/^\//, ''), used: [], unused: [], unplaced: [], notes: [] };
  const { text, quantities } = readQuantities(q);
  const ctx: Ctx = { text, lower: text.toLowerCase(), qs: quantities, places };
  if (!quantities.length && /\bhow many (?:\w+ )?(?:nodes|members|replicas|voters|servers)\b/.test(ctx.lower) && /\b(?:raft|paxos|consensus|etcd|zookeeper|quorum|majority)\b/.test(ctx.lower)) {
    return { calculator: 'quorum', used: [], unused: [], unplaced: [], notes: [], missing: { what: 'how many failures it must survive', ask: 'how many nodes may be down at the same time while it keeps working (f)? A majority quorum needs 2f + 1 nodes: 3 nodes keep working with 1 down, 5 with 2 down, and an even count adds a vote but no tolerance (4 nodes survive 1 failure, like 3).', example: 'quorum f=<failures>' } };
  }
  if (!quantities.length && /\b(?:bigint|int|int32|int64|uint32|uint64|integer|serial|auto[- ]?increment)\b[^?]*\b(?:run out|wrap|overflow|exhaust|max out|hit the max|how long)|\b(?:run out|wrap|overflow|exhaust|how long)\b[^?]*\b(?:bigint|int|int32|int64|uint32|uint64|integer)\b/.test(ctx.lower)) {
    return { calculator: 'idspace', used: [], unused: [], unplaced: [], notes: [], missing: { what: 'how fast IDs are used', ask: 'how many IDs (rows) are taken per second or per day, and how far along is the counter today?', example: 'idspace bits=64 signed=yes rate=<ids per second>' } };
  }
  // "how much downtime does our SLA allow?" with no figure: ask for it.
  if (!quantities.length && /\bhow (?:much|many (?:minutes|hours|seconds))\b[^?]*\b(?:downtime|outage|down)\b[^?]*\b(?:sla|slo)\b|\bhow (?:much|many)\b[^?]*\b(?:sla|slo)\b[^?]*\b(?:allow|give|mean)/.test(ctx.lower)) {
    return { calculator: 'availability', used: [], unused: [], unplaced: [], notes: [], missing: { what: 'the availability your SLA or SLO promises', ask: 'what percentage does it promise (for example 99.9%), and over what window?', example: 'availability 99.9%' } };
  }
  if (!quantities.length && !planLatency(ctx)) return null;
  for (const planner of PLANNERS) {
    const d = planner(ctx);
    if (!d) continue;
    const unused = others(ctx, d.used);
    // People and other things no calculation counts ("a team of 4 engineers") are named as not used, never block one.
    const human = (x: Quantity) => x.kind === 'count' && !!x.noun && /^(?:engineer|person|people|developer|dev|sre|oncall|on-call|human|staff|employee|lead|architect|manager|teammate|week-old|year-old|month-old|day-old)$/.test(x.noun);
    const alternative = (x: Quantity) => /\b(?:instead of|rather than|compared (?:to|with)|versus|vs\.?|than)\s*(?:about\s+|~)?$/.test(ctx.lower.slice(Math.max(0, x.start - 24), x.start));
    // A bare number nobody could place ("the current max id is 1.8 billion") may be the input that matters: never compute past it.
    const bare = (x: Quantity) => x.kind === 'number' && x.value >= 10;
    const repeated = (x: Quantity) => d.used.some((u) => u.value === x.value && u !== x);
    const unplaced = unused.filter((x) => (d.consumes.includes(x.kind) || bare(x)) && !(d.irrelevant ?? []).includes(x) && !alternative(x) && !human(x) && !repeated(x));
    // "I need X" only when the question asks for a figure; a "why" or "how do the big providers..." question is answered from the documents.
    if (d.missing && !ASKS_FIGURE.test(ctx.lower)) return null;
    const command = d.missing ? undefined : [d.calculator, ...(d.positional ?? []), ...(d.args ?? [])].join(' ');
    return { calculator: d.calculator, command, used: d.used, unused: unused.filter((x) => !unplaced.includes(x)), unplaced, missing: d.missing, notes: d.notes ?? [] };
  }
  return null;
}

/**
 * What kind of figure a question asks for, when it says so plainly ("how many servers", "how long",
 * "how much storage", "what does it cost", "what's the chance"), and whether a result has one: a
 * calculation that answers with another kind of figure answers another question.
 */
const ASKED: Array<{ ask: RegExp; what: string; fits: (f: { unit: string; key: string }) => boolean }> = [
  { ask: /\bhow many (?:\w+ )?(?:servers|instances|pods|boxes|machines|vms|hosts|workers|brokers|containers)\b(?! (?:can|may|could) (?:fail|die|be down|go down))/, what: 'a number of servers', fits: (f) => /^(?:servers|units|processors|workers|nodes)$/.test(f.unit) },
  { ask: /\bhow (?:long|many (?:days|hours|minutes|seconds|years|weeks|months))\b/, what: 'a time', fits: (f) => f.unit === 's' || f.unit === 'years' || f.unit === 'ms' },
  { ask: /\bhow much (?:storage|disk|space|data)\b/, what: 'a size', fits: (f) => f.unit === 'B' || f.unit === 'TB' },
  { ask: /\b(?:what(?:'s| is| does| will| would)? (?:it |that |this |the |our )?(?:monthly )?(?:cost|bill|price)|how much (?:does|will|would) (?:it|that|this) cost|cost per (?:million|request))\b/, what: 'a cost', fits: (f) => f.unit === 'usd' },
  { ask: /\bwhat(?:'s| is| are)? (?:the )?(?:chance|probability|odds|likelihood)\b/, what: 'a probability', fits: (f) => f.unit === 'fraction' },
];

/** The kind of figure the question asks for that a result does not give, or null when it fits (or the question does not say). */
export function askedButMissing(question: string, figures: ReadonlyArray<{ unit: string; key: string }>): string | null {
  const q = question.toLowerCase();
  for (const a of ASKED) if (a.ask.test(q) && !figures.some(a.fits)) return a.what;
  return null;
}

/** The command a question carries, when it can be computed from the question alone (tests and the CLI use it). */
export function commandFromQuestion(question: string, places: readonly Place[]): string | null {
  const plan = planFromQuestion(question, places);
  return plan && plan.command && !plan.unplaced.length ? plan.command : null;
}
