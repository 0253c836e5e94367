/** The shape of a question decides how its answer is composed. */
export type Intent = 'definition' | 'comparison' | 'howto' | 'scenario' | 'numbers';

export type ParsedQuestion = {
  intent: Intent;
  /** For comparisons: the two things compared, as the user wrote them. */
  sides?: [string, string];
  /**
   * The comparison was read from a looser shape ("is X just Y?", "X or Y for Z?") that everyday
   * phrasings share ("is the cache just stale?"): it holds only if every side names something.
   */
  loose?: boolean;
};

/** What follows the second side of "is X just Y ...?" without being part of it. */
const NOT_A_SIDE = String.raw`by another name|in disguise|with extra steps|under the hood|renamed|rebranded|again|or not|or something else|or what`;

/**
 * "saga or 2pc for an order that touches three services?", "single leader, multi leader or
 * leaderless for a cart?": a short list of sides opening the question, before "or" and what it is for.
 * A question opening with a verb or a pronoun ("is this normal or a bug in our setup?") is not one.
 */
const SIDE_LIST = /^(?!(?:is|are|was|were|do|does|did|should|shall|can|could|would|will|what|how|why|when|where|which|who|this|that|it|we|i|you|they|our|my|there|yes|no|more|less|sooner|later|one|two|either|hi|hello|\d+)\b)((?:[\w/+.-]+\s+){0,3}?[\w/+.-]+(?:,\s*(?:[\w/+.-]+\s+){0,3}?[\w/+.-]+)*)\s+or\s+((?:[\w/+.-]+\s+){0,3}?[\w/+.-]+)\s+(?:for|in|on|with|when)\s+\S.*$/i;

/**
 * "is the outbox basically just CDC?", "is cqrs just event sourcing by another name?": never a
 * pronoun first ("is it just me or..."), nor a second side that opens with a preposition ("just for
 * caches") or holds an "or".
 */
const IS_JUST = new RegExp(String.raw`^(?:so\s+)?(?:is|isn'?t|are|aren'?t)\s+(?!(?:it|this|that|he|she|they|there|me|we|you)\b)([^?!.]+?)\s+(?:(?:basically|essentially|simply|just)\s+)+(?:the same (?:thing )?as\s+)?(?!(?:for|to|in|on|at|about|from|with|by|like|because|when|if)\b)((?:(?!\bor\b)[^?!.])+?)(?:\s+(?:${NOT_A_SIDE}|with (?:more|better|a|an)\b[^?!.]*))?\s*(?:[?!.].*)?$`, 'i');
/** "is X the same as Y?", "is X any different from Y?" */
const SAME_AS = /^(?:so\s+)?(?:is|are)\s+(?!(?:it|this|that|they|there)\b)([^?!.]+?)\s+(?:the same (?:thing )?as|any different (?:from|than)|different (?:from|than)|equivalent to)\s+([^?!.]+)/i;

