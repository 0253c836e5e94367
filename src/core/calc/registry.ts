import { checkKeys, closest, parseArgs, tokenizeCommand } from './args';
import type { Calculator } from './calculator';
import { CalcInputError, type CalcError, type CalcOutcome } from './types';
import type { Place } from './places';
import { amdahl } from './calculators/amdahl';
import { availability } from './calculators/availability';
import { capacity } from './calculators/capacity';
import { makeLatency } from './calculators/latency';
import { littlesLaw } from './calculators/littles-law';
import { queue } from './calculators/queue';
import { quorum } from './calculators/quorum';
import { slo } from './calculators/slo';
import { storage } from './calculators/storage';
import { tail } from './calculators/tail';
import { usl } from './calculators/usl';
import { bloom } from './calculators/bloom';
import { collision } from './calculators/collision';
import { idspace } from './calculators/idspace';
import { shuffle } from './calculators/shuffle';
import { feasibility } from './calculators/feasibility';
import { retries } from './calculators/retries';
import { cost } from './calculators/cost';
import { bandwidth } from './calculators/bandwidth';
import { roundTrips } from './calculators/roundtrips';
import { eventRate } from './calculators/event-rate';
import { commitLatency } from './calculators/commit-latency';

/** Longest calculator command accepted (a USL fit with many points is the longest real input). */
export const MAX_CALC_INPUT = 2000;

export type CalculatorInfo = { name: string; title: string; summary: string; usage: string; examples: readonly string[]; doc: Calculator['doc'] };

/** All calculators, given the place table the latency calculator uses. */
export class Calculators {
  readonly list: readonly Calculator[];
  private byName = new Map<string, Calculator>();

  constructor(places: readonly Place[]) {
    this.list = [makeLatency(places), littlesLaw, queue, capacity, storage, bandwidth, availability, feasibility, slo, amdahl, usl, quorum, tail, bloom, collision, idspace, shuffle, retries, cost, roundTrips, eventRate, commitLatency];
    for (const c of this.list) for (const n of [c.name, ...c.aliases]) this.byName.set(n.toLowerCase(), c);
  }

  find(name: string): Calculator | undefined {
    return this.byName.get(name.toLowerCase());
  }

  info(): CalculatorInfo[] {
    return this.list.map(({ name, title, summary, usage, examples, doc }) => ({ name, title, summary, usage, examples, doc }));
  }

  /** Runs "name key=value ..." (a leading "/calc" or "calc" is ignored). Never throws. */
  run(input: string): CalcOutcome {
    const text = input.trim().replace(/^\/?calc\b\s*/i, '').replace(/^\//, '');
    if (!text) return this.error({ code: 'empty_input', message: `Give a calculator and its values, for example: ${this.list[2]!.examples[0]}. Calculators: ${this.list.map((c) => c.name).join(', ')}.` });
    if (text.length > MAX_CALC_INPUT) return this.error({ code: 'input_too_long', message: `The command is ${text.length} characters; the limit is ${MAX_CALC_INPUT}.` });
    const [rawName, ...rest] = tokenizeCommand(text);
    const name = rawName!.toLowerCase();
    const calc = this.find(name);
    if (!calc) {
      const near = closest(name, this.list.map((c) => c.name), 2);
      return this.error({
        code: 'unknown_calculator',
        message: `There is no calculator "${rawName}".${near.length ? ` Did you mean ${near.join(' or ')}?` : ''} Calculators: ${this.list.map((c) => c.name).join(', ')}.`,
        suggestions: near,
        example: near.length ? this.find(near[0]!)!.examples[0] : this.list[2]!.examples[0],
      });
    }
    try {
      const args = parseArgs(rest, calc.textKeys ?? []);
      checkKeys(args, calc.keys, calc.examples[0]!);
      if (!calc.positional && args.positional.length) {
        throw new CalcInputError('too_many_values', `unexpected "${args.positional[0]}": ${calc.name} takes key=value pairs`);
      }
      const result = calc.run(args);
      const input = [calc.name, ...rest].join(' ');
      if (result.figures.some((f) => Number.isNaN(f.value))) {
        throw new CalcInputError('out_of_range', 'these values give no meaningful result; check that each is within its usual range');
      }
      // Unbounded values ("no ceiling") are said in the reading; JSON figures stay numbers.
      const figures = result.figures.filter((f) => Number.isFinite(f.value));
      // A chart never carries a point it cannot draw.
      const series = result.series ? { ...result.series, points: result.series.points.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y)) } : undefined;
      return { ok: true, calculator: calc.name, title: calc.title, doc: calc.doc, input, ...result, figures, ...(series ? { series } : {}) };
    } catch (err) {
      if (err instanceof CalcInputError) {
        return this.error({
          code: err.code,
          calculator: calc.name,
          key: err.key,
          message: `${calc.name}: ${err.message}. Usage: ${calc.usage}`,
          example: calc.examples[0],
          suggestions: err.suggestions,
        });
      }
      // A model that breaks on extreme but accepted inputs answers with an error, never a crash.
      return this.error({
        code: 'out_of_range',
        calculator: calc.name,
        message: `${calc.name}: these values are outside what the model can compute; check that each is within its usual range. Usage: ${calc.usage}`,
        example: calc.examples[0],
      });
    }
  }

  private error(e: Omit<CalcError, 'ok'>): CalcError {
    return { ok: false, ...e };
  }
}
