import { Knowledge, type FullDocument } from './core/index';
import { createApp } from './http/app';
import knowledgeText from '../generated/knowledge.txt';
import indexText from '../generated/index.txt';

// Loaded once per isolate at start-up, so no request pays for parsing the index.
const knowledge = new Knowledge(JSON.parse(knowledgeText), indexText);

const app = createApp({
  knowledge: () => knowledge,
  fullDocument: async (id, c) => {
    const res = await c.env.ASSETS.fetch(new URL(`/data/docs/${id}.json`, c.req.url));
    return res.ok ? ((await res.json()) as FullDocument) : null;
  },
  staticFile: async (path, c) => {
    if (path.startsWith('/api/') || path.startsWith('/data/')) return null;
    const res = await c.env.ASSETS.fetch(new URL(path, c.req.url), { redirect: 'manual' });
    return res.status === 404 ? null : res;
  },
});

export default app;
