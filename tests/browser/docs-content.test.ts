/// <reference lib="dom" />
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { executablePath, open, SHOTS, useBrowser } from './browser';

/** Issue item 3: content rendered at build time (highlighted code with a copy button, diagrams as SVG). */
describe.skipIf(!executablePath)('rich content', () => {
  const browser = useBrowser();

  it('highlights code at build time and copies it with a button', async () => {
    const page = await open(browser(), '/docs/patterns/transactional-outbox', { permissions: ['clipboard-read', 'clipboard-write'] });
    const block = page.locator('article .code').first();
    expect(await block.locator('code.hljs .hljs-keyword').count()).toBeGreaterThan(0);
    // No highlighting script: the page loads only the site's own small scripts.
    const scripts = await page.locator('script[src]').evaluateAll((s) => s.map((x) => (x as HTMLScriptElement).getAttribute('src')));
    expect(scripts.sort()).toEqual(['/assets/docs.js', '/assets/search.js', '/assets/theme.js']);
    expect(await block.getByRole('button', { name: 'Copy', exact: true }).isVisible()).toBe(true);
    // Located by attribute: the button's name changes to "Copied".
    const copy = block.locator('[data-copy]');
    await copy.click();
    await expect.poll(() => copy.textContent()).toBe('Copied');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(await block.locator('code').textContent());
    expect(copied).toContain('INSERT INTO');
    await page.context().close();
  });

  it('draws diagrams as inline SVG that follows the theme', async () => {
    const fills: Record<string, string> = {};
    for (const scheme of ['light', 'dark'] as const) {
      const page = await open(browser(), '/docs/patterns/saga', { colorScheme: scheme });
      const figure = page.getByRole('img', { name: /orchestrated order saga/ });
      await figure.scrollIntoViewIfNeeded();
      const box = (await figure.boundingBox())!;
      expect(box.width).toBeGreaterThan(200);
      expect(box.height).toBeGreaterThan(150);
      const { texts, body } = await figure.evaluate((svg) => ({
        texts: [...new Set(Array.from(svg.querySelectorAll('text')).map((t) => getComputedStyle(t).fill))],
        body: getComputedStyle(document.body).color,
      }));
      // Participant names in the page's text colour, labels in its muted colour: no fixed colours.
      expect(texts).toContain(body);
      fills[scheme] = body;
      await page.locator('figure.diagram').first().screenshot({ path: join(SHOTS, `diagram-${scheme}.png`) });
      await page.context().close();
    }
    expect(fills.light).not.toBe(fills.dark);
  });

  it('draws the queueing curve', async () => {
    const page = await open(browser(), '/docs/quantitative/queueing-theory');
    const chart = page.getByRole('img', { name: /queueing curve/ });
    expect(await chart.locator('polyline, path').count()).toBeGreaterThan(0);
    await page.context().close();
  });
});
