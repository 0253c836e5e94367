import type { DialogueStep } from './engine';

/** A dialogue step as markdown: the question with numbered options, the result, or the error. */
export function stepToMarkdown(step: DialogueStep): string {
  if (step.type === 'result') return step.markdown;
  if (step.type === 'error') return `${step.message}${step.restart ? `\n\n${stepToMarkdown(step.restart)}` : ''}`;
  const options = step.question.options.map((o, i) => `${i + 1}. ${o.label}`).join('\n');
  const help = step.question.help ? `\n\n*${step.question.help}*` : '';
  return `**${step.title}**, question ${step.step} (of at most ${step.maxSteps}): ${step.question.text}${help}\n\n${options}`;
}
