import { readFileSync } from 'node:fs';

/** Loads `.txt` imports as strings, as the Worker bundler does (Vite would make them asset URLs). */
export const textModules = {
  name: 'text-modules',
  enforce: 'pre' as const,
  load(id: string) {
    if (id.endsWith('.txt')) return `export default ${JSON.stringify(readFileSync(id, 'utf8'))};`;
    return null;
  },
};
