/// <reference lib="dom" />
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ask, executablePath, open, SHOTS, useBrowser } from './browser';

/** Issue item 7: a layout that follows the reader. */
describe.skipIf(!executablePath)('chat layout', () => {
  const browser = useBrowser();

  const inView = async (page: Page, selector: string) => {
    const box = (await page.locator(selector).last().boundingBox())!;
    const height = page.viewportSize()!.height;
    return { top: box.y, bottom: box.y + box.height, height };
  };

  it('has the question box in view on a phone, on load and after answers', async () => {
    const page = await open(browser(), '/', { width: 390, height: 844 });
    let box = await inView(page, '#question');
    expect(box.top).toBeGreaterThanOrEqual(0);
    expect(box.bottom).toBeLessThanOrEqual(box.height);
    await page.screenshot({ path: join(SHOTS, 'phone-empty.png') });
    await ask(page, 'what is a circuit breaker?');
    await ask(page, 'how long should it stay open?');
    box = await inView(page, '#question');
    expect(box.bottom).toBeLessThanOrEqual(box.height);
    await page.context().close();
  });

  it('scrolls a new answer to its start, not its end', async () => {
    const page = await open(browser(), '/', { width: 1280, height: 700 });
    await ask(page, 'what is a circuit breaker?');
    await ask(page, 'saga vs two-phase commit');
    await page.waitForTimeout(600);
    const question = await inView(page, '.turn.user');
    expect(question.top).toBeGreaterThanOrEqual(0);
    expect(question.top).toBeLessThan(200);
    await page.context().close();
  });

  it('never breaks table labels letter by letter on a phone', async () => {
    const page = await open(browser(), '/', { width: 390, height: 844 });
    await ask(page, '/calc queue arrival=80/s service=10ms servers=1');
    await page.screenshot({ path: join(SHOTS, 'phone-calc-table.png'), fullPage: true });
    const broken = await page.locator('.turn.answer table').first().evaluate((table) => {
      const split: string[] = [];
      const walker = document.createTreeWalker(table, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? '';
        for (const m of text.matchAll(/\S+/g)) {
          const range = document.createRange();
          range.setStart(node, m.index!);
          range.setEnd(node, m.index! + m[0].length);
          const lines = new Set(Array.from(range.getClientRects()).map((r) => Math.round(r.top)));
          if (lines.size > 1) split.push(m[0]);
        }
      }
      return split;
    });
    expect(broken).toEqual([]);
    await page.context().close();
  });

  it('opens a review result at its top, with risk badges and Start over', async () => {
    const page = await open(browser(), '/', { width: 1280, height: 800 });
    await page.getByRole('link', { name: 'Run a design review' }).click();
    const card = page.locator('.turn.dialogue').last();
    for (let i = 0; i < 12 && !(await card.locator('.result-card').count()); i++) {
      await card.locator('.option').last().click();
      await page.waitForTimeout(150);
    }
    const result = card.locator('.result-card');
    await result.waitFor();
    await page.waitForTimeout(600);
    const top = await inView(page, '.result-card');
    expect(top.top).toBeGreaterThanOrEqual(0);
    expect(top.top).toBeLessThan(120);
    expect(await page.evaluate(() => document.activeElement?.classList.contains('result-card'))).toBe(true);
    expect(await result.locator('.risk-summary .badge.high').textContent()).toMatch(/^\d+ high$/);
    expect(await result.locator('h3 .badge.high').count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(SHOTS, 'desktop-review-result.png') });
    await result.getByRole('button', { name: 'Start over' }).click();
    await expect.poll(() => card.locator('.progress').textContent()).toContain('question 1 of');
    await page.context().close();
  });
});
