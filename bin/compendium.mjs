#!/usr/bin/env node
// Runs the bundled CLI, first (re)building it and the compendium index when they are missing or
// older than the sources, so `npx compendium` always answers from the current content.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist', 'cli.mjs');

function newest(dir) {
  let latest = 0;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const s = statSync(path);
    latest = Math.max(latest, s.isDirectory() ? newest(path) : s.mtimeMs);
  }
  return latest;
}

function stale() {
  if (!existsSync(cli) || !existsSync(join(root, 'generated', 'index.txt'))) return true;
  if (!existsSync(join(root, 'src'))) return false;
  const built = Math.min(statSync(cli).mtimeMs, statSync(join(root, 'generated', 'index.txt')).mtimeMs);
  return newest(join(root, 'src')) > built || newest(join(root, 'content')) > built;
}

if (stale()) {
  const built = spawnSync(process.execPath, [join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(root, 'scripts', 'build.ts')], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (built.status !== 0) process.exit(built.status ?? 1);
}
process.env.COMPENDIUM_CLI_ENTRY = '1';
await import(pathToFileURL(cli).href);
