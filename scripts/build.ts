/**
 * Build step run before start, test and deploy: validates content/, builds the search index and
 * stored answer data, renders every document as a static page, and bundles the CLI.
 * Exits non-zero with one line per problem (file and field) when any document is broken.
 */
import { existsSync, readFileSync, readdirSync, mkdirSync, renameSync, writeFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import matter from 'gray-matter';
import yaml from 'js-yaml';
import { build as esbuild } from 'esbuild';
import { buildKnowledge, storedText, nameCollisions, duplicateCatalogIds, phraseKey, Calculators, checkPlaces, DialogueSchema, formatProblem, PlacesFileSchema, validateContent, validateDialogue, type CatalogEntry, type DialogueData, type Place, type SourceFile } from '../src/core/index';
import { renderSite } from '../src/web/site';
import { faviconIco } from './favicon-ico';
import { parseDiagramFile, type DiagramSpec } from '../src/web/diagram-files';
import { diagramSvg } from '../src/web/render/diagrams';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const contentDir = join(root, 'content');
const generatedDir = join(root, 'generated');
const publicDir = join(root, 'dist', 'public');

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

export function loadCatalog(): CatalogEntry[] {
  const raw = yaml.load(readFileSync(join(contentDir, 'catalog.yaml'), 'utf8')) as Record<string, Array<Partial<CatalogEntry>>>;
  return Object.entries(raw).flatMap(([group, entries]) =>
    entries.map((e) => ({ id: String(e.id), title: String(e.title), covers: String(e.covers ?? ''), group })),
  );
}

export function loadSources(): { files: SourceFile[]; yamlErrors: string[] } {
  const files: SourceFile[] = [];
  const yamlErrors: string[] = [];
  // content/README.md is the authors' guide, not a document.
  for (const path of walk(contentDir).filter((p) => p.endsWith('.md') && relative(contentDir, p) !== 'README.md').sort()) {
    const rel = relative(root, path).split('\\').join('/');
    const id = relative(contentDir, path).split('\\').join('/').replace(/\.md$/, '');
    try {
      const parsed = matter(readFileSync(path, 'utf8'));
      files.push({ path: rel, id, data: parsed.data, body: parsed.content });
    } catch (err) {
      const reason = err instanceof Error ? err.message.split('\n')[0] : String(err);
      yamlErrors.push(`${rel}: front matter is not valid YAML (${reason})`);
    }
  }
  return { files, yamlErrors };
}

function loadSynonyms(): string[][] {
  const raw = yaml.load(readFileSync(join(contentDir, 'search', 'synonyms.yaml'), 'utf8')) as { groups?: unknown };
  if (!Array.isArray(raw?.groups) || !raw.groups.every((g) => Array.isArray(g) && g.every((x) => typeof x === 'string'))) {
    throw new Error('content/search/synonyms.yaml: "groups" must be a list of lists of words');
  }
  return raw.groups as string[][];
}

function loadPlaces(): { places: Place[]; problems: string[] } {
  const path = 'content/data/cities.yaml';
  let raw: unknown;
  try {
    raw = yaml.load(readFileSync(join(root, path), 'utf8'));
  } catch (err) {
    return { places: [], problems: [`${path}: not valid YAML (${err instanceof Error ? err.message.split('\n')[0] : err})`] };
  }
  const parsed = PlacesFileSchema.safeParse(raw);
  if (!parsed.success) {
    return {
      places: [],
      problems: parsed.error.issues.map((i) => `${path}: ${i.path.join('.')} ${i.message === 'Invalid input' ? 'is invalid' : i.message}`),
    };
  }
  return { places: parsed.data.places, problems: checkPlaces(parsed.data.places).map((p) => `${path}: ${p}`) };
}

function loadDialogues(): { dialogues: DialogueData[]; problems: string[] } {
  const dir = join(contentDir, 'dialogues');
  const dialogues: DialogueData[] = [];
  const problems: string[] = [];
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.yaml')).sort()) {
    const path = `content/dialogues/${name}`;
    let raw: unknown;
    try {
      raw = yaml.load(readFileSync(join(dir, name), 'utf8'));
    } catch (err) {
      problems.push(`${path}: not valid YAML (${err instanceof Error ? err.message.split('\n')[0] : err})`);
      continue;
    }
    const parsed = DialogueSchema.safeParse(raw);
    if (!parsed.success) {
      problems.push(...parsed.error.issues.map((i) => `${path}: ${i.path.join('.')} ${i.message === 'Invalid input' ? 'is invalid' : i.message}`));
      continue;
    }
    if (`${parsed.data.id}.yaml` !== name) problems.push(`${path}: id "${parsed.data.id}" must match the file name`);
    dialogues.push(parsed.data);
  }
  return { dialogues, problems };
}

