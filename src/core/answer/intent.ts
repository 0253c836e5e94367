/** The shape of a question decides how its answer is composed. */
export type Intent = 'definition' | 'comparison' | 'howto' | 'scenario' | 'numbers';

export type ParsedQuestion = {
  intent: Intent;
  /** For comparisons: the two things compared, as the user wrote them. */
  sides?: [string, string];
};

const COMPARISON_PATTERNS: RegExp[] = [
  /\bdifferences?\s+between\s+(.+?)\s+(?:and|&|vs\.?|versus)\s+(.+)/i,
  /\bcompare\s+(.+?)\s+(?:and|with|to|vs\.?|versus|against)\s+(.+)/i,
  /^(.+?)\s+(?:vs\.?|versus|compared (?:to|with))\s+(.+)$/i,
  /\b(?:should|do|would|can)\s+(?:i|we|you)\s+(?:use|pick|choose|go with|prefer)\s+(.+?)\s+or\s+(.+)/i,
  /\b(?:which is better|which one|which should i use|which to use)[:,]?\s+(.+?)\s+or\s+(.+)/i,
  /^(?:when (?:to|should (?:i|we)) use|when do (?:i|we) use)\s+(.+?)\s+(?:vs\.?|versus|or|instead of|over)\s+(.+)/i,
];

const DEFINITION = /^\s*(?:(?:and\s+|so\s+)?(?:what|how)\s+about\s+(?!(?:it|them|this|that)\b)|what\s+(?:is|are|was|were)\s+(?:an?\s+|the\s+)?(?!the best|a good|the right)|what'?s\s+(?:an?\s+|the\s+)?|whats\s+|define\s+|definition of\s+|meaning of\s+|explain\s+|describe\s+|tell me about\s+|what does\s+.+\s+mean\b|eli5\s+)/i;
const HOWTO = /^\s*(?:how\s+(?:do|does|can|could|should|would|to|might|are)\b|how'?s\b|what(?:'s| is| are)?\s+(?:the\s+)?(?:best|right|recommended|usual|standard|common)\s+(?:way|approach|practice|pattern)s?|best\s+(?:way|practice)s?|(?:should|can|could)\s+(?:i|we)\b|which\s+(?:pattern|approach|strategy|technique|database|design)|what\s+(?:pattern|approach|strategy|technique)s?\b|ways?\s+to\b|tips\b|guidance\b|is it (?:ok|safe|wise|a good idea)\b)/i;
const NUMBERS = /\b(?:how\s+(?:many|much|long|fast)|calculate|compute|estimate|what(?:'s| is)\s+the\s+(?:latency|availability|throughput|downtime|capacity|speedup))\b|\d+(?:\.\d+)?\s*(?:%|ms|s\b|rps|qps|\/s|req|nines?|servers?|nodes?|replicas?|km|mi\b|gb|tb|mb)/i;

function clean(side: string): string {
  return side
    // What follows a comma, dash or question mark is the rest of the question, not the side.
    .replace(/\s*(?:[,;:?]|\s[—–-]\s).*$/, '')
    .replace(/[?.!]+$/, '')
    .replace(/^(?:the|a|an|using|use)\s+/i, '')
    .replace(/\s+(?:for|in|when)\s+.*$/i, '')
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
    const m = pattern.exec(q);
    if (m) {
      const a = clean(firstSide(m[1]!));
      const b = clean(m[2]!);
      if (a && b && a.toLowerCase() !== b.toLowerCase()) return { intent: 'comparison', sides: [a, b] };
    }
  }
  if (NUMBERS.test(q)) return { intent: 'numbers' };
  if (DEFINITION.test(q)) return { intent: 'definition' };
  if (HOWTO.test(q)) return { intent: 'howto' };
  return { intent: 'scenario' };
}
