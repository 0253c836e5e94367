import { describe, expect, inject, it } from 'vitest';

/** Issue item 5: what link previews and browser tabs see (served by the real Worker). */
const base = inject('baseUrl');

function meta(html: string, attr: 'name' | 'property', key: string): string | undefined {
  return html.match(new RegExp(`<meta ${attr}="${key}" content="([^"]*)">`))?.[1];
}

describe('reader-facing metadata', () => {
  it('gives every document a description and OpenGraph tags, and shows only real alternative names', async () => {
    const html = await (await fetch(`${base}/docs/patterns/saga`)).text();
    expect(meta(html, 'property', 'og:title')).toBe('Saga');
    expect(meta(html, 'property', 'og:type')).toBe('article');
    const description = meta(html, 'name', 'description')!;
    expect(description).toMatch(/^A saga carries out a business transaction/);
    expect(description.length).toBeLessThanOrEqual(201);
    expect(description).not.toMatch(/[*`[\]]/);
    expect(meta(html, 'property', 'og:description')).toBe(description);
    const aliases = html.match(/Also known as: ([^<]*)/)![1]!;
    expect(aliases).toContain('long-running transaction');
    expect(aliases).not.toContain('sagas');
    expect(aliases).not.toContain('compensating transaction');
    const home = await (await fetch(`${base}/`)).text();
    expect(meta(home, 'property', 'og:type')).toBe('website');
  });

  it('serves a favicon as SVG and as ICO', async () => {
    const svg = await fetch(`${base}/favicon.svg`);
    expect(svg.status).toBe(200);
    expect(svg.headers.get('content-type')).toContain('image/svg+xml');
    const ico = await fetch(`${base}/favicon.ico`);
    expect(ico.status).toBe(200);
    const bytes = new Uint8Array(await ico.arrayBuffer());
    expect([...bytes.slice(0, 4)]).toEqual([0, 0, 1, 0]);
    expect(String.fromCharCode(...bytes.slice(23, 26))).toBe('PNG');
  });
});
