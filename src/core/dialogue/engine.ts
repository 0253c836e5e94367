import type { DialogueData, QuestionData } from './schema';
import type { DocMeta } from '../knowledge/types';
import { docUrl } from '../answer/links';

/**
 * A dialogue is data (questions, options, rules); this engine is a pure function from a state and
 * an answer to the next step. The state is the list of chosen options, so a stateless server can
 * carry it in a URL or a Slack button value and replay it.
 */
export type DialogueState = { dialogue: string; version: string; answers: number[] };

export type Answered = { question: string; questionId: string; answer: string; answerId: string };

export type QuestionStep = {
  type: 'question';
  dialogue: string;
  title: string;
  state: string;
  step: number;
  /** Most steps any path through this dialogue takes. */
  maxSteps: number;
  question: { id: string; text: string; help?: string; options: Array<{ id: string; label: string }> };
  answered: Answered[];
  canGoBack: boolean;
};

export type Recommendation = {
  id: string;
  title: string;
  url: string;
  score: number;
  /** Why it fits, in the user's own terms ("because you said ..."). */
  reasons: string[];
  /** From the pattern's front matter. */
  fitsWhen?: string;
  tradeoff?: string;
  read: Array<{ heading: string; url: string }>;
  calculator?: string;
};

export type Risk = {
  level: 'high' | 'medium';
  title: string;
  why: string;
  question: string;
  answer: string;
  axiom?: { id: string; title: string; url: string };
  mitigate: Array<{ id: string; title: string; url: string }>;
  firstStep: string;
};

export type ResultStep = {
  type: 'result';
  dialogue: string;
  kind: 'selector' | 'review';
  title: string;
  state: string;
  answered: Answered[];
  recommendations: Recommendation[];
  avoid: Array<{ id: string; title: string; url: string; because: string }>;
  risks: Risk[];
  /** The whole result as markdown, to copy or share. */
  markdown: string;
};

export type DialogueError = {
  type: 'error';
  code: 'unknown_dialogue' | 'invalid_state' | 'stale_state' | 'invalid_answer';
  message: string;
  /** A fresh start to offer with the error. */
  restart?: QuestionStep;
};

export type DialogueStep = QuestionStep | ResultStep | DialogueError;

export type DialogueContext = { doc: (id: string) => DocMeta | undefined; baseUrl?: string };

/** A short content hash, so a state made for an older version of a dialogue is recognised. */
export function dialogueVersion(d: DialogueData): string {
  const text = JSON.stringify(d);
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return (h >>> 0).toString(36).slice(0, 6);
}

export function encodeState(s: DialogueState): string {
  return `${s.dialogue}~${s.version}~${s.answers.map((a) => a.toString(36)).join('.')}`;
}

export const MAX_STATE_LENGTH = 1000;

export class Dialogues {
  private byId = new Map<string, { data: DialogueData; version: string; questions: Map<string, QuestionData> }>();

  constructor(dialogues: DialogueData[]) {
    for (const d of dialogues) this.byId.set(d.id, { data: d, version: dialogueVersion(d), questions: new Map(d.questions.map((q) => [q.id, q])) });
  }

