/**
 * The search box on every page: results from /api/search as you type (debounced, the previous
 * request cancelled), each with the section it comes from; arrow keys move through them, Enter
 * opens one, Escape closes; "/" or Ctrl+K focuses the box. The last option carries the query into
 * the chat. Without JavaScript the form opens the plain results page (/search?q=).
 */
type Hit = { id: string; title: string; kind: string; url: string; sections: Array<{ heading: string; url: string; lead: string }> };

const DEBOUNCE_MS = 150;
const LIMIT = 6;

const form = document.querySelector<HTMLFormElement>('[data-search]');
const input = form?.querySelector<HTMLInputElement>('input[type=search]');
const panel = form?.querySelector<HTMLElement>('[data-search-panel]');
const list = form?.querySelector<HTMLElement>('[data-search-results]');
const note = form?.querySelector<HTMLElement>('[data-search-note]');

if (form && input && panel && list && note) {
  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-expanded', 'false');
  input.setAttribute('aria-controls', list.id);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let controller: AbortController | undefined;
  let active = -1;
  const cache = new Map<string, Hit[]>();

  const options = () => [...list.querySelectorAll<HTMLAnchorElement>('[role=option]')];

  const close = () => {
    panel.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  };

  const activate = (i: number) => {
    const opts = options();
    if (!opts.length) return;
    active = (i + opts.length) % opts.length;
    opts.forEach((o, j) => o.setAttribute('aria-selected', String(j === active)));
    const current = opts[active]!;
    input.setAttribute('aria-activedescendant', current.id);
    current.scrollIntoView({ block: 'nearest' });
  };

  const option = (url: string, title: string, detail: string, extra = '') => {
    // The API links to PUBLIC_URL; on this site the same page is a path away.
    const u = new URL(url, location.origin);
    const href = `${u.pathname}${u.search}${u.hash}`;
    const a = document.createElement('a');
    a.setAttribute('role', 'option');
    a.setAttribute('aria-selected', 'false');
    a.tabIndex = -1;
    a.href = href;
    a.id = `search-opt-${list.childElementCount}`;
    if (extra) a.className = extra;
    const t = document.createElement('span');
    t.className = 'hit-title';
    t.textContent = title;
    a.append(t);
    if (detail) {
      const d = document.createElement('span');
      d.className = 'hit-detail';
      d.textContent = detail;
      a.append(d);
    }
    list.append(a);
  };

  const show = (query: string, hits: Hit[], problem = '') => {
    list.replaceChildren();
    note.textContent = problem || (hits.length ? `${hits.length} document${hits.length === 1 ? '' : 's'} found.` : 'No document matches.');
    for (const h of hits) {
      const [best, ...more] = h.sections;
      option(best?.url ?? h.url, h.title, best ? `${best.heading}: ${best.lead}` : '');
      for (const s of more.slice(0, 2)) option(s.url, `${h.title} › ${s.heading}`, '', 'sub');
    }
    option(`/?ask=${encodeURIComponent(query)}`, `Ask the assistant: “${query}”`, 'Opens the chat with this question', 'ask-fallback');
    panel.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    active = -1;
    input.removeAttribute('aria-activedescendant');
  };

  const run = async (query: string) => {
    controller?.abort();
    const cached = cache.get(query);
    if (cached) return show(query, cached);
    controller = new AbortController();
    try {
      const res = await fetch(`/api/search?q=${encodeURIComponent(query)}&limit=${LIMIT}`, { signal: controller.signal });
      if (input.value.trim() !== query) return;
      if (!res.ok) return show(query, [], res.status === 429 ? 'Too many searches in a short time; wait a moment.' : 'Search is not available right now.');
      const hits = ((await res.json()) as { results: Hit[] }).results;
      cache.set(query, hits);
      show(query, hits);
    } catch (err) {
      if ((err as Error).name !== 'AbortError') show(query, [], 'Could not reach the server.');
    }
  };

  input.addEventListener('input', () => {
    clearTimeout(timer);
    const query = input.value.trim();
    if (query.length < 2) {
      controller?.abort();
      close();
      return;
    }
    timer = setTimeout(() => void run(query), DEBOUNCE_MS);
  });

  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      if (panel.hidden) return;
      e.preventDefault();
      activate(active + (e.key === 'ArrowDown' ? 1 : -1));
    } else if (e.key === 'Enter') {
      const opts = options();
      if (panel.hidden || !opts.length) return;
      e.preventDefault();
      location.href = (opts[active] ?? opts[0]!).href;
    } else if (e.key === 'Escape') {
      if (!panel.hidden) close();
      else input.value = '';
    }
  });

  input.addEventListener('focus', () => {
    if (list.childElementCount && input.value.trim().length >= 2) {
      panel.hidden = false;
      input.setAttribute('aria-expanded', 'true');
    }
  });
  document.addEventListener('click', (e) => {
    if (!form.contains(e.target as Node)) close();
  });
  // Options are links: a click opens them; keep the pointer from blurring the box first.
  list.addEventListener('mousedown', (e) => e.preventDefault());

  document.addEventListener('keydown', (e) => {
    const target = e.target as HTMLElement;
    const typing = target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
    if ((e.key === '/' && !typing) || (e.key.toLowerCase() === 'k' && (e.ctrlKey || e.metaKey))) {
      e.preventDefault();
      input.focus();
      input.select();
    }
  });
}
