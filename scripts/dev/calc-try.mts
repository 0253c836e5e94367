import { readFileSync } from 'node:fs';
import yaml from 'js-yaml';
import { Calculators } from '../../src/core/calc/index';
const places = (yaml.load(readFileSync('/work/main/content/data/cities.yaml','utf8')) as any).places;
const c = new Calculators(places);
for (const cmd of process.argv.slice(2)) { const r = c.run(cmd); console.log('\n>', cmd); if (r.ok) { console.log(r.figures.map(f=>`  ${f.label}: ${f.text}`).join('\n')); console.log('  reading:', r.reading); } else console.log('  ERROR', JSON.stringify(r)); }
