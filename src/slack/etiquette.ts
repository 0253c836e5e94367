/**
 * When the bot speaks without being mentioned: pure rules over a message, table-tested. A good
 * colleague answers follow-ups from the person who asked, and questions clearly put to it; never
 * "thanks!" or chatter between other people in the thread.
 */
export type ChannelMode = 'mention' | 'followups' | 'auto';
export const CHANNEL_MODES: readonly ChannelMode[] = ['mention', 'followups', 'auto'];
export const DEFAULT_CHANNEL_MODE: ChannelMode = 'followups';

/** In 'auto' mode a channel question is answered only when the answer is at least this confident (0 to 1) and not unsure. */
export const AUTO_ANSWER_MIN_CONFIDENCE = 0.8;

/** Acknowledgements and small talk that need no answer, even from the person who asked. */
export function isChatter(text: string): boolean {
  const t = text.trim().toLowerCase().replace(/:[a-z0-9_+-]+:/g, ' ').replace(/[^\p{L}\p{N}?\s]/gu, ' ').replace(/\s+/g, ' ').trim();
  if (!t) return true;
  if (t.includes('?')) return false;
  // Thanks of any length ("thanks, that helps a lot"), or a short acknowledgement on its own.
  if (/^(thanks|thank you|thx|ty|tyvm|cheers|much appreciated)\b/.test(t)) return true;
  return /^(ok(ay)?|k|cool|great|nice|perfect|awesome|got it|makes sense|understood|lol|haha|yes|no|yep|nope|sure|will do|sounds good|done|\+1)( (it|that|thanks|then|now|all))?$/.test(t);
}

/** Whether a message reads as a question (for 'auto' channels). */
export function looksLikeQuestion(text: string): boolean {
  const t = text.trim();
  if (t.length < 8 || isChatter(t)) return false;
  return /\?\s*$/.test(t) || /^(what|how|why|when|which|who|where|should|can|could|would|is|are|does|do|did|will)\b/i.test(t);
}

/** "compendium, what about …", "Compendium: …": addressed to the bot by name, without a mention. */
export function addressedToBot(text: string, botName = 'compendium'): boolean {
  return new RegExp(`^\\s*@?${botName}\\b\\s*[,:]?`, 'i').test(text);
}

export type FollowUp = { mode: ChannelMode; fromAsker: boolean; text: string };

/** Whether to answer a message in a thread the bot already answered in (mentions are answered elsewhere). */
export function answersFollowUp({ mode, fromAsker, text }: FollowUp): boolean {
  if (mode === 'mention' || isChatter(text)) return false;
  return fromAsker || addressedToBot(text);
}
