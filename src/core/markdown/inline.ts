/** Inline markdown: code spans, links, bold and italic. Everything else is text. */
export type Inline =
  | { type: 'text'; text: string }
  | { type: 'code'; text: string }
  | { type: 'strong'; children: Inline[] }
  | { type: 'em'; children: Inline[] }
  | { type: 'link'; href: string; children: Inline[] };

const LINK = /^\[((?:[^\[\]]|\[[^\]]*\])+)\]\(\s*<?([^()\s>]+(?:\([^()]*\))?)>?\s*\)/;
/** The only characters that can start markup; everything between them is text as it stands. */
const SPECIAL = /[\\`[*_]/g;

export function parseInline(source: string): Inline[] {
  const out: Inline[] = [];
  let text = '';
  const flush = () => {
    if (text) out.push({ type: 'text', text });
    text = '';
  };
  let i = 0;
  while (i < source.length) {
    const ch = source[i]!;
    if (ch === '\\' && i + 1 < source.length && /[\\`*_{}[\]()#+\-.!|>]/.test(source[i + 1]!)) {
      text += source[i + 1];
      i += 2;
      continue;
    }
    if (ch === '`') {
      const end = source.indexOf('`', i + 1);
      if (end > i) {
        flush();
        out.push({ type: 'code', text: source.slice(i + 1, end) });
        i = end + 1;
        continue;
      }
    }
    if (ch === '[') {
      const m = LINK.exec(source.slice(i));
      if (m) {
        flush();
        out.push({ type: 'link', href: m[2]!, children: parseInline(m[1]!) });
        i += m[0].length;
        continue;
      }
    }
    if ((ch === '*' || ch === '_') && source[i + 1] === ch) {
      const end = source.indexOf(ch + ch, i + 2);
      if (end > i + 2) {
        flush();
        out.push({ type: 'strong', children: parseInline(source.slice(i + 2, end)) });
        i = end + 2;
        continue;
      }
    }
    if (ch === '*' || (ch === '_' && !/\w/.test(source[i - 1] ?? ''))) {
      const close = ch === '*' ? /\*(?!\*)/g : /_(?!\w)/g;
      close.lastIndex = i + 1;
      const m = close.exec(source);
      if (m && m.index > i + 1 && !/\s/.test(source[i + 1]!)) {
        flush();
        out.push({ type: 'em', children: parseInline(source.slice(i + 1, m.index)) });
        i = m.index + 1;
        continue;
      }
    }
    // Plain text up to the next character that may start markup, in one piece.
    SPECIAL.lastIndex = i + 1;
    const next = SPECIAL.exec(source)?.index ?? source.length;
    text += source.slice(i, next);
    i = next;
  }
  flush();
  return out;
}

/** Inline content as plain text (for search, summaries and key points). */
export function inlineText(nodes: Inline[]): string {
  return nodes
    .map((n) => (n.type === 'text' || n.type === 'code' ? n.text : inlineText(n.children)))
    .join('');
}

export function stripInline(source: string): string {
  // Text with no character that can start markup is its own plain text.
  SPECIAL.lastIndex = 0;
  if (!SPECIAL.test(source)) return source;
  return inlineText(parseInline(source));
}
