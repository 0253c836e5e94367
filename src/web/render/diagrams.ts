import { renderMermaidSVG } from 'beautiful-mermaid';
import { escapeHtml } from '../../core/markdown/html';

/**
 * Mermaid diagrams drawn to static SVG at build time (beautiful-mermaid: no browser, no DOM), then
 * made fit for these pages: the renderer's <style> (which imports a web font) and inline style
 * attributes go, since the CSP allows neither; colours come from site.css variables instead, so a
 * diagram follows the light or dark theme; ids get a per-diagram prefix so two diagrams on a page
 * never share a marker; and the figure is named by its caption for screen readers.
 */
let counter = 0;

export class DiagramError extends Error {}

/** The caption line a diagram must start with: `%% caption: What the picture shows`. */
const CAPTION = /^\s*%%\s*caption:\s*(.+)$/m;

export function diagramSvg(source: string, prefix: string): string {
  // Mermaid comments (%% ...) carry the caption; the renderer wants the diagram's header first.
  const diagram = source
    .split('\n')
    .filter((l) => !l.trim().startsWith('%%'))
    .join('\n')
    .trim();
  const svg = renderMermaidSVG(diagram, { bg: 'var(--bg)', fg: 'var(--fg)', transparent: true });
  // A chart whose series did not parse renders as empty axes, silently: refuse it instead.
  if (/^xychart/.test(diagram) && !/class="xychart-(line|bar)[ "]/.test(svg)) throw new DiagramError('the chart has no line or bar the renderer understood');
  return svg
    .replace(/<style>[\s\S]*?<\/style>\s*/g, '')
    // A chart's dotted grid is hundreds of circles: the axes and labels say enough, and pages stay light.
    .replace(/<circle [^>]*class="xychart-grid"\/>\s*/g, '')
    .trim()
    .replace(/\sstyle="[^"]*"/g, '')
    .replace(/\sid="([^"]+)"/g, ` id="${prefix}-$1"`)
    .replace(/url\(#([^)]+)\)/g, `url(#${prefix}-$1)`)
    .replace(/^<svg /, '<svg class="diagram-svg" ');
}

export function diagramFigure(source: string): string {
  const caption = CAPTION.exec(source)?.[1]?.trim();
  if (!caption) throw new DiagramError('a mermaid diagram needs a first line "%% caption: what the picture shows"');
  const id = `diagram-${++counter}`;
  let svg: string;
  try {
    svg = diagramSvg(source, id);
  } catch (err) {
    throw new DiagramError(`the mermaid diagram "${caption}" does not render: ${err instanceof Error ? err.message.split('\n')[0] : err}`);
  }
  const labelled = svg.replace('<svg ', `<svg role="img" aria-labelledby="${id}-caption" `);
  return `<figure class="diagram" tabindex="0" aria-labelledby="${id}-caption">${labelled}<figcaption id="${id}-caption">${escapeHtml(caption)}</figcaption></figure>\n`;
}
