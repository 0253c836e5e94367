/**
 * What `npm run build` wrote, read from disk: the index and the documents' JSON, for everything
 * that runs in Node (the CLI, its MCP server over stdio, the tests). The Worker reads the same
 * files as static assets.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Knowledge, type DocumentReader, type FullDocument } from '../core/index';

function readJson<T>(path: string): T | null {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch {
    return null;
  }
}

/** Readers of one document's stored text (for answers) and its sections in markdown (for fetch, /api/docs). */
export function builtDocuments(root: string): { readDocument: DocumentReader; fullDocument: (id: string) => Promise<FullDocument | null> } {
  const file = (kind: 'text' | 'docs', id: string) => join(root, 'dist', 'public', 'data', kind, `${id}.json`);
  return {
    readDocument: async (id) => readJson(file('text', id)),
    fullDocument: async (id) => readJson<FullDocument>(file('docs', id)),
  };
}

/** The knowledge the build wrote under `root`, answering from the documents' full text; throws when it is missing. */
export function loadBuiltKnowledge(root: string): Knowledge {
  const data = JSON.parse(readFileSync(join(root, 'generated', 'knowledge.txt'), 'utf8'));
  const index = readFileSync(join(root, 'generated', 'index.txt'), 'utf8');
  return new Knowledge(data, index, builtDocuments(root).readDocument);
}
