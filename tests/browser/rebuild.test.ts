import { describe, expect, inject, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/** `npm run build` (or the CLI's rebuild after a content edit) while `npm start` runs must not take the server down. */
const base = inject('baseUrl');
const ROOT = join(import.meta.dirname, '..', '..');

describe('a rebuild while the server runs', () => {
  it('leaves the running server answering pages and questions', async () => {
    const build = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(ROOT, 'scripts', 'build.ts')], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
    expect(build.status, build.stderr).toBe(0);
    for (let i = 0; i < 5; i++) {
      const page = await fetch(`${base}/docs/patterns/saga`);
      expect(page.status).toBe(200);
      const answer = await fetch(`${base}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question: 'what is a saga?' }) });
      expect(answer.status).toBe(200);
      await new Promise((r) => setTimeout(r, 500));
    }
  }, 180_000);
});
