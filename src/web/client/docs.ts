/**
 * The book's page script: the sidebar drawer on a phone, the on-page table of contents that marks
 * the section in view, and the learning path's previous/next when the reader follows one.
 * Everything it enhances works as plain links without it.
 */
const PATH_KEY = 'compendium.path';

function drawer() {
  const button = document.querySelector<HTMLButtonElement>('[data-menu]');
  const nav = document.getElementById('sidebar');
  if (!button || !nav) return;
  const set = (open: boolean) => {
    button.setAttribute('aria-expanded', String(open));
    document.body.classList.toggle('drawer-open', open);
  };
  button.addEventListener('click', (e) => {
    e.stopPropagation();
    const open = button.getAttribute('aria-expanded') !== 'true';
    set(open);
    if (open) nav.querySelector<HTMLElement>('[aria-current="page"], a')?.focus();
  });
  // A tap beside the open drawer closes it, as on the sites readers know.
  document.addEventListener('click', (e) => {
    if (document.body.classList.contains('drawer-open') && !nav.contains(e.target as Node)) set(false);
  });
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && document.body.classList.contains('drawer-open')) {
      set(false);
      button.focus();
    }
  });
  nav.addEventListener('click', (e) => {
    if ((e.target as Element).closest('a')) set(false);
  });
  // The current page in view inside the sidebar, without scrolling the page itself.
  const current = nav.querySelector<HTMLElement>('[aria-current="page"]');
  if (current && nav.scrollHeight > nav.clientHeight) nav.scrollTop = current.offsetTop - nav.clientHeight / 3;
}

/** Marks the table-of-contents link of the last section whose heading has scrolled past the top third. */
function tocHighlight() {
  const toc = document.querySelector<HTMLElement>('[data-toc]');
  if (!toc) return;
  const links = [...toc.querySelectorAll<HTMLAnchorElement>('a[href^="#"]')];
  const targets = links.map((a) => document.getElementById(decodeURIComponent(a.hash.slice(1))));
  let pending = false;
  const update = () => {
    pending = false;
    const line = Math.min(window.innerHeight * 0.3, 200);
    let active = -1;
    targets.forEach((t, i) => {
      if (t && t.getBoundingClientRect().top <= line) active = i;
    });
    // At the very bottom the last section counts as read, however short it is.
    if (window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - 2) active = targets.length - 1;
    links.forEach((a, i) => {
      if (i === active) a.setAttribute('aria-current', 'location');
      else a.removeAttribute('aria-current');
    });
  };
  const schedule = () => {
    if (!pending) {
      pending = true;
      requestAnimationFrame(update);
    }
  };
  window.addEventListener('scroll', schedule, { passive: true });
  window.addEventListener('resize', schedule);
  update();
}

type Paths = Record<string, { id: string; title: string; docs: Array<{ id: string; title: string }> }>;

/** When the reader came from a learning path (?path=beginner), previous/next follow that path. */
async function pathPager() {
  const pager = document.querySelector<HTMLElement>('[data-pager]');
  const doc = document.querySelector<HTMLElement>('[data-doc]')?.dataset.doc;
  if (!pager || !doc) return;
  const fromUrl = new URLSearchParams(location.search).get('path');
  let key = fromUrl;
  try {
    if (fromUrl) sessionStorage.setItem(PATH_KEY, fromUrl);
    else key = sessionStorage.getItem(PATH_KEY);
  } catch {
    /* storage disabled: the path holds for pages opened from the path's links */
  }
  if (!key || !/^[a-z-]+$/.test(key)) return;
  let paths: Paths;
  try {
    paths = (await (await fetch('/assets/paths.json')).json()) as Paths;
  } catch {
    return;
  }
  const path = paths[key];
  if (!path) return;
  const i = path.docs.findIndex((d) => d.id === doc);
  if (i < 0) return;
  const make = (d: { id: string; title: string } | undefined, rel: 'prev' | 'next', fallback: { id: string; title: string }) => {
    const target = d ?? fallback;
    const a = document.createElement('a');
    a.rel = rel;
    a.className = rel;
    a.href = `/docs/${target.id}?path=${key}`;
    const dir = document.createElement('span');
    dir.className = 'dir';
    dir.textContent = d ? (rel === 'prev' ? 'Previous' : 'Next') : 'Back to the path';
    const t = document.createElement('span');
    t.className = 't';
    t.textContent = target.title;
    a.append(dir, t);
    return a;
  };
  const home = { id: path.id, title: path.title };
  const via = pager.querySelector<HTMLElement>('[data-via]')!;
  via.hidden = false;
  via.textContent = `${path.title}: step ${i + 1} of ${path.docs.length}`;
  pager.replaceChildren(via, make(path.docs[i - 1], 'prev', home), make(path.docs[i + 1], 'next', home));
}

/** With scripts on, "Run" and "Ask about this page" open the chat rather than the plain answer page. */
function chatLinks() {
  document.querySelectorAll<HTMLAnchorElement>('a[data-ask]').forEach((a) => {
    a.href = `/?ask=${encodeURIComponent(a.dataset.ask ?? '')}`;
  });
  document.querySelectorAll<HTMLAnchorElement>('a[data-ask-about]').forEach((a) => {
    a.href = `/?about=${encodeURIComponent(a.dataset.askAbout ?? '')}&title=${encodeURIComponent(a.dataset.title ?? '')}`;
  });
}

/** The copy button on each code block (rendered hidden, shown once it can work). */
function copyButtons() {
  document.querySelectorAll<HTMLButtonElement>('[data-copy]').forEach((b) => {
    const code = b.parentElement?.querySelector('code');
    if (!code || !navigator.clipboard) return;
    b.hidden = false;
    b.addEventListener('click', async () => {
      try {
        await navigator.clipboard.writeText(code.textContent ?? '');
        b.textContent = 'Copied';
      } catch {
        b.textContent = 'Copy failed';
      }
      setTimeout(() => {
        b.textContent = 'Copy';
      }, 2000);
    });
  });
}

chatLinks();
copyButtons();
drawer();
tocHighlight();
void pathPager();
