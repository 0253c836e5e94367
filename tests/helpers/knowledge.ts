import { join } from 'node:path';
import type { Knowledge } from '../../src/core/index';
import { builtDocuments, loadBuiltKnowledge } from '../../src/cli/built';

let cached: Knowledge | undefined;
const root = join(import.meta.dirname, '..', '..');

/** Reads what the build wrote under dist/public/data, as the CLI does: a document's stored text, and its sections in markdown (as /api/docs/:id and the MCP tools read it). */
export const { readDocument: readBuiltDocument, fullDocument: readBuiltFullDocument } = builtDocuments(root);

/** The knowledge built from content/ by `npm run build` (which `npm test` runs first). */
export function builtKnowledge(): Knowledge {
  cached ??= loadBuiltKnowledge(root);
  return cached;
}
