/** Abbreviations that end in a dot without ending a sentence. */
const ABBREVIATIONS = new Set(['e.g', 'i.e', 'vs', 'etc', 'cf', 'approx', 'fig', 'no', 'mr', 'ms', 'dr', 'st', 'inc', 'ltd', 'al', 'u.s']);

/** Splits prose (plain or markdown) into sentences, keeping abbreviations and decimals intact. */
export function splitSentences(text: string): string[] {
  const out: string[] = [];
  const re = /[.!?]["')\]*_]*\s+(?=["'(\[*_`]*[A-Z0-9])/g;
  let start = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const before = text.slice(start, m.index);
    const lastWord = (/([A-Za-z.]+)$/.exec(before)?.[1] ?? '').toLowerCase();
    if (text[m.index] === '.' && (ABBREVIATIONS.has(lastWord) || /^[a-z]$/i.test(lastWord))) continue;
    // An ellipsis inside a sentence ("T1, T2 ... Tn") does not end it.
    if (text[m.index] === '.' && (text[m.index - 1] === '.' || text[m.index + 1] === '.')) continue;
    out.push(text.slice(start, m.index + m[0].trimEnd().length).trim());
    start = m.index + m[0].length;
  }
  const rest = text.slice(start).trim();
  if (rest) out.push(rest);
  return out;
}

/** The first sentences of a text, up to a character budget (always at least one sentence). */
export function leadSentences(text: string, maxSentences = 2, maxChars = 320): string {
  const sentences = splitSentences(text);
  let out = '';
  for (const s of sentences.slice(0, maxSentences)) {
    if (out && out.length + s.length + 1 > maxChars) break;
    out = out ? `${out} ${s}` : s;
  }
  return out;
}
