import type { Calculator } from '../calculator';
import * as z from 'zod/mini';
import { between, checkInput } from '../input';
import { CalcInputError, type Figure } from '../types';
import { parseFraction, parseNumber } from '../units';
import { duration, num, percent } from '../format';
import { YEAR_S } from './availability';

export const feasibility: Calculator = {
  name: 'feasibility',
  aliases: ['target', 'sla-check', 'dependencies'],
  title: 'Availability target over dependencies',
  summary: 'whether a target availability can be met over serial dependencies, what each would need, and how many you can afford',
  usage: 'feasibility target=<availability> <dependency availabilities...>  or  feasibility target=<availability> deps=<count> [each=<availability>]  or  feasibility target=<availability> parallel=<availability of one copy> [have=<copies you run>]',
  examples: ['feasibility target=99.95% 99.99% 99.99% 99.95%', 'feasibility target=99.9% deps=5', 'feasibility target=99.99% each=99.999%', 'feasibility target=99.999% parallel=98%', 'feasibility target=99.99% parallel=99.5% have=3'],
  keys: ['target', 'deps', 'each', 'own', 'parallel', 'have'],
  positional: true,
  doc: { id: 'quantitative/availability-math', anchor: 'the-formula', title: 'Availability Math' },
  run(args) {
    if (!args.keys.has('target')) throw new CalcInputError('missing_key', 'missing target= (the availability you must meet, e.g. target=99.95%)', 'target');
    const a = (raw: string, key: string) => {
      const v = parseFraction(raw, key).value;
      checkInput(z.object({ [key]: between(0, 1, `${raw} is not an availability: use a percentage above 0% and at most 100%`, { minExclusive: true }) }), { [key]: v });
      return v;
    };
    const target = a(args.keys.get('target')!, 'target');
    if (target >= 1) throw new CalcInputError('out_of_range', 'target= of 100% cannot be met by any system; use a target below 100%', 'target');
    let deps = args.positional.map((raw, i) => a(raw, `dependency ${i + 1}`));
    if (deps.length > 50) throw new CalcInputError('too_many_values', 'at most 50 dependencies at once');
    const own = args.keys.has('own') ? a(args.keys.get('own')!, 'own') : 1;
    const each = args.keys.has('each') ? a(args.keys.get('each')!, 'each') : undefined;
    let count = deps.length;
    if (args.keys.has('deps')) {
      if (deps.length) throw new CalcInputError('too_many_values', 'give the dependencies\u2019 availabilities or deps=<count>, not both', 'deps');
      count = parseNumber(args.keys.get('deps')!, 'deps');
      checkInput(z.object({ deps: between(1, 1000, 'deps= must be a whole number of dependencies from 1 to 1,000', { whole: true }) }), { deps: count });
      // deps=3 each=99.95%: three dependencies at that availability, as if each were listed.
      if (each !== undefined) {
        if (count > 50) throw new CalcInputError('too_many_values', 'at most 50 dependencies at once', 'deps');
        deps = new Array<number>(count).fill(each);
      }
    }
    const figures: Figure[] = [];
    const assumptions = ['dependencies are in series (a request needs every one) and fail independently; a year is 365.25 days'];
    const budget = (1 - target) * YEAR_S;
    figures.push({ key: 'target_downtime_year', label: 'Downtime the target allows per year', value: budget, unit: 's', text: duration(budget) });
    let reading: string;
    if (args.keys.has('have') && !args.keys.has('parallel')) throw new CalcInputError('missing_key', 'have= counts redundant copies: give parallel=<availability of one copy> with it', 'have');
    if (args.keys.has('parallel')) {
      if (deps.length || args.keys.has('deps') || args.keys.has('each')) throw new CalcInputError('too_many_values', 'parallel= sizes redundant copies on its own; leave out the dependencies', 'parallel');
      const one = a(args.keys.get('parallel')!, 'parallel');
      if (one >= 1) throw new CalcInputError('out_of_range', 'a copy at 100% needs no redundancy; give its real availability', 'parallel');
      const copies = Math.max(1, Math.ceil(Math.log(1 - target) / Math.log(1 - one) - 1e-9));
      const reached = 1 - Math.pow(1 - one, copies);
      figures.unshift(
        { key: 'copies_needed', label: `Copies at ${percent(one)} in parallel to reach ${percent(target)}`, value: copies, unit: 'copies', text: String(copies) },
        { key: 'reached', label: `Availability of ${copies} cop${copies === 1 ? 'y' : 'ies'}`, value: reached, unit: 'fraction', text: percent(reached) },
      );
      assumptions[0] = 'copies fail independently and any one can serve; failover is instant; a year is 365.25 days';
      const caveat = 'if their failures are truly independent; correlated failures (same zone, same deploy) need more.';
      if (args.keys.has('have')) {
        // have=3: the copies already run, against the target.
        const have = parseNumber(args.keys.get('have')!, 'have');
        checkInput(z.object({ have: between(1, 50, 'have= must be a whole number of copies from 1 to 50', { whole: true }) }), { have });
        const got = 1 - Math.pow(1 - one, have);
        const meets = got >= target;
        figures.unshift(
          { key: 'meets_target', label: 'The target can be met', value: meets ? 1 : 0, unit: 'boolean', text: meets ? 'yes' : 'no' },
          { key: 'have_reached', label: `Availability of your ${have} cop${have === 1 ? 'y' : 'ies'}`, value: got, unit: 'fraction', text: percent(got) },
        );
        reading = meets
          ? `Yes: ${have} independent cop${have === 1 ? 'y' : 'ies'} at ${percent(one)} give ${percent(got)}, above ${percent(target)}${copies < have ? `; ${copies} would already reach ${percent(reached)}` : ''}, ${caveat}`
          : `No: ${have} cop${have === 1 ? 'y' : 'ies'} at ${percent(one)} give ${percent(got)}, below ${percent(target)}; it takes ${copies} (${percent(reached)}), ${caveat}`;
      } else {
        reading = `${copies} independent copies at ${percent(one)} reach ${percent(reached)}, meeting ${percent(target)}, ${caveat}`;
      }
    } else if (deps.length) {
      const combined = deps.reduce((x, y) => x * y, own);
      const meets = combined >= target;
      const share = Math.pow(target / own, 1 / deps.length);
      figures.unshift(
        { key: 'meets_target', label: 'The target can be met', value: meets ? 1 : 0, unit: 'boolean', text: meets ? 'yes' : 'no' },
        { key: 'combined', label: 'Best possible availability over these dependencies', value: combined, unit: 'fraction', text: percent(combined) },
      );
      figures.push({ key: 'each_needed', label: 'Each dependency would need (equal share)', value: share, unit: 'fraction', text: percent(share) });
      const depsOnly = deps.reduce((x, y) => x * y, 1);
      if (!args.keys.has('own') && depsOnly >= target) figures.push({ key: 'own_needed', label: 'Your own service must then reach at least', value: target / depsOnly, unit: 'fraction', text: percent(target / depsOnly) });
      reading = meets
        ? `Yes: ${deps.length} serial dependenc${deps.length === 1 ? 'y' : 'ies'} at ${deps.map((d) => percent(d)).join(', ')} allow at best ${percent(combined)}, above the ${percent(target)} target, leaving ${duration((combined - target) * YEAR_S)} a year for your own failures.`
        : `No: ${deps.length} serial dependenc${deps.length === 1 ? 'y' : 'ies'} at ${deps.map((d) => percent(d)).join(', ')} allow at best ${percent(combined)}, below the ${percent(target)} target even if your own service never fails. Each would need ${percent(share)}, or take some off the request path (caching, async calls, fallbacks, redundancy).`;
    } else if (each !== undefined) {
      const max = Math.floor(Math.log(target / own) / Math.log(each) + 1e-9);
      figures.unshift({ key: 'max_dependencies', label: `Most serial dependencies at ${percent(each)} that keep the target`, value: max, unit: 'dependencies', text: String(max) });
      reading = `At most ${max} serial dependencies at ${percent(each)} keep ${percent(target)}${max === 0 ? ': even one breaks it' : ''}; each extra one costs ${duration((1 - each) * YEAR_S)} of downtime a year.`;
    } else if (args.keys.has('deps')) {
      const share = Math.pow(target / own, 1 / count);
      figures.unshift({ key: 'each_needed', label: `Each of ${count} dependencies would need`, value: share, unit: 'fraction', text: percent(share) });
      reading = `To keep ${percent(target)} over ${count} serial dependencies, each needs ${percent(share)} (${duration((1 - share) * YEAR_S)} of downtime a year), before any failure of your own.`;
    } else {
      throw new CalcInputError('missing_key', 'give the dependencies\u2019 availabilities (e.g. feasibility target=99.95% 99.99% 99.99%), deps=<count>, or each=<availability> for the most dependencies you can afford', 'deps');
    }
    const formula = args.keys.has('parallel')
      ? 'parallel: A = 1 − (1 − a)ⁿ for n copies at a; copies needed n = ⌈ln(1 − target) / ln(1 − a)⌉'
      : 'series: A = A₁ × A₂ × … × Aₙ; each needs target^(1/n); most dependencies at a: ⌊ln target / ln a⌋';
    return { status: 'ok', figures, formula, assumptions, reading };
  },
};
