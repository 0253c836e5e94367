/**
 * Code blocks and wide tables scroll sideways; keyboard users can only scroll what they can focus.
 * Applied to rendered markdown on the pages and in the chat.
 */
export function focusableScrollers(html: string): string {
  return html.replace(/<pre>/g, '<pre tabindex="0">').replace(/<div class="table">/g, '<div class="table" tabindex="0" role="region" aria-label="Table">');
}
