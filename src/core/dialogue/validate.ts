import type { DialogueData, QuestionData } from './schema';
import { recommend } from './engine';
import type { DocMeta } from '../knowledge/types';

/**
 * Checks a dialogue as data: every option leads somewhere, every question is reachable, no path
 * loops, every path's length is within bounds and (for the selector) ends in enough
 * recommendations, and every document and calculator it names exists.
 */
export function validateDialogue(d: DialogueData, doc: (id: string) => DocMeta | undefined, checkCalc: (command: string) => string | null): string[] {
  const problems: string[] = [];
  const where = `content/dialogues/${d.id}.yaml`;
  const say = (m: string) => problems.push(`${where}: ${m}`);
  const questions = new Map<string, QuestionData>();
  for (const q of d.questions) {
    if (questions.has(q.id)) say(`question "${q.id}" is defined twice`);
    questions.set(q.id, q);
    const ids = new Set<string>();
    for (const o of q.options) {
      if (ids.has(o.id)) say(`question "${q.id}" has two options "${o.id}"`);
      ids.add(o.id);
      if (o.next !== 'end' && !questions.has(o.next) && !d.questions.some((x) => x.id === o.next)) say(`option "${q.id}.${o.id}" leads to "${o.next}", which is not a question (use "end" to finish)`);
      if (o.risk) for (const id of o.risk.mitigate) if (!doc(id)) say(`option "${q.id}.${o.id}" mitigates with "${id}", which is not a document`);
    }
    if (q.axiom && !doc(q.axiom)) say(`question "${q.id}" names axiom "${q.axiom}", which is not a document`);
  }
  if (!questions.has(d.start)) say(`start "${d.start}" is not a question`);
  for (const [i, r] of (d.rules ?? []).entries()) {
    for (const f of [...r.when, ...(r.any ?? []), ...(r.unless ?? [])]) {
      const [qid, oid] = f.split('.') as [string, string];
      if (!questions.get(qid)?.options.some((o) => o.id === oid)) say(`rule ${i + 1} refers to "${f}", which is not a question.option`);
    }
    for (const id of [r.recommend, r.avoid]) {
      if (!id) continue;
      const meta = doc(id);
      if (!meta) say(`rule ${i + 1} names "${id}", which is not a document`);
      else if (meta.kind !== 'pattern') say(`rule ${i + 1} names "${id}", which is not a pattern`);
    }
    if (!r.recommend && !r.avoid) say(`rule ${i + 1} neither recommends nor avoids anything`);
  }
  for (const [id, command] of Object.entries(d.calculators ?? {})) {
    if (!doc(id)) say(`calculators: "${id}" is not a document`);
    const err = checkCalc(command);
    if (err) say(`calculators: "${command}" does not run: ${err}`);
  }
  if (problems.length) return problems;

  // Walk every path.
  const reached = new Set<string>();
  let paths = 0;
  const walk = (qid: string, path: Array<{ q: QuestionData; o: number }>, seen: Set<string>) => {
    if (problems.length > 20 || paths > 100_000) return;
    const q = questions.get(qid)!;
    if (seen.has(qid)) return say(`a path loops back to "${qid}": ${path.map((p) => `${p.q.id}.${p.q.options[p.o]!.id}`).join(' > ')}`);
    reached.add(qid);
    q.options.forEach((o, i) => {
      const next = [...path, { q, o: i }];
      if (o.next !== 'end') return walk(o.next, next, new Set([...seen, qid]));
      paths++;
      const label = next.map((p) => `${p.q.id}.${p.q.options[p.o]!.id}`).join(' > ');
      if (d.min_steps && next.length < d.min_steps) say(`the path ${label} has ${next.length} steps; at least ${d.min_steps} are required`);
      if (d.max_steps && next.length > d.max_steps) say(`the path ${label} has ${next.length} steps; at most ${d.max_steps} are allowed`);
      if (d.kind === 'selector') {
        const { recommendations } = recommend(d, next, { doc });
        const min = d.min_results ?? 3;
        if (recommendations.length < min) say(`the path ${label} ends with ${recommendations.length} recommendations; add rules so every path gets at least ${min}`);
      }
    });
  };
  walk(d.start, [], new Set());
  for (const q of d.questions) if (!reached.has(q.id)) say(`question "${q.id}" cannot be reached from "${d.start}"`);
  return problems;
}

/** Every complete path through a dialogue, as option ids (for tests). */
export function allPaths(d: DialogueData): string[][] {
  const questions = new Map(d.questions.map((q) => [q.id, q]));
  const out: string[][] = [];
  const walk = (qid: string, path: string[]) => {
    for (const o of questions.get(qid)!.options) {
      if (o.next === 'end') out.push([...path, o.id]);
      else walk(o.next, [...path, o.id]);
    }
  };
  walk(d.start, []);
  return out;
}
