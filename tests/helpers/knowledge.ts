import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Knowledge, type DocumentReader } from '../../src/core/index';

let cached: Knowledge | undefined;
const root = join(import.meta.dirname, '..', '..');

/** Reads a document's full text from the pages the build wrote, as the CLI does. */
export const readBuiltDocument: DocumentReader = async (id) => {
  try {
    return JSON.parse(readFileSync(join(root, 'dist', 'public', 'data', 'text', `${id}.json`), 'utf8'));
  } catch {
    return null;
  }
};

/** The knowledge built from content/ by `npm run build` (which `npm test` runs first). */
export function builtKnowledge(): Knowledge {
  if (!cached) {
    const data = JSON.parse(readFileSync(join(root, 'generated', 'knowledge.txt'), 'utf8'));
    cached = new Knowledge(data, readFileSync(join(root, 'generated', 'index.txt'), 'utf8'), readBuiltDocument);
  }
  return cached;
}

/** A document with its sections in markdown, as /api/docs/:id and the MCP tools read it. */
export const readBuiltFullDocument = async (id: string) => {
  try {
    return JSON.parse(readFileSync(join(root, 'dist', 'public', 'data', 'docs', `${id}.json`), 'utf8'));
  } catch {
    return null;
  }
};
