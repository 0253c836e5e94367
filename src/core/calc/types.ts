/** What every calculator returns: plain data that each interface renders its own way. */
export type Figure = {
  key: string;
  label: string;
  /** The number in `unit` (JSON consumers read this). */
  value: number;
  unit: string;
  /** The value as a person reads it ("4.2 ms", "99.95%"). */
  text: string;
};

export type Series = {
  title: string;
  x: { label: string; unit: string };
  y: { label: string; unit: string };
  points: Array<[number, number]>;
  /** The user's own point on the curve, if any. */
  mark?: { x: number; y: number; label: string };
};

export type CalcResult = {
  ok: true;
  calculator: string;
  title: string;
  /** The input as understood, e.g. "arrival=80/s service=10ms servers=1". */
  input: string;
  /** 'overloaded' when the system cannot keep up; figures then hold only what is meaningful. */
  status: 'ok' | 'overloaded';
  figures: Figure[];
  formula: string;
  /** The formula with the user's own numbers in it, where it reads well ("0.999 × 0.9995 = 0.9985"). */
  worked?: string;
  assumptions: string[];
  reading: string;
  /** A judgement of the user's own setup the reading opens with ("Your pool of 200 is too small: ..."), when the input includes one. */
  verdict?: string;
  /** The compendium section that explains it. */
  doc: { id: string; anchor: string; title: string };
  /** For a calculation before and after a change: the two inputs (`input` is the first)... */
  inputs?: [string, string];
  /** ...and each figure's two values side by side, with how it changed. */
  comparison?: Array<{ label: string; before: string; after: string; change: string }>;
  series?: Series;
};

export type CalcErrorCode =
  | 'unknown_calculator'
  | 'unknown_key'
  | 'missing_key'
  | 'duplicate_key'
  | 'not_a_number'
  | 'wrong_unit'
  | 'out_of_range'
  | 'unknown_place'
  | 'too_many_values'
  | 'empty_input'
  | 'input_too_long';

export type CalcError = {
  ok: false;
  code: CalcErrorCode;
  calculator?: string;
  key?: string;
  message: string;
  /** A correct command to copy. */
  example?: string;
  /** Close names, for unknown calculators, keys and places. */
  suggestions?: string[];
};

export type CalcOutcome = CalcResult | CalcError;

/** Thrown inside calculators, turned into a CalcError at the boundary (never escapes the core). */
export class CalcInputError extends Error {
  constructor(
    readonly code: CalcErrorCode,
    message: string,
    readonly key?: string,
    readonly suggestions?: string[],
  ) {
    super(message);
  }
}
