/**
 * `npm run slack:manifest -- https://your.host [--calc-shortcuts] [--oauth] [--out file]`: writes the Slack
 * app manifest with every URL pointing at your deployment, ready to paste into "Create New App" →
 * "From an app manifest". slack/manifest.yaml is the same for https://compendium.example.com.
 */
import { writeFileSync } from 'node:fs';
import { join, dirname, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import yaml from 'js-yaml';
import { buildManifest, manifestUrl, type ManifestOptions } from '../src/slack/manifest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export function renderManifest(options: ManifestOptions): string {
  const header = [
    '# Slack app manifest for Compendium, written by `npm run slack:manifest -- <url>` (scripts/slack-manifest.ts).',
    `# Request URLs point at ${options.url}. Create the app at https://api.slack.com/apps -> "Create New App" ->`,
    '# "From an app manifest", then follow the install order in the README ("Slack").',
  ];
  return `${header.join('\n')}\n${yaml.dump(buildManifest(options), { lineWidth: 120, noRefs: true })}`;
}

function main(argv: string[]): number {
  const flags = new Set(argv.filter((a) => a.startsWith('--')));
  const outAt = argv.indexOf('--out');
  const out = outAt >= 0 ? argv[outAt + 1] : join(root, 'slack', 'manifest.generated.yaml');
  const positional = argv.filter((a, i) => !a.startsWith('--') && argv[i - 1] !== '--out');
  const unknown = [...flags].filter((f) => !['--calc-shortcuts', '--oauth', '--out'].includes(f));
  if (unknown.length || !out) {
    console.error(`Unknown option ${unknown.join(' ') || '--out without a file'}. Usage: npm run slack:manifest -- https://your.host [--calc-shortcuts] [--oauth] [--out file]`);
    return 2;
  }
  const parsed = manifestUrl(positional[0]);
  if ('error' in parsed) {
    console.error(parsed.error);
    return 2;
  }
  writeFileSync(out, renderManifest({ url: parsed.url, calcShortcuts: flags.has('--calc-shortcuts'), oauth: flags.has('--oauth') }));
  console.log(`Wrote ${relative(process.cwd(), out) || out} for ${parsed.url}/slack/events. Paste it at https://api.slack.com/apps -> Create New App -> From an app manifest, then follow the README's install order.`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) process.exit(main(process.argv.slice(2)));