/**
 * content/diagrams/<id>.mmd: each file names an existing document, each diagram an existing
 * section, and every diagram must render (to SVG, at build time, without a browser).
 */
function loadDiagrams(docs: Array<{ id: string; sections: Array<{ anchor: string }> }>): { diagrams: Map<string, DiagramSpec[]>; problems: string[] } {
  const dir = join(contentDir, 'diagrams');
  const diagrams = new Map<string, DiagramSpec[]>();
  const problems: string[] = [];
  if (!existsSync(dir)) return { diagrams, problems };
  for (const path of walk(dir).filter((p) => p.endsWith('.mmd')).sort()) {
    const rel = relative(root, path).split('\\').join('/');
    const id = relative(dir, path).split('\\').join('/').replace(/\.mmd$/, '');
    const doc = docs.find((d) => d.id === id);
    if (!doc) {
      problems.push(`${rel}: no document "${id}" (name the file after a document id)`);
      continue;
    }
    const parsed = parseDiagramFile(readFileSync(path, 'utf8'));
    problems.push(...parsed.problems.map((p) => `${rel}: ${p}`));
    for (const d of parsed.diagrams) {
      if (d.section !== 'top' && !doc.sections.some((s) => s.anchor === d.section)) {
        problems.push(`${rel}:${d.line}: ${id} has no section #${d.section}`);
        continue;
      }
      try {
        diagramSvg(d.source, 'check');
      } catch (err) {
        problems.push(`${rel}:${d.line}: the diagram does not render (${err instanceof Error ? err.message.split('\n')[0] : err})`);
        continue;
      }
      diagrams.set(id, [...(diagrams.get(id) ?? []), d]);
    }
  }
  return { diagrams, problems };
}

