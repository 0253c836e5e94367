/**
 * What a question asks about its subject: the aspect chooses which sections an answer draws from,
 * and the words that name it are not evidence about the subject itself.
 */
export type Aspect =
  | 'define'
  | 'expand'
  | 'how'
  | 'why'
  | 'when'
  | 'avoid'
  | 'costs'
  | 'settings'
  | 'fix'
  | 'example'
  | 'need'
  | 'difference'
  | 'do'
  | 'general';

type Rule = { aspect: Aspect; re: RegExp; sections: string[] };

/**
 * In order: the first rule that matches wins. `sections` are headings (lowercase) whose sentences
 * answer that aspect best; front-matter lists answer some aspects directly (see compose).
 */
export const ASPECT_RULES: Rule[] = [
  { aspect: 'expand', re: /\b(stand(s)? for|acronym|abbreviation|short for|full form|what does .{1,30} stand)\b/i, sections: [] },
  {
    aspect: 'avoid',
    // "avoid" asks when not to use something only with that something as its object ("should we avoid
    // it?", "avoid using sagas"); "how does a crawler avoid hammering a site?" asks how to prevent.
    re: /\b(when (not|shouldn'?t|should (i|we|you) not|is it (a bad|not a good)|to avoid)|(should|must|would) (i|we|you) avoid (it|them)\b|avoid(ing)? (it|them|using)\b|(pitfalls?|mistakes?|gotchas|traps|things) to avoid|to avoid (with|when)|not (to )?use|bad (idea|fit)|anti-?patterns?|overkill|why not)\b/i,
    sections: ['when not to use', 'anti-patterns', 'pitfalls and a failure story', 'pitfalls', 'trade-offs'],
  },
  {
    aspect: 'costs',
    re: /\b(downsides?|drawbacks?|cons|disadvantages?|costs?|price|trade-?offs?|risks?|overhead|penalt(y|ies)|what do (i|we|you) (lose|give up)|catch)\b/i,
    sections: ['trade-offs', 'when not to use', 'pitfalls and a failure story', 'key decisions and trade-offs', 'approaches and their trade-offs'],
  },
  {
    aspect: 'fix',
    re: /\b(fix|debug|troubleshoot|diagnos\w*|keeps?|stuck|broken|fail(s|ing|ed)?|errors?|outage|incident|went wrong|goes wrong|symptoms?|why (is|are|does|do) (my|our)|spik(e|es|ing)|lag(ging)?|leak(s|ing)?|hang(s|ing)?|slow(er|s)?|storm|detect|alert)\b/i,
    sections: ['pitfalls and a failure story', 'pitfalls', 'anti-patterns', 'what went wrong or was learned', 'a failure story', 'in practice'],
  },
  {
    aspect: 'settings',
    re: /\b(defaults?|settings?|configur\w*|config|tun(e|ing)|values?|thresholds?|how (many|long|big|large|often|much)|what (size|number|ttl|timeout|interval|limit)|sizes?|sizing|intervals?|ttl|limits?|parameters?|knobs?|typical)\b/i,
    sections: ['in practice', 'numbers to know', 'worked example', 'practices', 'solution'],
  },
  {
    aspect: 'example',
    re: /\b(examples?|real[- ]world|in production|who uses|which (companies|systems|databases|products)|used by|case stud(y|ies)|in practice|real systems?|implementations?|libraries|tools?)\b/i,
    sections: ['in practice', 'a real system', 'a failure story', 'pitfalls and a failure story', 'an example', 'architecture', 'context and scale'],
  },
  { aspect: 'when', re: /\b(when (should|to|do|would|is it)|use cases?|good fit|worth it|makes? sense|appropriate|suitable)\b/i, sections: ['when to use', 'what it means for design', 'who it is for'] },
  { aspect: 'need', re: /^\s*(do|does|should|must|can|could|is|are|will|would)\s+(i|we|you|it|they|there|this|that)\b.*\b(need|require|necessary|have to|must|still|enough|instead|replace|without)\b/i, sections: ['when to use', 'when not to use', 'solution', 'trade-offs'] },
  { aspect: 'why', re: /^\s*why\b|\b(why (do|does|is|are|would|should)|reason|purpose|point of|motivation)\b/i, sections: ['problem', 'why it holds', 'the constraint', 'why it matters', 'the problem', 'intuition'] },
  { aspect: 'how', re: /\b(how (does|do|is|are) .{0,40}(work|implemented|done|handled|achieved|guarantee)|mechanism|under the hood|internals?|algorithm|steps?|step by step|implement(ed|ing)?)\b/i, sections: ['solution', 'architecture', 'the formula', 'why it holds', 'approaches and their trade-offs'] },
  { aspect: 'do', re: /^\s*(how (do|can|should|would|could) (i|we|you)|how to\b|what('?s| is) the (best|right|usual|standard) way|ways? to\b|best practices?\b)/i, sections: ['solution', 'practices', 'in practice', 'steps', 'worked example', 'when to use', 'what it means for design'] },
  { aspect: 'define', re: /^\s*(what\s+(is|are|'?s)\s|whats\s|define\b|definition|meaning of|explain\b|eli5|tell me about)/i, sections: ['solution', 'the constraint', 'the formula', 'the problem', 'why it matters'] },
];

const SECTIONS = new Map(ASPECT_RULES.map((r) => [r.aspect, new Set(r.sections)]));

/** Words that only say which aspect is asked ("default", "downsides"); they do not pick documents. */
export const ASPECT_WORDS = new Set(
  `default defaults setting settings configure configuration config tune tuning value values typical threshold thresholds
downside downsides drawback drawbacks con cons disadvantage disadvantages cost costs tradeoff tradeoffs risk risks
example examples real world production use case cases avoid pitfall pitfalls fix debug troubleshoot problem problems
issue issues work works working happen happens stand acronym abbreviation mean short full form actually basically
exactly around generally usually typically pattern patterns`.split(/\s+/),
);

export function aspectOf(question: string): Aspect {
  for (const rule of ASPECT_RULES) if (rule.re.test(question)) return rule.aspect;
  return 'general';
}

/** Whether a section heading, in lower case, answers this aspect (passages are scored by the thousand, so callers lower-case each heading once). */
export function sectionFits(aspect: Aspect, heading: string): boolean {
  return SECTIONS.get(aspect)?.has(heading) ?? false;
}
