import type { KnownBlock } from '@slack/types';
import { splitSentences } from '../core/content/sentences';
import { button, mrkdwnSection, SLACK_LIMITS } from './blocks';
import type { SlackDeps } from './deps';
import { escapeSlack } from './mrkdwn';

/** How much of a section's opening an unfurl shows. */
const PREVIEW_SENTENCES = 2;
const PREVIEW_MAX_CHARS = 400;

export type DocLink = { id: string; anchor?: string };

/** A compendium page link (`…/docs/<id>` or `…/docs/<id>#anchor`), or null for anything else. */
export function docLink(url: string): DocLink | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  const m = /^\/docs\/([a-z0-9-]+(?:\/[a-z0-9-]+)*?)(?:\.md|\/)?$/.exec(u.pathname);
  if (!m) return null;
  const anchor = decodeURIComponent(u.hash.slice(1));
  return { id: m[1]!, ...(anchor ? { anchor } : {}) };
}

/** Only the deployment's own pages are previewed (the manifest registers its domain alone). */
function sameHost(url: string, base: string): boolean {
  try {
    return new URL(url).host === new URL(base).host;
  } catch {
    return false;
  }
}

function opening(text: string): string {
  const out = splitSentences(text).slice(0, PREVIEW_SENTENCES).join(' ');
  return out.length > PREVIEW_MAX_CHARS ? `${out.slice(0, PREVIEW_MAX_CHARS - 1).replace(/\s+\S*$/, '')}…` : out;
}

/**
 * The preview of a compendium page: its title (and section), the first sentences, and a button to
 * ask about it. Null for a link to no known document (Slack then shows its usual preview).
 */
export function unfurlFor(deps: SlackDeps, url: string): { blocks: KnownBlock[] } | null {
  if (!sameHost(url, deps.publicUrl)) return null;
  const link = docLink(url);
  const doc = link ? deps.knowledge.doc(link.id) : undefined;
  if (!link || !doc) return null;
  const section = link.anchor ? doc.sections.find((s) => s.anchor === link.anchor) : undefined;
  const title = section ? `${doc.title} › ${section.heading}` : doc.title;
  const lead = section ? deps.knowledge.search(`${doc.title} ${section.heading}`, 5, deps.publicUrl).find((r) => r.id === doc.id)?.sections.find((s) => s.url.endsWith(`#${section.anchor}`))?.lead : undefined;
  const text = `*<${url.replace(/[<>|\s]/g, '')}|${escapeSlack(title).replace(/\|/g, '/')}>*\n${escapeSlack(opening(lead || doc.summary))}`;
  return {
    blocks: [
      mrkdwnSection(text.slice(0, SLACK_LIMITS.sectionText)),
      { type: 'actions', elements: [button('Ask about this', 'ask_about_doc', JSON.stringify({ id: doc.id, ...(section ? { a: section.anchor } : {}) }))] },
    ],
  };
}

/** The question "Ask about this" asks: the section's heading within the document, or the document. */
export function questionAbout(deps: SlackDeps, id: string, anchor?: string): string | null {
  const doc = deps.knowledge.doc(id);
  if (!doc) return null;
  const section = anchor ? doc.sections.find((s) => s.anchor === anchor) : undefined;
  return section ? `${doc.title}: ${section.heading.toLowerCase()}?` : `What is ${doc.title}?`;
}
