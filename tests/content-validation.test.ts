import { describe, expect, it } from 'vitest';
import { duplicateCatalogIds, formatProblem, nameCollisions, phraseKey, validateContent, type CatalogEntry, type SourceFile } from '../src/core/index';

const catalog: CatalogEntry[] = [
  { id: 'patterns/alpha', title: 'Alpha', group: 'patterns', covers: '' },
  { id: 'patterns/beta', title: 'Beta', group: 'patterns', covers: '' },
  { id: 'patterns/gamma', title: 'Gamma', group: 'patterns', covers: '' },
  { id: 'axioms/one', title: 'Axiom One', group: 'axioms', covers: '' },
];

const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(' ');
const PATTERN_SECTIONS = ['Problem', 'Solution', 'When to use', 'When not to use', 'Trade-offs', 'In practice', 'Pitfalls and a failure story', 'Related patterns'];

function patternBody(extra = ''): string {
  return PATTERN_SECTIONS.map((h) => `## ${h}\n\n${words(100)}`).join('\n\n') + `\n\nSee [Alpha](patterns/alpha), [Beta](patterns/beta), [Gamma](patterns/gamma#problem) and [the axiom](axioms/one).\n${extra}`;
}

function pattern(id: string, title: string, overrides: Record<string, unknown> = {}, body = patternBody()): SourceFile {
  return {
    path: `content/${id}.md`,
    id,
    body,
    data: {
      title,
      summary: `${title} is a pattern used here as a test fixture for the validator.`,
      kind: 'pattern',
      tags: ['test'],
      aliases: [],
      related: [],
      category: 'core',
      use_when: ['testing'],
      avoid_when: ['never'],
      tradeoffs: ['a vs b'],
      ...overrides,
    },
  };
}

const axiom: SourceFile = {
  path: 'content/axioms/one.md',
  id: 'axioms/one',
  body: ['The constraint', 'Why it holds', 'Numbers to know', 'A failure story', 'What it means for design', 'Patterns that answer it', 'Exercises']
    .map((h) => `## ${h}\n\n${words(180)}`)
    .join('\n\n'),
  data: { title: 'Axiom One', summary: 'The first axiom, used here as a test fixture.', kind: 'axiom', tags: ['t'], aliases: ['A1'], related: [] },
};

const valid = () => [pattern('patterns/alpha', 'Alpha'), pattern('patterns/beta', 'Beta'), pattern('patterns/gamma', 'Gamma'), axiom];

function problemsFor(files: SourceFile[]): string[] {
  return validateContent(files, catalog).problems.map(formatProblem);
}

describe('content validation', () => {
  it('accepts a well-formed compendium and orders documents as the catalog does', () => {
    const result = validateContent(valid(), catalog);
    expect(result.problems).toEqual([]);
    expect(result.docs.map((d) => d.id)).toEqual(['patterns/alpha', 'patterns/beta', 'patterns/gamma', 'axioms/one']);
  });

  it.each([
    ['a missing title', { title: undefined }, 'content/patterns/alpha.md: front matter field "title" is required'],
    ['a title that differs from the catalog', { title: 'Alfa' }, 'field "title" must match the catalog title "Alpha"'],
    ['a summary that is too short', { summary: 'Short.' }, 'field "summary" must be one or two full sentences'],
    ['aliases that are not a list', { aliases: 'CB' }, 'field "aliases" is invalid'],
    ['an unknown kind', { kind: 'recipe' }, 'field "kind"'],
    ['a kind that does not match the folder', { kind: 'axiom' }, 'field "kind" must be "pattern"'],
    ['a pattern without use_when', { use_when: undefined }, 'field "use_when" is required for patterns'],
    ['an unknown category', { category: 'misc' }, 'field "category"'],
    ['a related id that does not exist', { related: ['patterns/zeta'] }, 'field "related[0]" "patterns/zeta" is not a document'],
  ])('names the file and field for %s', (_name, overrides, expected) => {
    const files = valid();
    files[0] = pattern('patterns/alpha', 'Alpha', overrides);
    expect(problemsFor(files).join('\n')).toContain(expected);
  });

  it('fails on a dangling link and on a link to a missing section', () => {
    const files = valid();
    files[0] = pattern('patterns/alpha', 'Alpha', {}, patternBody('Also [Zeta](patterns/zeta) and [Beta](patterns/beta#nowhere).'));
    const problems = problemsFor(files);
    expect(problems).toContain('content/patterns/alpha.md: links to "patterns/zeta", but no document "patterns/zeta" exists (link by document id, e.g. patterns/saga)');
    expect(problems).toContain('content/patterns/alpha.md: links to "patterns/beta#nowhere", but patterns/beta has no section "#nowhere"');
  });

  it('requires the sections and length of the kind', () => {
    const files = valid();
    files[0] = pattern('patterns/alpha', 'Alpha', {}, '## Problem\n\nToo short. [B](patterns/beta) [G](patterns/gamma) [A](axioms/one)');
    const problems = problemsFor(files).join('\n');
    expect(problems).toContain('is missing the required section "## Solution"');
    expect(problems).toMatch(/has \d+ words of body; a pattern needs at least 700/);
  });

  it('requires patterns to link an axiom and two patterns', () => {
    const files = valid();
    files[0] = pattern('patterns/alpha', 'Alpha', {}, PATTERN_SECTIONS.map((h) => `## ${h}\n\n${words(100)}`).join('\n\n'));
    const problems = problemsFor(files).join('\n');
    expect(problems).toContain('must link to at least one axiom it answers');
    expect(problems).toContain('must link to at least two related patterns');
  });

  it('rejects raw HTML, top-level headings, duplicate anchors and files outside the catalog', () => {
    const files = valid();
    files[0] = pattern('patterns/alpha', 'Alpha', {}, patternBody('# Title again\n\n<script>alert(1)</script>\n\n## Problem\n\nagain'));
    files.push({ ...axiom, path: 'content/axioms/two.md', id: 'axioms/two' });
    const problems = problemsFor(files).join('\n');
    expect(problems).toContain('uses a "# " heading in the body');
    expect(problems).toContain('contains raw HTML');
    expect(problems).toContain('has two sections with the anchor "#problem"');
    expect(problems).toContain('"axioms/two" is not in content/catalog.yaml');
  });
});

