// Applies the saved theme before the page paints, and wires the theme button once the DOM exists.
const KEY = 'compendium.theme';
const root = document.documentElement;
// Styles that only make sense with scripts (the phone drawer) key on this class.
root.classList.add('js');
const saved = (() => {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null;
  }
})();
if (saved === 'light' || saved === 'dark') root.dataset.theme = saved;

document.addEventListener('DOMContentLoaded', () => {
  const button = document.querySelector<HTMLButtonElement>('[data-theme-toggle]');
  if (!button) return;
  const current = () => root.dataset.theme ?? (matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light');
  const label = () => {
    button.textContent = current() === 'dark' ? 'Light theme' : 'Dark theme';
  };
  label();
  button.addEventListener('click', () => {
    root.dataset.theme = current() === 'dark' ? 'light' : 'dark';
    try {
      localStorage.setItem(KEY, root.dataset.theme);
    } catch {
      /* storage may be disabled; the theme still applies to this page */
    }
    label();
  });
});
