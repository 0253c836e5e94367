/// <reference lib="dom" />
import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ask, executablePath, open, SHOTS, useBrowser } from './browser';

/**
 * Issue item 9: axe-core (from npm, injected into the page; the test context bypasses the CSP so
 * the script can load) finds no serious or critical violation on any main page state, light or dark.
 */
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
/** Rules the issue names, held to whatever impact axe gives them. */
const ALWAYS = ['heading-order', 'empty-table-header', 'scrollable-region-focusable', 'label-content-name-mismatch'];

type Violation = { id: string; impact: string; help: string; nodes: Array<{ target: string[] }> };

async function axe(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const violations = (await page.evaluate(async () => {
    const result = await (window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<{ violations: unknown[] }> } }).axe.run(document, {
      resultTypes: ['violations'],
    });
    return result.violations;
  })) as Violation[];
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical' || ALWAYS.includes(v.id))
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}${v.nodes.length > 3 ? `, +${v.nodes.length - 3}` : ''})`);
}

const STATES: Array<[string, (page: Page) => Promise<void>, { width?: number; height?: number }?]> = [
  ['home', async () => {}],
  ['an answer', async (page) => ask(page, 'saga vs two-phase commit')],
  ['a calculator answer on a phone', async (page) => ask(page, '/calc queue arrival=80/s service=10ms servers=1'), { width: 390, height: 844 }],
  ['a dialogue question', async (page) => {
    await page.getByRole('link', { name: 'Help me choose a pattern' }).click();
    await page.locator('.turn.dialogue .option').first().waitFor();
  }],
  ['a review result', async (page) => {
    await page.getByRole('link', { name: 'Run a design review' }).click();
    const card = page.locator('.turn.dialogue').last();
    for (let i = 0; i < 12 && !(await card.locator('.result-card').count()); i++) {
      await card.locator('.option').last().click();
      await page.waitForTimeout(120);
    }
    await card.locator('.result-card').waitFor();
  }],
  ['search results', async (page) => {
    await page.getByRole('combobox', { name: 'Search the compendium' }).fill('circuit breaker');
    await page.getByRole('option').first().waitFor();
    await page.keyboard.press('ArrowDown');
  }],
];

const PAGES = ['/docs/patterns/saga', '/docs', '/docs/quantitative/queueing-theory', '/ask?q=what+is+a+circuit+breaker', '/dialogue/review', '/search?q=quorum'];

describe.skipIf(!executablePath)('accessibility (axe-core)', () => {
  const browser = useBrowser();

  for (const scheme of ['light', 'dark'] as const) {
    for (const [name, reach, size] of STATES) {
      it(`chat, ${name}, ${scheme}`, async () => {
        const page = await open(browser(), '/', { colorScheme: scheme, bypassCSP: true, ...size });
        await reach(page);
        const found = await axe(page);
        if (found.length) await page.screenshot({ path: join(SHOTS, `axe-${scheme}-${name.replace(/\W+/g, '-')}.png`), fullPage: true });
        expect(found).toEqual([]);
        await page.context().close();
      });
    }
    for (const path of PAGES) {
      it(`${path}, ${scheme}`, async () => {
        const page = await open(browser(), path, { colorScheme: scheme, bypassCSP: true });
        const found = await axe(page);
        expect(found).toEqual([]);
        await page.context().close();
      });
    }
    it(`a document on a phone with the drawer open, ${scheme}`, async () => {
      const page = await open(browser(), '/docs/patterns/saga', { colorScheme: scheme, bypassCSP: true, width: 390, height: 844 });
      await page.getByRole('button', { name: 'Menu' }).click();
      expect(await axe(page)).toEqual([]);
      await page.context().close();
    });
  }
});

/** WCAG contrast of two CSS colours (rgb/rgba strings as getComputedStyle gives them). */
function contrastIn(page: Page) {
  return page.evaluate(() => {
    const lum = (c: string) => {
      const [r, g, b] = (c.match(/[\d.]+/g) ?? ['0', '0', '0']).slice(0, 3).map((v) => {
        const s = Number(v) / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    (window as unknown as { contrast: (a: string, b: string) => number }).contrast = (a, b) => {
      const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
      return (hi! + 0.05) / (lo! + 0.05);
    };
  });
}

describe.skipIf(!executablePath)('contrast axe does not measure', () => {
  const browser = useBrowser();

  for (const scheme of ['light', 'dark'] as const) {
    it(`draws chart text at 11 px or more on a phone, at 4.5:1, ${scheme}`, async () => {
      const page = await open(browser(), '/', { colorScheme: scheme, width: 390, height: 844 });
      await ask(page, '/calc queue arrival=80/s service=10ms servers=1');
      await page.locator('.calc-chart svg text').first().waitFor();
      await contrastIn(page);
      const texts = await page.locator('.calc-chart svg text').evaluateAll((nodes) => {
        const bg = getComputedStyle(document.querySelector('.turn.answer')!).backgroundColor;
        const contrast = (window as unknown as { contrast: (a: string, b: string) => number }).contrast;
        return nodes.map((t) => {
          const scale = (t as SVGGraphicsElement).ownerSVGElement!.getScreenCTM()!.a;
          return { text: t.textContent, px: parseFloat(getComputedStyle(t).fontSize) * scale, ratio: contrast(getComputedStyle(t).fill, bg) };
        });
      });
      expect(texts.length).toBeGreaterThan(4);
      for (const t of texts) {
        expect(t.px, t.text!).toBeGreaterThanOrEqual(11);
        expect(t.ratio, t.text!).toBeGreaterThanOrEqual(4.5);
      }
      await page.context().close();
    });

    it(`gives inputs and options borders at 3:1, ${scheme}`, async () => {
      const page = await open(browser(), '/', { colorScheme: scheme });
      await page.getByRole('link', { name: 'Help me choose a pattern' }).click();
      await page.locator('.turn.dialogue .option').first().waitFor();
      await contrastIn(page);
      const ratios = await page.evaluate(() => {
        const contrast = (window as unknown as { contrast: (a: string, b: string) => number }).contrast;
        const bgOf = (el: Element): string => {
          for (let n: Element | null = el.parentElement; n; n = n.parentElement) {
            const c = getComputedStyle(n).backgroundColor;
            if (c !== 'rgba(0, 0, 0, 0)') return c;
          }
          return 'rgb(255, 255, 255)';
        };
        return ['#question', '#site-search', '.turn.dialogue .option'].map((sel) => {
          const el = document.querySelector(sel)!;
          return { sel, ratio: contrast(getComputedStyle(el).borderTopColor, bgOf(el)) };
        });
      });
      for (const r of ratios) expect(r.ratio, r.sel).toBeGreaterThanOrEqual(3);
      await page.context().close();
    });
  }
});