async function main() {
  const started = Date.now();
  const catalog = loadCatalog();
  const { files, yamlErrors } = loadSources();
  const { docs, problems: all } = validateContent(files, catalog);
  // --draft (for authors writing several documents at once): links to catalog documents that are
  // not written yet are reported but do not stop the build. Tests, start and deploy never use it.
  const draft = process.argv.includes('--draft');
  const pending = (m: string) => /no document "|" is not a document$/.test(m);
  const problems = draft ? all.filter((p) => !pending(p.message)) : all;
  if (draft && all.length > problems.length) console.warn(`draft: ignoring ${all.length - problems.length} links to documents not written yet`);
  const { places, problems: placeProblems } = loadPlaces();
  // Every calculator links the section that explains it; that section must exist.
  const calcProblems = new Calculators(places).list.flatMap((c) => {
    const doc = docs.find((d) => d.id === c.doc.id);
    if (!doc) return draft ? [] : [`calculator ${c.name}: explains itself in ${c.doc.id}, which does not exist`];
    return doc.sections.some((s) => s.anchor === c.doc.anchor) ? [] : [`calculator ${c.name}: ${c.doc.id} has no section #${c.doc.anchor}`];
  });
  // Every calculator command a document shows ("Try it") must run: an example that errors fails the build.
  const calculatorsForExamples = new Calculators(places);
  for (const f of files) {
    for (const m of f.body.matchAll(/(?:`|^\s*)\/calc ([^`\n]+)/gm)) {
      if (m[1]!.includes('...') || m[1]!.includes('<')) continue;
      const r = calculatorsForExamples.run(m[1]!.trim());
      if (!r.ok) calcProblems.push(`${f.path}: "/calc ${m[1]!.trim()}" does not run: ${r.message}`);
    }
  }
  // Each name (alias or search term) belongs to one document, and each catalog id appears once.
  const lineIn = (file: string, text: string, last = false) => {
    const lines = readFileSync(join(contentDir, file), 'utf8').split('\n');
    const hits = lines.flatMap((l, i) => (l.includes(text) ? [i] : []));
    const i = hits.length ? (last ? hits[hits.length - 1]! : hits[0]!) : -1;
    return i >= 0 ? `:${i + 1}` : '';
  };
  const nameProblems = nameCollisions(docs, phraseKey).map(
    ({ name, ids }) => `"${name}" names ${ids.length} documents (${ids.map((id) => `content/${id}.md${lineIn(`${id}.md`, name)}`).join(', ')}); keep it on one of them`,
  );
  const catalogProblems = duplicateCatalogIds(catalog).map((id) => `content/catalog.yaml${lineIn('catalog.yaml', `id: ${id}`, true)}: "${id}" is listed more than once`);
  const messages = [...yamlErrors, ...problems.map(formatProblem), ...placeProblems, ...calcProblems, ...nameProblems, ...catalogProblems];
  if (messages.length) {
    console.error(`Content check failed with ${messages.length} problem(s):`);
    for (const m of messages) console.error(`  ${m}`);
    process.exit(1);
  }
  const { dialogues, problems: dialogueLoadProblems } = loadDialogues();
  const { data, index } = buildKnowledge(docs, loadSynonyms(), places, dialogues);
  const metaById = new Map(data.docs.map((d) => [d.id, d]));
  const calculators = new Calculators(places);
  const dialogueProblems = [
    ...dialogueLoadProblems,
    ...dialogues.flatMap((d) =>
      validateDialogue(d, (id) => metaById.get(id), (command) => {
        const r = calculators.run(command);
        return r.ok ? null : r.message;
      }),
    ),
  ];
  if (dialogueProblems.length && !draft) {
    console.error(`Dialogue check failed with ${dialogueProblems.length} problem(s):`);
    for (const m of dialogueProblems.slice(0, 40)) console.error(`  ${m}`);
    process.exit(1);
  }
  const { diagrams, problems: diagramProblems } = loadDiagrams(docs);
  if (diagramProblems.length) {
    console.error(`Diagram check failed with ${diagramProblems.length} problem(s):`);
    for (const m of diagramProblems) console.error(`  ${m}`);
    process.exit(1);
  }
  mkdirSync(generatedDir, { recursive: true });
  writeFileSync(join(generatedDir, 'knowledge.txt'), JSON.stringify(data));
  writeFileSync(join(generatedDir, 'index.txt'), index);

  // Pages are written to a fresh folder and swapped in at the end, so a running `npm start` (or a
  // CLI reading document text) never sees a half-written or empty dist/public.
  const stagingDir = `${publicDir}.staging-${process.pid}`;
  rmSync(stagingDir, { recursive: true, force: true });
  for (const page of renderSite(docs, catalog, diagrams)) {
    const target = join(stagingDir, page.path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, page.body);
  }

  writeFileSync(join(stagingDir, 'favicon.ico'), faviconIco());

  // The pages' scripts: the chat client (with the compendium's own markdown renderer), the theme
  // switch, and the book's navigation (drawer, table of contents, learning paths).
  await esbuild({
    entryPoints: {
      chat: join(root, 'src', 'web', 'client', 'main.ts'),
      theme: join(root, 'src', 'web', 'client', 'theme.ts'),
      docs: join(root, 'src', 'web', 'client', 'docs.ts'),
      search: join(root, 'src', 'web', 'client', 'search.ts'),
    },
    outdir: join(stagingDir, 'assets'),
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2020',
    logLevel: 'error',
  });

  // Each document's text, split into quotable passages with their terms, for answers to quote.
  for (const doc of docs) {
    const target = join(stagingDir, 'data', 'text', `${doc.id}.json`);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, JSON.stringify(storedText({ id: doc.id, sections: doc.sections })));
  }

  const retired = `${publicDir}.old-${process.pid}`;
  if (existsSync(publicDir)) renameSync(publicDir, retired);
  renameSync(stagingDir, publicDir);
  rmSync(retired, { recursive: true, force: true });

  await esbuild({
    entryPoints: [join(root, 'src', 'cli', 'main.ts')],
    outfile: join(root, 'dist', 'cli.mjs'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'error',
  });

  const missing = catalog.length - docs.length;
  console.log(
    `Built ${docs.length} documents (${data.units.length} sections) in ${Date.now() - started} ms` +
      (missing ? `; ${missing} catalog documents are not written yet.` : '.'),
  );
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
