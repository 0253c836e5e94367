import { Hono } from 'hono';
import { createMcpHandler, localhostAllowedHostnames, localhostAllowedOrigins, validateHostHeader, validateOriginHeader } from '@modelcontextprotocol/server';
import { createCompendiumServer } from '../mcp/server';
import { baseUrlFor } from './base-url';
import { rateLimit } from './rate-limit';
import type { AppDeps } from './deps';

/** Largest MCP request body read: a tool call is a question or a few arguments. */
const MCP_MAX_BODY_BYTES = 64 * 1024;

/**
 * The hostnames this endpoint answers for: loopback, and the host of PUBLIC_URL when it is set.
 * A browser page on another site resolving its name to this server (DNS rebinding) sends its own
 * Host and Origin, which are refused.
 */
export function mcpAllowedHostnames(publicUrl: string | undefined): string[] {
  const hosts = [...localhostAllowedHostnames()];
  if (publicUrl && /^https?:\/\//.test(publicUrl)) hosts.push(new URL(publicUrl).hostname);
  return hosts;
}

/**
 * `/mcp`: the Model Context Protocol over Streamable HTTP, stateless (a fresh server per request,
 * nothing kept between requests), serving the current protocol revision and the 2025 ones clients
 * still speak, behind the same rate limit as the API.
 */
export function mcpRoutes(deps: AppDeps) {
  const mcp = new Hono<{ Bindings: Env }>();
  mcp.use('*', async (c, next) => rateLimit(() => deps.rateLimiter(c))(c, next));
  mcp.all('/', async (c) => {
    const publicUrl = c.env?.PUBLIC_URL;
    const hosts = mcpAllowedHostnames(publicUrl);
    const origins = [...localhostAllowedOrigins(), ...hosts];
    // The runtime always sets Host; an in-process request may carry it only in its URL.
    const host = validateHostHeader(c.req.header('host') ?? new URL(c.req.url).host, hosts);
    const origin = validateOriginHeader(c.req.header('origin'), origins);
    const refused = !host.ok ? host.message : !origin.ok ? origin.message : null;
    if (refused) {
      return c.json({ jsonrpc: '2.0', id: null, error: { code: -32000, message: `${refused} This endpoint answers on localhost, or on the host of PUBLIC_URL when it is set.` } }, 403);
    }
    const baseUrl = baseUrlFor(c.req.url, publicUrl);
    const handler = createMcpHandler(
      () => createCompendiumServer({ knowledge: deps.knowledge(), fullDocument: (id) => deps.fullDocument(id, c), baseUrl }),
      { maxRequestBodySize: MCP_MAX_BODY_BYTES, onerror: (err) => console.error('mcp', err.message) },
    );
    return handler.fetch(c.req.raw);
  });
  return mcp;
}
