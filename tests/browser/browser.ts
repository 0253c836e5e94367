/// <reference lib="dom" />
import { afterAll, beforeAll, inject } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';

/** Shared by the browser test files: the local Worker, Chromium, and a few steps every test takes. */
export const base = inject('baseUrl');
export const executablePath = inject('chromium');
export const SHOTS = join(import.meta.dirname, 'screenshots');

export async function launch(): Promise<Browser> {
  mkdirSync(SHOTS, { recursive: true });
  return chromium.launch({
    executablePath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** One Chromium for the enclosing describe block, launched before its tests and closed after them. */
export function useBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => browser!;
}

export async function open(browser: Browser, path = '/', options: BrowserContextOptions & { width?: number; height?: number } = {}): Promise<Page> {
  const { width = 1280, height = 900, ...rest } = options;
  const context = await browser.newContext({ viewport: { width, height }, ...rest });
  const page = await context.newPage();
  await page.goto(`${base}${path}`);
  return page;
}

/** Finished turns (answers, dialogue cards, errors): not the question bubbles or the pending line. */
export const REPLIES = '.turn.answer, .turn.dialogue, .turn.error';

/** Types a question into the chat, sends it with Enter and waits for its reply. */
export async function ask(page: Page, question: string) {
  const before = await page.locator(REPLIES).count();
  await page.getByLabel('Your question').fill(question);
  await page.keyboard.press('Enter');
  await page.locator(REPLIES).nth(before).waitFor();
}
