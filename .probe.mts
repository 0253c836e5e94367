import { chromium } from 'playwright-core';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
const walk = (d: string): string[] => readdirSync(d).flatMap((n) => (statSync(join(d, n)).isDirectory() ? walk(join(d, n)) : [join(d, n)]));
const ids = walk('content/diagrams').map((f) => f.replace('content/diagrams/', '').replace('.mmd', ''));
const only = process.argv[2] ? ids.filter((i) => process.argv.slice(2).some((a) => i.includes(a))) : ids;
const b = await chromium.launch({ executablePath: '/usr/lib/chromium/chromium', args: ['--headless', '--no-sandbox'] });
const p = await b.newPage({ viewport: { width: 1280, height: 900 } });
for (const id of only) {
  await p.goto(`http://127.0.0.1:8799/docs/${id}`);
  const figs = p.locator('figure.diagram');
  const n = await figs.count();
  for (let i = 0; i < n; i++) await figs.nth(i).screenshot({ path: `/tmp/web19/diag/${id.replace('/', '_')}-${i}.png` });
  console.log(id, n);
}
await b.close();
