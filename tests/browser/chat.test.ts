/// <reference lib="dom" />
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { ask as askIn, executablePath, launch, open as openPage, SHOTS } from './browser';

describe.skipIf(!executablePath)('web chat in Chromium', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  const open = (width = 1280, height = 900) => openPage(browser, '/', { width, height });
  const ask = askIn;

  it('answers a question, and a source link opens the document at its section', async () => {
    const page = await open();
    await page.screenshot({ path: join(SHOTS, 'desktop-empty.png') });
    await ask(page, 'how do I stop retries from taking down a recovering service?');
    const answer = page.locator('.turn.answer').last();
    expect(((await answer.locator('.md').textContent()) ?? '').length).toBeGreaterThan(100);
    const link = answer.locator('.sources a').first();
    const href = (await link.getAttribute('href'))!;
    expect(href).toContain('/docs/');
    await page.screenshot({ path: join(SHOTS, 'desktop-answer.png'), fullPage: true });
    await link.click();
    await page.waitForURL((u) => u.pathname.startsWith('/docs/'));
    const hash = new URL(page.url()).hash.slice(1);
    await expect(page.locator('h1').textContent()).resolves.toBeTruthy();
    if (hash) expect(await page.locator(`[id="${hash}"]`).count()).toBe(1);
    await page.context().close();
  });

  it('runs a calculator and draws its chart', async () => {
    const page = await open();
    await ask(page, '/calc queue arrival=80/s service=10ms servers=1');
    const answer = page.locator('.turn.answer').last();
    await answer.locator('.calc-chart svg path.line').waitFor();
    await expect(answer.locator('table').textContent()).resolves.toContain('50 ms');
    await page.screenshot({ path: join(SHOTS, 'desktop-calc.png'), fullPage: true });
    await page.context().close();
  });

  it('completes the selector with buttons, going back a step, and keeps the conversation across a reload', async () => {
    const page = await open();
    await page.getByRole('button', { name: 'New conversation' }).click();
    await page.getByRole('link', { name: 'Help me choose a pattern' }).click();
    const card = page.locator('.turn.dialogue').last();
    await card.getByRole('button', { name: /Consistency/ }).click();
    await card.getByRole('button', { name: /different teams/ }).click();
    await expect.poll(() => card.locator('.question-card h2').textContent()).toContain('half done');
    await card.getByRole('button', { name: 'Back a step' }).click();
    await expect.poll(() => card.locator('.question-card h2').textContent()).toContain('What does one business operation touch?');
    await card.getByRole('button', { name: /different teams/ }).click();
    await card.getByRole('button', { name: /undone or corrected/ }).click();
    await card.getByRole('button', { name: /told reliably/ }).click();
    await card.getByRole('button', { name: /Established on-call/ }).click();
    await card.getByRole('button', { name: 'Moderate' }).click();
    await card.locator('.result-card').waitFor();
    await expect(card.textContent()).resolves.toContain('Saga');
    await expect(card.textContent()).resolves.toContain('What to avoid');
    await expect(card.getByRole('button', { name: 'Copy as markdown' }).count()).resolves.toBe(1);
    await page.screenshot({ path: join(SHOTS, 'desktop-selector.png'), fullPage: true });

    await page.reload();
    await page.locator('.result-card').waitFor();
    await expect(page.locator('.result-card').textContent()).resolves.toContain('Saga');
    await page.context().close();
  });

  it('shows hostile input as text and never runs it', async () => {
    const page = await open();
    let dialogs = 0;
    page.on('dialog', (d) => {
      dialogs++;
      void d.dismiss();
    });
    const hostile = '<img src=x onerror=alert(1)>';
    await ask(page, hostile);
    await expect(page.locator('.turn.user').last().textContent()).resolves.toBe(hostile);
    expect(await page.locator('.log img').count()).toBe(0);
    await page.waitForTimeout(300);
    expect(dialogs).toBe(0);
    await page.context().close();
  });

  it('works at phone width and in the dark theme', async () => {
    const page = await open(390, 844);
    await ask(page, 'what is a circuit breaker?');
    await page.screenshot({ path: join(SHOTS, 'phone-answer.png'), fullPage: true });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await page.getByRole('button', { name: /theme/i }).click();
    const theme = await page.evaluate(() => document.documentElement.dataset.theme);
    expect(['dark', 'light']).toContain(theme);
    await page.screenshot({ path: join(SHOTS, 'phone-dark.png'), fullPage: true });
    await page.context().close();
  });
});
