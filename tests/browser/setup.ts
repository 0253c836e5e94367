import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

/**
 * Starts the real Worker locally (wrangler dev, with the built assets and a migrated local D1) for
 * the browser tests and the MCP conformance run, and stops it afterwards.
 */
const ROOT = join(import.meta.dirname, '..', '..');
// Another run on the same machine (another worktree) can pick its own ports.
const PORT = Number(process.env.BROWSER_TEST_PORT || 8791);
const INSPECTOR_PORT = process.env.BROWSER_INSPECTOR_PORT;
let server: ChildProcess | undefined;

export function chromiumPath(): string | null {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/lib/chromium/chromium', '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((p): p is string => !!p && existsSync(p)) ?? null;
}

export default async function setup(project: TestProject) {
  const browser = chromiumPath();
  project.provide('baseUrl', `http://127.0.0.1:${PORT}`);
  project.provide('chromium', browser ?? '');
  if (!browser) {
    if (process.env.CI) throw new Error('Browser tests need Chromium in CI: apt-get install -y chromium (.ci/run does this).');
    console.warn('\n[browser tests] No Chromium found (apt-get install chromium, or set CHROMIUM_PATH): skipping the browser tests (the MCP conformance run still goes ahead).\n');
  }
  const env = { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' };
  const wrangler = join(ROOT, 'node_modules', '.bin', 'wrangler');
  spawnSync(wrangler, ['d1', 'migrations', 'apply', 'DB', '--local', '--env', 'test'], { cwd: ROOT, env, stdio: 'ignore' });
  // The test environment of wrangler.toml: a high rate limit, as the conformance suite sends a few
  // hundred requests in seconds.
  const inspector = INSPECTOR_PORT ? ['--inspector-port', INSPECTOR_PORT] : [];
  server = spawn(wrangler, ['dev', '--env', 'test', '--ip', '127.0.0.1', '--port', String(PORT), ...inspector, '--show-interactive-dev-session=false'], {
    cwd: ROOT,
    env,
    stdio: 'ignore',
    detached: true,
  });
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`http://127.0.0.1:${PORT}/healthz`);
      if (res.ok) return stop;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  stop();
  throw new Error(`wrangler dev did not answer on port ${PORT} within 90 s`);
}

function stop() {
  if (server?.pid) {
    try {
      process.kill(-server.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
  }
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    chromium: string;
  }
}