describe('answer cards', () => {
  const withCards = (cards: string) => [pattern('patterns/alpha', 'Alpha', {}, patternBody(`\n## Common questions\n\n${cards}`)), pattern('patterns/beta', 'Beta'), pattern('patterns/gamma', 'Gamma'), axiom];
  const good = '### How many trial calls does the half-open state allow?\n\nA small fixed number, ten by default in resilience4j, and the breaker closes again only if they succeed. See [Beta](patterns/beta).';

  it('accepts well-formed cards and reads them as the document\'s cards', () => {
    expect(problemsFor(withCards(good))).toEqual([]);
    const { docs } = validateContent(withCards(`${good}\n\n### Do I need retries too?\n\nYes, because retries absorb brief errors while the breaker stops calls once failures persist for a while.`), catalog);
    const alpha = docs.find((d) => d.id === 'patterns/alpha')!;
    expect(alpha.cards.map((c) => c.anchor)).toEqual(['how-many-trial-calls-does-the-half-open-state-allow', 'do-i-need-retries-too']);
  });

  it.each([
    ['a question without a question mark', '### Half-open state\n\nA small fixed number of trial calls, and the breaker closes again only if all of them succeed.', 'must end with "?"'],
    ['an answer that is a list', '### What does half-open do?\n\n- lets a few calls through\n- closes if they succeed', 'exactly one paragraph'],
    ['a teaser', '### What does half-open do?\n\nIt does the three things described below, which matter a great deal for recovery after an outage.', 'points at something it does not show'],
    ['an answer too short', '### What does half-open do?\n\nIt probes.', 'words'],
    ['a question asked twice', `${good}\n\n${good}`, 'asked twice'],
    ['text outside a card', `Some intro text here.\n\n${good}`, 'only cards'],
  ])('rejects %s, naming the card', (_label, cards, message) => {
    expect(problemsFor(withCards(cards)).join('\n')).toContain(message);
  });

  it('requires the cards section to come last', () => {
    const body = patternBody(`\n## Common questions\n\n${good}\n\n## Afterword\n\n${words(20)}`);
    expect(problemsFor([pattern('patterns/alpha', 'Alpha', {}, body), pattern('patterns/beta', 'Beta'), pattern('patterns/gamma', 'Gamma'), axiom]).join('\n')).toContain('must end with "## Common questions"');
  });

  it('accepts search-only phrases apart from the aliases readers see', () => {
    expect(problemsFor([pattern('patterns/alpha', 'Alpha', { search_terms: ['stop calling a dead service', 'circut breaker'] }), pattern('patterns/beta', 'Beta'), pattern('patterns/gamma', 'Gamma'), axiom])).toEqual([]);
  });
});

describe('names and catalog ids belong to one document', () => {
  it('reports an alias or search term that names two documents, or another document\'s title', () => {
    const { docs } = validateContent([pattern('patterns/alpha', 'Alpha', { aliases: ['shared name'] }), pattern('patterns/beta', 'Beta', { search_terms: ['Shared names'] }), pattern('patterns/gamma', 'Gamma', { aliases: ['alpha'] }), axiom], catalog);
    const found = nameCollisions(docs, phraseKey);
    expect(found).toEqual(expect.arrayContaining([{ name: 'shared name', ids: ['patterns/alpha', 'patterns/beta'] }, { name: 'alpha', ids: ['patterns/alpha', 'patterns/gamma'] }]));
    expect(nameCollisions(validateContent(valid(), catalog).docs, phraseKey)).toEqual([]);
  });

  it('reports a catalog id listed twice', () => {
    expect(duplicateCatalogIds([...catalog, { id: 'patterns/beta', title: 'Beta', group: 'patterns', covers: '' }])).toEqual(['patterns/beta']);
    expect(duplicateCatalogIds(catalog)).toEqual([]);
  });
});
