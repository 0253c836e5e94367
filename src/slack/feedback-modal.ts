import type { ModalView } from '@slack/types';
import { SLACK_LIMITS } from './blocks';

/** What a 👎 can say was wrong: ids are stored, labels are shown. */
export const FEEDBACK_REASONS = [
  { id: 'wrong', label: 'Wrong or misleading' },
  { id: 'incomplete', label: 'Incomplete' },
  { id: 'off-topic', label: 'Did not answer my question' },
  { id: 'outdated', label: 'Out of date' },
  { id: 'other', label: 'Something else' },
] as const;

export const FEEDBACK_MODAL_ID = 'feedback_reason';
const DETAILS_MAX = 500;
const SOURCE_MAX = 200;

/** What the modal carries between the click and the submission (Slack keeps it, not the Worker). */
export type FeedbackMeta = { q: string; s: string[]; t?: string };

/** The short modal a 👎 opens: what was wrong (required), details and a missing source (optional). */
export function feedbackModal(meta: FeedbackMeta): ModalView {
  return {
    type: 'modal',
    callback_id: FEEDBACK_MODAL_ID,
    private_metadata: JSON.stringify({ q: meta.q.slice(0, 1200), s: meta.s.slice(0, 5), ...(meta.t ? { t: meta.t } : {}) }),
    title: { type: 'plain_text', text: 'What was wrong?' },
    submit: { type: 'plain_text', text: 'Send' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      // plain_text: the question is shown exactly as asked, never read as markup.
      { type: 'section', text: { type: 'plain_text', text: `Your 👎 is recorded. Tell us what was wrong with the answer to: "${meta.q.slice(0, SLACK_LIMITS.sectionText - 80)}"` } },
      {
        type: 'input',
        block_id: 'reason',
        label: { type: 'plain_text', text: 'What was wrong?' },
        element: { type: 'radio_buttons', action_id: 'reason', options: FEEDBACK_REASONS.map((r) => ({ text: { type: 'plain_text', text: r.label }, value: r.id })) },
      },
      {
        type: 'input',
        block_id: 'details',
        optional: true,
        label: { type: 'plain_text', text: 'Details' },
        element: { type: 'plain_text_input', action_id: 'details', multiline: true, max_length: DETAILS_MAX },
      },
      {
        type: 'input',
        block_id: 'missing',
        optional: true,
        label: { type: 'plain_text', text: 'A source that should have been cited' },
        hint: { type: 'plain_text', text: 'A compendium page, a paper or a link.' },
        element: { type: 'plain_text_input', action_id: 'missing', max_length: SOURCE_MAX },
      },
    ],
  };
}

type StateValue = { type?: string; value?: string | null; selected_option?: { value?: string } | null };
export type ViewState = { values?: Record<string, Record<string, StateValue>> };

export type FeedbackReason = { meta: FeedbackMeta; reason: string; missingSource?: string };

/** Reads a submission; an error (keyed by block id, as Slack shows it) when something is missing or malformed. */
export function readFeedbackSubmission(privateMetadata: string | undefined, state: ViewState | undefined): { ok: true; value: FeedbackReason } | { ok: false; errors: Record<string, string> } {
  let meta: FeedbackMeta | null = null;
  try {
    const m = JSON.parse(privateMetadata ?? '') as Partial<FeedbackMeta>;
    if (typeof m.q === 'string' && m.q) meta = { q: m.q, s: Array.isArray(m.s) ? m.s.filter((x): x is string => typeof x === 'string') : [], ...(typeof m.t === 'string' ? { t: m.t } : {}) };
  } catch {
    meta = null;
  }
  if (!meta) return { ok: false, errors: { reason: 'This form has expired: click 👎 on the answer again.' } };
  const v = state?.values ?? {};
  const reason = v.reason?.reason?.selected_option?.value ?? '';
  if (!FEEDBACK_REASONS.some((r) => r.id === reason)) return { ok: false, errors: { reason: 'Pick what was wrong.' } };
  const details = (v.details?.details?.value ?? '').trim().slice(0, DETAILS_MAX);
  const missing = (v.missing?.missing?.value ?? '').trim().slice(0, SOURCE_MAX);
  return { ok: true, value: { meta, reason: details ? `${reason}: ${details}` : reason, ...(missing ? { missingSource: missing } : {}) } };
}
