import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Knowledge } from '../../src/core/index';

let cached: Knowledge | undefined;

/** The knowledge built from content/ by `npm run build` (which `npm test` runs first). */
export function builtKnowledge(): Knowledge {
  if (!cached) {
    const root = join(import.meta.dirname, '..', '..');
    const data = JSON.parse(readFileSync(join(root, 'generated', 'knowledge.txt'), 'utf8'));
    cached = new Knowledge(data, readFileSync(join(root, 'generated', 'index.txt'), 'utf8'));
  }
  return cached;
}
