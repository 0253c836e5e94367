/**
 * What each kind of document must contain. Authors meet these rules; the build enforces them
 * so that every section the assistant quotes exists and carries enough substance to answer from.
 */
export const KINDS = [
  'introduction',
  'axiom',
  'pillar',
  'pattern',
  'quantitative',
  'human-factors',
  'case-study',
  'learning-path',
  'reference',
] as const;
export type Kind = (typeof KINDS)[number];

export const PATTERN_CATEGORIES = ['core', 'resilience', 'data', 'coordination', 'operational'] as const;
export type PatternCategory = (typeof PATTERN_CATEGORIES)[number];

/** The folder a document lives in decides its kind (content/<folder>/<name>.md). */
export const FOLDER_KIND: Record<string, Kind> = {
  introduction: 'introduction',
  axioms: 'axiom',
  pillars: 'pillar',
  patterns: 'pattern',
  quantitative: 'quantitative',
  'human-factors': 'human-factors',
  'case-studies': 'case-study',
  'learning-paths': 'learning-path',
  reference: 'reference',
};

/** `##` headings each kind must have, in this order (extra sections are allowed between them). */
export const REQUIRED_SECTIONS: Record<Kind, readonly string[]> = {
  introduction: [],
  axiom: [
    'The constraint',
    'Why it holds',
    'Numbers to know',
    'A failure story',
    'What it means for design',
    'Patterns that answer it',
    'Exercises',
  ],
  pillar: ['The problem', 'Approaches and their trade-offs', 'How the axioms bear on it', 'Patterns', 'A real system'],
  pattern: [
    'Problem',
    'Solution',
    'When to use',
    'When not to use',
    'Trade-offs',
    'In practice',
    'Pitfalls and a failure story',
    'Related patterns',
  ],
  quantitative: ['The formula', 'Intuition', 'Worked example', 'Pitfalls', 'Try it'],
  'human-factors': ['Why it matters', 'Practices', 'Anti-patterns', 'An example'],
  'case-study': [
    'Context and scale',
    'Architecture',
    'Key decisions and trade-offs',
    'Axioms and pillars at work',
    'Patterns used',
    'What went wrong or was learned',
    'Further reading',
  ],
  'learning-path': ['Who it is for', 'Steps', 'How to know you are done'],
  reference: [],
};

/** Minimum body words per kind (front matter excluded), from the compendium's content standard. */
export const MIN_WORDS: Record<Kind, number> = {
  introduction: 400,
  axiom: 1200,
  pillar: 1000,
  pattern: 700,
  quantitative: 800,
  'human-factors': 700,
  'case-study': 800,
  'learning-path': 400,
  reference: 300,
};

/** Human names for each kind, used in listings and answers. */
export const KIND_LABEL: Record<Kind, string> = {
  introduction: 'Introduction',
  axiom: 'Axiom',
  pillar: 'Pillar',
  pattern: 'Pattern',
  quantitative: 'Quantitative toolkit',
  'human-factors': 'Human factors',
  'case-study': 'Case study',
  'learning-path': 'Learning path',
  reference: 'Reference',
};
