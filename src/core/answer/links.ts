/** URL of a document, or of one of its sections, under a base URL ('' for site-relative links). */
export function docUrl(baseUrl: string, id: string, anchor = ''): string {
  return `${baseUrl.replace(/\/+$/, '')}/docs/${id}${anchor ? `#${anchor}` : ''}`;
}

const DOC_LINK = /\]\(\s*<?([a-z0-9-]+\/[a-z0-9-]+)(?:#([a-z0-9-]+))?>?\s*\)/g;

/** Rewrites compendium links written by document id ("](patterns/saga#problem)") into URLs. */
export function resolveDocLinks(markdown: string, baseUrl: string): string {
  return markdown.replace(DOC_LINK, (_m, id: string, anchor?: string) => `](${docUrl(baseUrl, id, anchor ?? '')})`);
}

/** The compendium documents a text links to, in order, each with the section anchor its link names ('' for none). */
export function docLinks(markdown: string): Array<{ id: string; anchor: string }> {
  return [...markdown.matchAll(DOC_LINK)].map((m) => ({ id: m[1]!, anchor: m[2] ?? '' }));
}
