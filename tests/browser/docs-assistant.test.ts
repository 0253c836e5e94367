/// <reference lib="dom" />
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { ask, executablePath, open, SHOTS, useBrowser } from './browser';

/** Issue item 4: the documents and the assistant together. */
describe.skipIf(!executablePath)('docs and assistant together', () => {
  const browser = useBrowser();

  it('"Ask about this page" opens the chat with the page as context', async () => {
    const page = await open(browser(), '/docs/patterns/saga');
    await page.getByRole('link', { name: 'Ask about this page' }).click();
    await page.waitForURL((u) => u.pathname === '/');
    const chip = page.locator('.about-chip');
    await expect.poll(() => chip.textContent()).toContain('Asking about Saga');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('question');
    const sent: unknown[] = [];
    page.on('request', (r) => {
      if (r.url().endsWith('/api/ask')) sent.push(r.postDataJSON());
    });
    await ask(page, 'when should I not use it?');
    expect(sent[0]).toMatchObject({ question: 'when should I not use it?', previous: 'Saga', context: { sources: ['patterns/saga'] } });
    const answer = page.locator('.turn.answer').last();
    expect(await answer.locator('.sources a').first().getAttribute('href')).toContain('/docs/patterns/saga#when-not-to-use');
    expect(await chip.isVisible()).toBe(false);
    await page.context().close();
  });

  it('runs a "Try it" calculator example in the chat', async () => {
    const page = await open(browser(), '/docs/quantitative/amdahl-gustafson');
    const run = page.getByRole('link', { name: 'Run /calc amdahl parallel=95% n=16 in the chat' });
    await run.click();
    await page.waitForURL((u) => u.pathname === '/');
    await page.locator('.turn.answer').waitFor();
    expect(await page.locator('.turn.user').first().textContent()).toBe('/calc amdahl parallel=95% n=16');
    expect(await page.locator('.turn.answer table').count()).toBeGreaterThan(0);
    await page.context().close();
  });

  it('without JavaScript, the same links open the plain answer page', async () => {
    const page = await open(browser(), '/docs/quantitative/amdahl-gustafson', { javaScriptEnabled: false });
    expect(await page.getByRole('link', { name: 'Run /calc amdahl parallel=95% n=16 in the chat' }).getAttribute('href')).toBe('/ask?q=%2Fcalc%20amdahl%20parallel%3D95%25%20n%3D16');
    expect(await page.getByRole('link', { name: 'Ask about this page' }).getAttribute('href')).toMatch(/^\/ask\?q=/);
    await page.context().close();
  });

  it("lands an answer's source link on its section, highlighted", async () => {
    const page = await open(browser(), '/');
    await ask(page, 'when should I not use a saga?');
    const link = page.locator('.turn.answer').last().locator('.sources a').first();
    const href = (await link.getAttribute('href'))!;
    const hash = new URL(href).hash.slice(1);
    expect(hash).not.toBe('');
    await link.click();
    await page.waitForURL((u) => u.pathname.startsWith('/docs/'));
    const target = page.locator(`[id="${hash}"]`);
    const box = await target.boundingBox();
    expect(box && box.y >= 0 && box.y < 200).toBe(true);
    const marked = await target.evaluate((h) => {
      const region = h.tagName === 'H2' ? h.closest('section')! : h;
      return getComputedStyle(region).backgroundColor;
    });
    expect(marked).not.toBe('rgba(0, 0, 0, 0)');
    await page.screenshot({ path: join(SHOTS, 'docs-landed-section.png') });
    await page.context().close();
  });
});
