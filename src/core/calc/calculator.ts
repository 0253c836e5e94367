import type { Args } from './args';
import type { CalcResult } from './types';

/** A calculator: its name, how to call it, and a pure function from arguments to a result. */
export type Calculator = {
  name: string;
  aliases: readonly string[];
  title: string;
  summary: string;
  usage: string;
  /** Complete commands (without the leading "/calc "), the first used in error messages. */
  examples: readonly string[];
  keys: readonly string[];
  /** Keys whose values are free text and may contain spaces (place names). */
  textKeys?: readonly string[];
  /** Whether bare values are allowed (e.g. availability 99.9% 99.95%). */
  positional?: boolean;
  doc: { id: string; anchor: string; title: string };
  run(args: Args): Omit<CalcResult, 'ok' | 'calculator' | 'title' | 'doc' | 'input'>;
};
