import { stem } from './stem';

/**
 * Words that carry no topic in a question: articles, pronouns, auxiliaries, question words and
 * chat filler ("please", "explain"). Dropping them keeps natural-language questions fast and keeps
 * "how do I ..." from matching every document that says "how".
 */
export const STOP_WORDS = new Set(
  `a about above after again against all also am an and any are as at be because been before being below
between both but by can cannot could did do does doing done during each either else etc even ever every
few for from further get gets getting give given go goes going got had has have having he her here hers him his
how however i if in into is it its itself just kind let like ll lot lots make makes me might mine more most
much must my myself need needs no nor not now of on once one only or other our ours ourselves
own please per quite rather re really right said same say says she should so some someone something still such
sure take tell than that the their theirs them themselves then there these they thing things this those
though through thus to too try trying until upon us use used uses using ve very via want wants was
way ways we well were what whats when where whether which while who whom whose why will with within without
would yes yet you your yours yourself explain explained describe mean means meaning define definition
versus vs difference differences compare comparison compared best good bad better worse ok okay hi hello hey
thanks thank design designs designing designed system systems distributed
dont doesnt didnt isnt arent wasnt werent wont cant couldnt shouldnt wouldnt havent hasnt im ive youre theyre weve lets
eli5 tldr tl dr pls plz thx ty btw imo imho afaik iirc fyi lol ok ok eh hmm quick rundown`.split(/\s+/),
);

const TOKEN = /[a-z0-9]+(?:\.[0-9]+)?/g;

/** Lowercase, fold accents, and split into word tokens ("2PC" -> "2pc", "99.9%" -> "99.9"). */
export function tokenize(text: string): string[] {
  const folded = text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/['\u2019]s\b/g, '')
    // Other contractions keep their pronoun: "we'd" is "we", not the word "wed" ("I'd" is not "id").
    .replace(/['\u2019](?:d|ll|re|ve|m)\b/g, '')
    .replace(/['\u2019]/g, '')
    // A column name ("tenant_id", "user_id") names its entity; its "id" would match ID generation.
    .replace(/([a-z0-9])_ids?\b/g, '$1');
  return folded.match(TOKEN) ?? [];
}

/** A token as the index stores it: null for stop words, otherwise its stem. */
export function normalizeTerm(token: string): string | null {
  if (STOP_WORDS.has(token)) return null;
  return stem(token);
}

/**
 * The last few texts' terms: answering one question reads its terms (and its lead's) several
 * times over. Small, so it holds one question's texts, not a history of questions.
 */
const TERMS_CACHE_SIZE = 64;
const termsCache = new Map<string, string[]>();

/** Drops the recent texts' terms (Knowledge.ask calls it per question, so one question's work is never another's). */
export function forgetRecentTerms(): void {
  termsCache.clear();
}

/** Tokens of a text as index terms, stop words removed. */
export function terms(text: string): string[] {
  let out = termsCache.get(text);
  if (out) {
    termsCache.delete(text);
  } else {
    out = [];
    for (const token of tokenize(text)) {
      const term = normalizeTerm(token);
      if (term) out.push(term);
    }
    if (termsCache.size >= TERMS_CACHE_SIZE) termsCache.delete(termsCache.keys().next().value!);
  }
  termsCache.set(text, out);
  return out.slice();
}

/** Every word of a text stemmed, stop words included (for matching names as phrases). */
export function phraseTokens(text: string): string[] {
  return tokenize(text).map((t) => stem(t));
}
