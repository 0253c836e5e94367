/// <reference lib="dom" />
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { executablePath, open, SHOTS, useBrowser } from './browser';

/** Issue item 1: the book's navigation (sidebar, drawer, on-page contents, previous/next, breadcrumbs, permalinks). */
describe.skipIf(!executablePath)('navigating the compendium', () => {
  const browser = useBrowser();

  it('has a sidebar with the parts, the current page marked and its part open', async () => {
    const page = await open(browser(), '/docs/patterns/saga');
    const sidebar = page.getByRole('navigation', { name: 'Compendium' });
    expect(await sidebar.isVisible()).toBe(true);
    const current = sidebar.locator('[aria-current="page"]');
    expect(await current.textContent()).toBe('Saga');
    expect(await current.isVisible()).toBe(true);
    const parts = sidebar.locator('details');
    expect(await parts.count()).toBeGreaterThanOrEqual(8);
    expect(await sidebar.locator('details[open]').count()).toBe(1);
    // Collapsible: another part opens on its summary.
    const axioms = sidebar.locator('details', { has: page.locator('summary', { hasText: 'The eight axioms' }) });
    await axioms.locator('summary').click();
    expect(await axioms.getAttribute('open')).not.toBeNull();
    await axioms.getByRole('link', { name: /Latency/ }).click();
    await page.waitForURL((u) => u.pathname === '/docs/axioms/latency');
    await page.screenshot({ path: join(SHOTS, 'docs-desktop.png') });
    await page.context().close();
  });

  it('shows breadcrumbs and a permalink on every section heading', async () => {
    const page = await open(browser(), '/docs/patterns/saga');
    const crumbs = await page.getByRole('navigation', { name: 'Breadcrumb' }).locator('li').allTextContents();
    expect(crumbs).toEqual(['Compendium', 'Patterns', 'Core architecture', 'Saga']);
    const headings = page.locator('article h2[id]:not(.toc-h), article h3[id]');
    const n = await headings.count();
    expect(n).toBeGreaterThan(5);
    for (let i = 0; i < n; i++) {
      const h = headings.nth(i);
      const id = await h.getAttribute('id');
      expect(await h.locator('a.permalink').getAttribute('href'), id!).toBe(`#${id}`);
    }
    await page.context().close();
  });

  it('keeps the table of contents in view and marks the section being read', async () => {
    const page = await open(browser(), '/docs/patterns/saga');
    const toc = page.locator('[data-toc]');
    const links = toc.locator('a');
    const third = links.nth(2);
    const anchor = (await third.getAttribute('href'))!.slice(1);
    await page.locator(`[id="${anchor}"]`).evaluate((h) => h.scrollIntoView({ block: 'start' }));
    await expect.poll(() => third.getAttribute('aria-current')).toBe('location');
    expect(await toc.locator('[aria-current]').count()).toBe(1);
    // Sticky: still on screen after scrolling far down.
    const box = await toc.boundingBox();
    expect(box && box.y >= 0 && box.y < 900).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'docs-toc-scrolled.png') });
    await page.context().close();
  });

  it('links the previous and next documents in catalog order', async () => {
    const page = await open(browser(), '/docs/axioms/capacity');
    const pager = page.getByRole('navigation', { name: 'Previous and next' });
    expect(await pager.locator('a[rel=prev]').getAttribute('href')).toBe('/docs/axioms/latency');
    expect(await pager.locator('a[rel=next]').getAttribute('href')).toBe('/docs/axioms/failure');
    await pager.locator('a[rel=next]').click();
    await page.waitForURL((u) => u.pathname === '/docs/axioms/failure');
    await page.context().close();
  });

  it('follows a learning path when the reader came from one', async () => {
    const page = await open(browser(), '/docs/learning-paths/beginner');
    await page.locator('article a[href^="/docs/axioms/latency?path=beginner"]').first().click();
    await page.waitForURL((u) => u.pathname === '/docs/axioms/latency');
    const pager = page.getByRole('navigation', { name: 'Previous and next' });
    await expect.poll(() => pager.locator('[data-via]').textContent()).toMatch(/^Beginner Path: step \d+ of \d+$/);
    expect(await pager.locator('a[rel=next]').getAttribute('href')).toBe('/docs/quantitative/latency-numbers?path=beginner');
    await pager.locator('a[rel=next]').click();
    await page.waitForURL((u) => u.pathname === '/docs/quantitative/latency-numbers');
    await expect.poll(() => pager.locator('a[rel=next]').getAttribute('href')).toBe('/docs/axioms/capacity?path=beginner');
    await page.context().close();
  });

  it('turns the sidebar into a drawer on a phone', async () => {
    const page = await open(browser(), '/docs/patterns/saga', { width: 390, height: 844 });
    const sidebar = page.getByRole('navigation', { name: 'Compendium' });
    expect(await sidebar.isVisible()).toBe(false);
    const menu = page.getByRole('button', { name: 'Menu' });
    await menu.click();
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    expect(await sidebar.isVisible()).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'docs-phone-drawer.png') });
    await page.keyboard.press('Escape');
    expect(await sidebar.isVisible()).toBe(false);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await page.screenshot({ path: join(SHOTS, 'docs-phone.png') });
    await page.context().close();
  });

  it('still offers the sidebar without JavaScript on a phone', async () => {
    const page = await open(browser(), '/docs/patterns/saga', { width: 390, height: 844, javaScriptEnabled: false });
    expect(await page.getByRole('navigation', { name: 'Compendium' }).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Menu' }).isVisible()).toBe(false);
    await page.context().close();
  });
});
