/// <reference lib="dom" />
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ask, executablePath, open, REPLIES, SHOTS, useBrowser } from './browser';

/** Issue items 6 (never lose what the user typed) and 8 (works without JavaScript). */
describe.skipIf(!executablePath)('the chat keeps every question', () => {
  const browser = useBrowser();

  /** Holds each /api/ask request until release() is called. */
  async function holdAnswers(page: Page) {
    const waiting: Array<() => void> = [];
    await page.route('**/api/ask', async (route) => {
      await new Promise<void>((r) => waiting.push(r));
      await route.continue();
    });
    return {
      release: async () => {
        await expect.poll(() => waiting.length).toBeGreaterThan(0);
        waiting.shift()!();
      },
    };
  }

  const stored = (page: Page) => page.evaluate(() => JSON.parse(localStorage.getItem('compendium.chat.v1') ?? '[]') as Array<{ kind: string; text?: string }>);

  it('shows and announces a pending answer, and queues a question typed meanwhile', async () => {
    const page = await open(browser());
    const hold = await holdAnswers(page);
    await page.getByLabel('Your question').fill('what is a circuit breaker?');
    await page.keyboard.press('Enter');
    await page.locator('.turn.pending').waitFor();
    await expect.poll(() => page.locator('[data-status]').textContent()).toContain('Finding the answer');
    expect(await page.locator('[data-chat]').getAttribute('aria-busy')).toBe('true');
    await page.screenshot({ path: join(SHOTS, 'desktop-pending.png') });

    await page.getByLabel('Your question').fill('and how long should it stay open?');
    await page.keyboard.press('Enter');
    await expect(page.locator('.turn.user.queued').textContent()).resolves.toContain('how long should it stay open');
    expect(await page.getByLabel('Your question').inputValue()).toBe('');

    await hold.release();
    await hold.release();
    await page.locator('.turn.answer').nth(1).waitFor();
    const users = await page.locator('.turn.user').allTextContents();
    expect(users).toEqual(['what is a circuit breaker?', 'and how long should it stay open?']);
    expect(await page.locator('.turn.pending, .turn.queued').count()).toBe(0);
    expect((await stored(page)).map((t) => t.kind)).toEqual(['user', 'answer', 'user', 'answer']);
    await expect.poll(() => page.locator('[data-status]').textContent()).toContain('Answer ready');
    await page.context().close();
  });

  it('after a network error keeps the question in the box with a Retry, and stores no failed turn', async () => {
    const page = await open(browser());
    await page.route('**/api/ask', (route) => route.abort('internetdisconnected'));
    const question = 'how do I size a connection pool?';
    await ask(page, question);
    const error = page.locator('.turn.error');
    await expect(error.textContent()).resolves.toContain('Could not reach the server');
    expect(await page.getByLabel('Your question').inputValue()).toBe(question);
    expect(await page.locator('.turn.user').count()).toBe(0);
    expect(await stored(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'desktop-retry.png') });

    await page.unroute('**/api/ask');
    await error.getByRole('button', { name: 'Retry' }).click();
    await page.locator('.turn.answer').waitFor();
    expect(await page.locator('.turn.error').count()).toBe(0);
    expect(await page.getByLabel('Your question').inputValue()).toBe('');
    expect((await stored(page)).map((t) => t.kind)).toEqual(['user', 'answer']);
    await page.context().close();
  });

  it('keeps a draft across a reload', async () => {
    const page = await open(browser());
    await page.getByLabel('Your question').fill('half-typed question about quorums');
    await page.reload();
    expect(await page.getByLabel('Your question').inputValue()).toBe('half-typed question about quorums');
    await page.context().close();
  });

  it('shows a vote as pressed only once it is stored', async () => {
    const page = await open(browser());
    await ask(page, 'what is a bulkhead?');
    await page.route('**/api/feedback', (route) => route.fulfill({ status: 503, contentType: 'application/json', body: '{"error":{"message":"down"}}' }));
    const up = page.getByRole('button', { name: 'Helpful', exact: true });
    await up.click();
    await page.locator('.vote-note').waitFor();
    expect(await up.getAttribute('aria-pressed')).toBe('false');
    await page.unroute('**/api/feedback');
    await up.click();
    await expect.poll(() => up.getAttribute('aria-pressed')).toBe('true');
    expect((await stored(page)).find((t) => t.kind === 'answer')).toMatchObject({ vote: 'up' });
    await page.context().close();
  });
});

describe.skipIf(!executablePath)('the chat without JavaScript', () => {
  const browser = useBrowser();

  it('sends the form to the plain answer page', async () => {
    const page = await open(browser(), '/', { javaScriptEnabled: false });
    await page.getByLabel('Your question').fill('what is a circuit breaker?');
    await page.getByRole('button', { name: 'Ask' }).click();
    await page.waitForURL((u) => u.pathname === '/ask');
    expect(new URL(page.url()).searchParams.get('q')).toBe('what is a circuit breaker?');
    await expect(page.locator('#answer-h').textContent()).resolves.toBe('Answer');
    expect(await page.locator('section a[href*="/docs/"]').count()).toBeGreaterThan(0);
    await page.context().close();
  });

  it('runs a starter question and the pattern selector as links', async () => {
    const page = await open(browser(), '/', { javaScriptEnabled: false });
    expect(await page.locator(REPLIES).count()).toBe(0);
    await page.getByRole('link', { name: 'Saga vs two-phase commit' }).click();
    await page.waitForURL((u) => u.pathname === '/ask');
    await page.goto(`${page.url().split('/ask')[0]}/`);
    await page.getByRole('link', { name: 'Help me choose a pattern' }).click();
    await page.waitForURL((u) => u.pathname === '/dialogue/selector');
    for (const choice of [/Consistency/, /different teams/, /undone or corrected/, /told reliably/, /Established on-call/, /^Moderate/]) {
      await page.getByRole('link', { name: choice }).first().click();
      await page.waitForLoadState();
    }
    await expect(page.locator('.result-card').textContent()).resolves.toContain('Saga');
    expect(await page.getByRole('link', { name: 'Start over' }).count()).toBe(1);
    await page.screenshot({ path: join(SHOTS, 'nojs-selector.png'), fullPage: true });
    await page.context().close();
  });
});
