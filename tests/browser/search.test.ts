/// <reference lib="dom" />
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { executablePath, open, SHOTS, useBrowser } from './browser';

/** Issue item 2: search on every page, as you type, by keyboard, with a fallback to the assistant. */
describe.skipIf(!executablePath)('searching the compendium', () => {
  const browser = useBrowser();

  it('shows results as you type, with the section each comes from, and opens one by keyboard', async () => {
    const page = await open(browser(), '/docs/axioms/latency');
    let requests = 0;
    page.on('request', (r) => {
      if (r.url().includes('/api/search')) requests++;
    });
    await page.keyboard.press('/');
    const box = page.getByRole('combobox', { name: 'Search the compendium' });
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('site-search');
    await box.pressSequentially('thundering herd', { delay: 20 });
    const options = page.getByRole('listbox', { name: 'Search results' }).getByRole('option');
    await expect.poll(() => options.count()).toBeGreaterThan(2);
    expect(await box.getAttribute('aria-expanded')).toBe('true');
    // Debounced: far fewer requests than keystrokes.
    expect(requests).toBeLessThan(6);
    const first = options.first();
    expect(await first.locator('.hit-detail').textContent()).toMatch(/\w+: /);
    await page.screenshot({ path: join(SHOTS, 'search-results.png') });

    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    const second = options.nth(1);
    expect(await second.getAttribute('aria-selected')).toBe('true');
    expect(await box.getAttribute('aria-activedescendant')).toBe(await second.getAttribute('id'));
    await page.keyboard.press('ArrowUp');
    expect(await first.getAttribute('aria-selected')).toBe('true');
    const href = (await first.getAttribute('href'))!;
    await page.keyboard.press('Enter');
    await expect.poll(() => {
      const u = new URL(page.url());
      return `${u.pathname}${u.hash}`;
    }).toBe(href);
    await page.context().close();
  });

  it('offers to ask the assistant, carrying the query into the chat', async () => {
    const page = await open(browser(), '/docs');
    await page.keyboard.press('Control+k');
    const box = page.getByRole('combobox', { name: 'Search the compendium' });
    await box.fill('how long should a circuit breaker stay open');
    const fallback = page.getByRole('option', { name: /Ask the assistant/ });
    await fallback.waitFor();
    await fallback.click();
    await page.waitForURL((u) => u.pathname === '/');
    await page.locator('.turn.answer').waitFor();
    expect(await page.locator('.turn.user').first().textContent()).toBe('how long should a circuit breaker stay open');
    expect(new URL(page.url()).search).toBe('');
    await page.context().close();
  });

  it('closes on Escape and works without JavaScript', async () => {
    const page = await open(browser(), '/');
    const box = page.getByRole('combobox', { name: 'Search the compendium' });
    await box.fill('quorum');
    await page.getByRole('listbox').waitFor();
    await page.keyboard.press('Escape');
    expect(await page.getByRole('listbox').isVisible()).toBe(false);
    await page.context().close();

    const plain = await open(browser(), '/docs', { javaScriptEnabled: false });
    await plain.getByRole('searchbox', { name: 'Search the compendium' }).first().fill('consistent hashing');
    await plain.keyboard.press('Enter');
    await plain.waitForURL((u) => u.pathname === '/search');
    expect(await plain.locator('ul.docs > li').count()).toBeGreaterThan(0);
    expect(await plain.getByRole('link', { name: /Ask the assistant/ }).getAttribute('href')).toBe('/ask?q=consistent%20hashing');
    await plain.context().close();
  });
});