  list(): Array<{ id: string; title: string; kind: string; intro: string }> {
    return [...this.byId.values()].map(({ data }) => ({ id: data.id, title: data.title, kind: data.kind, intro: data.intro }));
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  /** Starts a dialogue: its first question. */
  start(dialogue: string, ctx: DialogueContext): DialogueStep {
    const d = this.byId.get(dialogue);
    if (!d) return { type: 'error', code: 'unknown_dialogue', message: `There is no dialogue "${dialogue}". Dialogues: ${[...this.byId.keys()].join(', ')}.` };
    return this.replay({ dialogue, version: d.version, answers: [] }, ctx);
  }

  /**
   * The next step after `answer` (an option id, its 1-based number, "back" or "restart") from
   * `state` (from a previous step). No state starts the dialogue. Never throws.
   */
  transition(dialogue: string, state: string | undefined | null, answer: string | undefined | null, ctx: DialogueContext): DialogueStep {
    const d = this.byId.get(dialogue);
    if (!d) return { type: 'error', code: 'unknown_dialogue', message: `There is no dialogue "${dialogue}". Dialogues: ${[...this.byId.keys()].join(', ')}.` };
    const fresh = () => this.replay({ dialogue, version: d.version, answers: [] }, ctx) as QuestionStep;
    if (!state) return answer ? this.transition(dialogue, encodeState({ dialogue, version: d.version, answers: [] }), answer, ctx) : fresh();
    const decoded = this.decode(dialogue, state);
    if ('error' in decoded) return { type: 'error', code: decoded.code, message: decoded.error, restart: fresh() };
    const s = decoded.state;
    if (!answer) return this.replay(s, ctx);
    const a = answer.trim().toLowerCase();
    if (a === 'restart') return fresh();
    if (a === 'back') return this.replay({ ...s, answers: s.answers.slice(0, -1) }, ctx);
    const current = this.walk(d.data, d.questions, s.answers);
    if (!current.question) return { type: 'error', code: 'invalid_answer', message: 'This dialogue is already finished; answer "back" to change the last answer or "restart" to begin again.', restart: fresh() };
    const q = current.question;
    let index = q.options.findIndex((o) => o.id === a);
    if (index < 0 && /^\d+$/.test(a)) index = Number(a) - 1;
    if (index < 0 || index >= q.options.length) {
      return {
        type: 'error',
        code: 'invalid_answer',
        message: `"${answer.slice(0, 40)}" is not an answer to "${q.text}". Choose one of: ${q.options.map((o, i) => `${i + 1} (${o.id})`).join(', ')}; or "back" or "restart".`,
      };
    }
    return this.replay({ ...s, answers: [...s.answers, index] }, ctx);
  }

  private decode(dialogue: string, text: string): { state: DialogueState } | { error: string; code: 'invalid_state' | 'stale_state' } {
    const d = this.byId.get(dialogue)!;
    if (text.length > MAX_STATE_LENGTH) return { error: 'That dialogue state is too long to be one of ours; starting again.', code: 'invalid_state' };
    const m = /^([a-z0-9-]+)~([a-z0-9]+)~((?:[0-9a-z]+(?:\.[0-9a-z]+)*)?)$/.exec(text);
    if (!m || m[1] !== dialogue) return { error: 'That dialogue state is not valid (it may have been changed); starting again.', code: 'invalid_state' };
    if (m[2] !== d.version) return { error: 'The questions have changed since this dialogue began; starting again with the current ones.', code: 'stale_state' };
    const answers = m[3] ? m[3].split('.').map((x) => parseInt(x, 36)) : [];
    const walked = this.walk(d.data, d.questions, answers);
    if (walked.invalid) return { error: 'That dialogue state does not match the questions (it may have been changed); starting again.', code: 'invalid_state' };
    return { state: { dialogue, version: d.version, answers } };
  }

  /** Follows the answers from the start; returns the question reached (or none at the end). */
  private walk(d: DialogueData, questions: Map<string, QuestionData>, answers: number[]): { path: Array<{ q: QuestionData; o: number }>; question?: QuestionData; invalid?: boolean } {
    const path: Array<{ q: QuestionData; o: number }> = [];
    let q = questions.get(d.start);
    for (const a of answers) {
      if (!q || !Number.isInteger(a) || a < 0 || a >= q.options.length) return { path, invalid: true };
      path.push({ q, o: a });
      const next = q.options[a]!.next;
      q = next === 'end' ? undefined : questions.get(next);
      if (next !== 'end' && !q) return { path, invalid: true };
    }
    return { path, question: q };
  }

  private replay(s: DialogueState, ctx: DialogueContext): DialogueStep {
    const d = this.byId.get(s.dialogue)!;
    const { path, question } = this.walk(d.data, d.questions, s.answers);
    const state = encodeState(s);
    const answered: Answered[] = path.map(({ q, o }) => ({ question: q.text, questionId: q.id, answer: q.options[o]!.label, answerId: q.options[o]!.id }));
    if (question) {
      return {
        type: 'question',
        dialogue: s.dialogue,
        title: d.data.title,
        state,
        step: path.length + 1,
        maxSteps: d.data.max_steps ?? 7,
        question: { id: question.id, text: question.text, ...(question.help ? { help: question.help } : {}), options: question.options.map((o) => ({ id: o.id, label: o.label })) },
        answered,
        canGoBack: path.length > 0,
      };
    }
    return result(d.data, path, answered, state, ctx);
  }
}

function facts(path: Array<{ q: QuestionData; o: number }>): Map<string, string | undefined> {
  return new Map(path.map(({ q, o }) => [`${q.id}.${q.options[o]!.id}`, q.options[o]!.says]));
}

function docLink(ctx: DialogueContext, id: string, anchor = '') {
  return docUrl(ctx.baseUrl ?? '', id, anchor);
}

/** Selector scoring: every rule whose answers all hold adds its weight to its pattern. */
export function recommend(d: DialogueData, path: Array<{ q: QuestionData; o: number }>, ctx: DialogueContext) {
  const given = facts(path);
  const holds = (r: { when: string[]; any?: string[]; unless?: string[] }) =>
    r.when.every((f) => given.has(f)) && (!r.any?.length || r.any.some((f) => given.has(f))) && !(r.unless ?? []).some((f) => given.has(f));
  const scores = new Map<string, { score: number; reasons: string[] }>();
  const avoid: ResultStep['avoid'] = [];
  for (const rule of d.rules ?? []) {
    if (!holds(rule)) continue;
    const said = [...rule.when, ...(rule.any ?? []).filter((f) => given.has(f))].map((f) => given.get(f)).filter((x): x is string => !!x);
    if (rule.recommend) {
      const entry = scores.get(rule.recommend) ?? { score: 0, reasons: [] };
      entry.score += rule.weight ?? 2;
      if ((rule.weight ?? 2) > 0) {
        const reason = rule.because ?? (said.length ? `you said ${said.join(' and ')}` : '');
        if (reason && !entry.reasons.includes(reason)) entry.reasons.push(reason);
      }
      scores.set(rule.recommend, entry);
    }
    if (rule.avoid && !avoid.some((a) => a.id === rule.avoid)) {
      const doc = ctx.doc(rule.avoid);
      avoid.push({ id: rule.avoid, title: doc?.title ?? rule.avoid, url: docLink(ctx, rule.avoid), because: rule.because ?? (said.length ? `you said ${said.join(' and ')}` : '') });
    }
  }
  const max = d.max_results ?? 5;
  const ranked = [...scores.entries()]
    .filter(([id, e]) => e.score > 0 && !avoid.some((a) => a.id === id))
    .sort((a, b) => b[1].score - a[1].score || a[0].localeCompare(b[0]))
    .slice(0, max);
  const recommendations: Recommendation[] = ranked.map(([id, e]) => {
    const doc = ctx.doc(id);
    const read = ['solution', 'when-to-use', 'in-practice']
      .map((anchor) => doc?.sections.find((s) => s.anchor === anchor))
      .filter((s): s is { anchor: string; heading: string } => !!s)
      .map((s) => ({ heading: s.heading, url: docLink(ctx, id, s.anchor) }));
    return {
      id,
      title: doc?.title ?? id,
      url: docLink(ctx, id),
      score: e.score,
      reasons: e.reasons,
      ...(doc?.use_when[0] ? { fitsWhen: doc.use_when[0] } : {}),
      ...(doc?.tradeoffs[0] ? { tradeoff: doc.tradeoffs[0] } : {}),
      read,
      ...(d.calculators?.[id] ? { calculator: d.calculators[id] } : {}),
    };
  });
  return { recommendations, avoid };
}

function reviewRisks(path: Array<{ q: QuestionData; o: number }>, ctx: DialogueContext): Risk[] {
  const risks: Risk[] = [];
  for (const { q, o } of path) {
    const option = q.options[o]!;
    if (!option.risk) continue;
    const axiom = q.axiom ? ctx.doc(q.axiom) : undefined;
    risks.push({
      level: option.risk.level,
      title: option.risk.title,
      why: option.risk.why,
      question: q.text,
      answer: option.label,
      ...(axiom ? { axiom: { id: axiom.id, title: axiom.title, url: docLink(ctx, axiom.id) } } : {}),
      mitigate: option.risk.mitigate.map((id) => ({ id, title: ctx.doc(id)?.title ?? id, url: docLink(ctx, id) })),
      firstStep: option.risk.first_step,
    });
  }
  return risks.sort((a, b) => (a.level === b.level ? 0 : a.level === 'high' ? -1 : 1));
}

function result(d: DialogueData, path: Array<{ q: QuestionData; o: number }>, answered: Answered[], state: string, ctx: DialogueContext): ResultStep {
  const base: Omit<ResultStep, 'markdown'> = {
    type: 'result',
    dialogue: d.id,
    kind: d.kind,
    title: d.title,
    state,
    answered,
    recommendations: [],
    avoid: [],
    risks: [],
  };
  if (d.kind === 'selector') Object.assign(base, recommend(d, path, ctx));
  else base.risks = reviewRisks(path, ctx);
  return { ...base, markdown: resultMarkdown(base) };
}

export function resultMarkdown(r: Omit<ResultStep, 'markdown'>): string {
  const lines: string[] = [`## ${r.title}: ${r.kind === 'selector' ? 'recommendations' : 'risks and improvement plan'}`, ''];
  lines.push('**Your answers**', '', ...r.answered.map((a) => `- ${a.question} **${a.answer}**`), '');
  if (r.kind === 'selector') {
    r.recommendations.forEach((p, i) => {
      lines.push(`### ${i + 1}. [${p.title}](${p.url})`, '');
      if (p.reasons.length) lines.push(`- **Why it fits:** because ${p.reasons.join('; and because ')}.`);
      if (p.tradeoff) lines.push(`- **Main trade-off:** ${p.tradeoff}.`);
      if (p.read.length) lines.push(`- **Read:** ${p.read.map((s) => `[${s.heading}](${s.url})`).join(', ')}.`);
      if (p.calculator) lines.push(`- **Run the numbers:** \`/calc ${p.calculator}\``);
      lines.push('');
    });
    if (r.avoid.length) {
      lines.push('### What to avoid', '', ...r.avoid.map((a) => `- **[${a.title}](${a.url})**: ${a.because}.`), '');
    }
  } else {
    if (!r.risks.length) lines.push('No high or medium risks from these answers. Revisit the review when the design changes.', '');
    r.risks.forEach((risk, i) => {
      lines.push(
        `### ${i + 1}. ${risk.level === 'high' ? 'High' : 'Medium'}: ${risk.title}`,
        '',
        `- **Why:** ${risk.why}`,
        `- **You answered:** ${risk.question} *${risk.answer}*`,
        `- **Mitigate with:** ${risk.mitigate.map((m) => `[${m.title}](${m.url})`).join(', ')}`,
        `- **First step:** ${risk.firstStep}`,
        ...(risk.axiom ? [`- **Background:** [${risk.axiom.title}](${risk.axiom.url})`] : []),
        '',
      );
    });
    if (r.risks.length) {
      lines.push('### Improvement plan', '', ...r.risks.map((risk, i) => `${i + 1}. ${risk.firstStep} (${risk.level}: ${risk.title.toLowerCase()})`), '');
    }
  }
  return lines.join('\n').trim() + '\n';
}