/** "is 2PC reasonable here or should we do a saga?": one option weighed, the other offered instead. */
const OR_SHOULD = /\b(?:is|are)\s+(?!(?:it|this|that|there|they)\b)((?:[\w/+.-]+\s+){0,3}?[\w/+.-]+)\s+(?:(?:really|actually|even|still)\s+)?(?:reasonable|ok|okay|fine|enough|viable|acceptable|sensible|overkill|a good (?:idea|fit|choice)|the right (?:call|choice|tool|approach)|worth it|needed|necessary)(?:\s+here)?,?\s+or\s+(?:should|do|would|could|must|can)\s+(?:we|i|you)\s+(?:(?:just|rather|instead)\s+)?(?:do|use|go with|pick|choose|adopt|build|switch to|move to)\s+(?:an?\s+|the\s+)?((?:[\w/+.-]+\s+){0,3}?[\w/+.-]+)\s*(?:[?.!,]|$)/i;
/** "do we need both an api gateway and a service mesh?": what each does that the other does not. */
const BOTH = /\b(?:do|does|should|would)\s+(?:we|i|you|one)\s+(?:really\s+|actually\s+|still\s+)?need\s+both\s+(?:an?\s+|the\s+)?((?:[\w/+.-]+\s+){0,3}?[\w/+.-]+)\s+and\s+(?:an?\s+|the\s+)?((?:[\w/+.-]+\s+){0,3}?[\w/+.-]+)\s*(?:[?.!,(]|$)/i;

const COMPARISON_PATTERNS: RegExp[] = [
  /\bdifferences?\s+between\s+(.+?)\s+(?:and|&|vs\.?|versus)\s+(.+)/i,
  /\bcompare\s+(.+?)\s+(?:and|with|to|vs\.?|versus|against)\s+(.+)/i,
  /^(.+?)\s+(?:vs\.?|versus|compared (?:to|with))\s+(.+)$/i,
  /\b(?:should|do|would|can)\s+(?:i|we|you)\s+(?:use|pick|choose|go with|prefer)\s+(.+?)\s+or\s+(.+)/i,
  /\b(?:which is better|which one|which should i use|which to use)[:,]?\s+(.+?)\s+or\s+(.+)/i,
  /^(?:when (?:to|should (?:i|we)) use|when do (?:i|we) use)\s+(.+?)\s+(?:vs\.?|versus|or|instead of|over)\s+(.+)/i,
  OR_SHOULD,
  BOTH,
  IS_JUST,
  SAME_AS,
  SIDE_LIST,
];

/** Shapes of a comparison that everyday phrasings share: the sides must name something (ParsedQuestion.loose). */
const LOOSE = new Set([IS_JUST, SAME_AS, SIDE_LIST, OR_SHOULD, BOTH]);

const DEFINITION = /^\s*(?:(?:and\s+|so\s+)?(?:what|how)\s+about\s+(?!(?:it|them|this|that)\b)|what\s+(?:is|are|was|were)\s+(?:an?\s+|the\s+)?(?!the best|a good|the right)|what'?s\s+(?:an?\s+|the\s+)?|whats\s+|define\s+|definition of\s+|meaning of\s+|explain\s+|describe\s+|tell me about\s+|what does\s+.+\s+mean\b|eli5\s+)/i;
const HOWTO = /^\s*(?:how\s+(?:do|does|can|could|should|would|to|might|are)\b|how'?s\b|what(?:'s| is| are)?\s+(?:the\s+)?(?:best|right|recommended|usual|standard|common)\s+(?:way|approach|practice|pattern)s?|best\s+(?:way|practice)s?|(?:should|can|could)\s+(?:i|we)\b|which\s+(?:pattern|approach|strategy|technique|database|design)|what\s+(?:pattern|approach|strategy|technique)s?\b|ways?\s+to\b|tips\b|guidance\b|is it (?:ok|safe|wise|a good idea)\b)/i;
const NUMBERS = /\b(?:how\s+(?:many|much|long|fast)|calculate|compute|estimate|what(?:'s| is)\s+the\s+(?:latency|availability|throughput|downtime|capacity|speedup))\b|\d+(?:\.\d+)?\s*(?:%|ms|s\b|rps|qps|\/s|req|nines?|servers?|nodes?|replicas?|km|mi\b|gb|tb|mb)/i;

function clean(side: string): string {
  return side
    // What follows a comma, dash or question mark is the rest of the question, not the side.
    .replace(/\s*(?:[,;:?]|\s[—–-]\s).*$/, '')
    .replace(/[?.!]+$/, '')
    .replace(/^(?:(?:just|only|the|a|an|using|use)\s+)+/i, '')
    .replace(/\s+(?:for|in|when)\s+.*$/i, '')
    .replace(new RegExp(String.raw`\s+(?:${NOT_A_SIDE})$`, 'i'), '')
    .trim();
}

/**
 * The first side as the asker named it: only its own sentence ("3TB and growing. when do you
 * replicate vs partition?" compares replicating, not the dataset), without the clause that asks
 * ("when do you", "should we use").
 */
function firstSide(text: string): string {
  const sentence = text.split(/(?<=[.?!;:])\s+/).pop() ?? text;
  return sentence.replace(/^(?:(?:so|and|but|ok)\s+)?(?:when|why|how|where|should|would|could|can|do|does|did)\s+(?:(?:do|does|should|would|can|could|to)\s+)?(?:i|we|you|they|one)\s+(?:(?:use|pick|choose|go with|prefer|want to)\s+)?/i, '');
}

export function parseQuestion(question: string): ParsedQuestion {
  const q = question.trim().replace(/\s+/g, ' ');
  for (const pattern of COMPARISON_PATTERNS) {
    // "lambda or containers for an api doing 2000 rps: what will the bill look like?" is a calculation.
    if (pattern === SIDE_LIST && NUMBERS.test(q)) continue;
    const m = pattern.exec(q);
    if (m) {
      // "single leader, multi leader or leaderless for a cart?": a list of sides before the "or".
      const a = clean(firstSide(pattern === SIDE_LIST ? m[1]!.replace(/\s*,\s*/g, ' vs ') : m[1]!));
      const b = clean(m[2]!);
      if (a && b && a.toLowerCase() !== b.toLowerCase()) return { intent: 'comparison', sides: [a, b], ...(LOOSE.has(pattern) ? { loose: true } : {}) };
    }
  }
  if (NUMBERS.test(q)) return { intent: 'numbers' };
  if (DEFINITION.test(q)) return { intent: 'definition' };
  if (HOWTO.test(q)) return { intent: 'howto' };
  return { intent: 'scenario' };
}
