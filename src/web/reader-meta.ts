/**
 * What a reader (or a link preview) sees about a document beyond its text: the names it is also
 * known by, and a short plain-text description.
 */

/** Same name for a reader: case, spacing, hyphens, apostrophes and a final "s" on a word do not make a new name. */
function nameKey(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/['’]/g, '')
    .split(/[^a-z0-9]+/)
    .map((w) => w.replace(/s$/, ''))
    .join('');
}

// A year marks a citation ("Dynamo paper DeCandia 2007"), and these openings a search phrase
// ("design YouTube", "how to ..."): neither is another name for the thing.
const NOT_A_NAME = [/\b(19|20)\d\d\b/, /^(design|how|what|why|when|which|where|should|can|do|does|is)\b/i];

/**
 * The front matter's aliases as "Also known as" shows them: real alternative names only. Spelling
 * variants of the title or of a name already shown, citations and search phrases stay searchable
 * but are not shown. (Search-only phrases belong in `search_terms`, which is never shown.)
 */
export function displayAliases(title: string, aliases: readonly string[]): string[] {
  const seen = new Set([nameKey(title), nameKey(title.replace(/^[^:]+:\s*/, ''))]);
  const shown: string[] = [];
  for (const alias of aliases) {
    const key = nameKey(alias);
    if (!key || seen.has(key) || NOT_A_NAME.some((re) => re.test(alias))) continue;
    seen.add(key);
    shown.push(alias);
  }
  return shown;
}

/** A plain-text description for meta tags: the summary without markdown, cut at a sentence near 200 characters. */
export function plainDescription(markdown: string, max = 200): string {
  const text = markdown
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/[*_`]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const sentence = cut.lastIndexOf('. ');
  if (sentence > max * 0.5) return cut.slice(0, sentence + 1);
  return `${cut.slice(0, cut.lastIndexOf(' '))}…`;
}
