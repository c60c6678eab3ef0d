#!/usr/bin/env node
// A tiny static file server for www/ (no dependencies).
//
//   node scripts/serve.mjs            -> http://127.0.0.1:8080/  (PORT and HOST override)
//   import { startServer } from './serve.mjs';
//   const { url, close } = await startServer({ root, port: 0 });   // port 0: any free port
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { dirname, extname, join, relative, resolve, sep, isAbsolute } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const DEFAULT_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', 'www');

export const MIME_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/plain; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
};

export function contentType(path) {
  return MIME_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

function send(res, status, message, extra = {}) {
  const body = `${status} ${message}\n`;
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'X-Content-Type-Options': 'nosniff',
    ...extra,
  });
  res.end(res.req.method === 'HEAD' ? undefined : body);
}

function inside(root, path) {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/** Resolves a request path to a file under root, or returns { status } for an error. */
async function resolveFile(root, urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return { status: 400 };
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return { status: 400 };
  // Reject any `..` segment outright instead of normalising it away.
  if (decoded.split('/').some((seg) => seg === '..')) return { status: 403 };
  let path = resolve(root, `.${decoded}`);
  if (!inside(root, path)) return { status: 403 };
  let info;
  try {
    info = await stat(path);
  } catch {
    return { status: 404 };
  }
  if (info.isDirectory()) {
    if (!decoded.endsWith('/')) return { status: 301, location: `${urlPath}/` };
    path = join(path, 'index.html');
    try {
      info = await stat(path);
    } catch {
      return { status: 404 };
    }
  }
  if (!info.isFile()) return { status: 404 };
  // No symlink escapes out of root.
  const real = await realpath(path).catch(() => null);
  if (real === null || !inside(root, real)) return { status: 403 };
  return { path, size: info.size };
}

/**
 * Starts the server. Resolves to { url, port, close(), server } once it listens.
 * `allowsCors(urlPath)` decides which files get Access-Control-Allow-Origin (all by default; the
 * tests take it away to show what a reader sees when a CDN forgets it).
 * @param {{ root?: string, port?: number, host?: string, quiet?: boolean, allowsCors?: (urlPath: string) => boolean }} [options]
 */
export async function startServer({ root = DEFAULT_ROOT, port = 8080, host = '127.0.0.1', quiet = true, allowsCors = () => true } = {}) {
  const realRoot = await realpath(resolve(root));
  const server = createServer(async (req, res) => {
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        return send(res, 405, 'Method Not Allowed', { Allow: 'GET, HEAD' });
      }
      const urlPath = new URL(req.url ?? '/', 'http://localhost').pathname;
      const found = await resolveFile(realRoot, urlPath);
      if (!quiet) console.log(`${req.method} ${urlPath} ${found.status ?? 200}`);
      if (found.status === 301) return send(res, 301, 'Moved Permanently', { Location: found.location });
      if (found.status === 400) return send(res, 400, 'Bad Request');
      if (found.status === 403) return send(res, 403, 'Forbidden');
      if (found.status) return send(res, 404, 'Not Found');
      res.writeHead(200, {
        'Content-Type': contentType(found.path),
        'Content-Length': found.size,
        'Cache-Control': 'no-cache',
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'no-referrer',
        // Public, credential-free files: WordPress frames oEmbed links in a sandbox with an
        // opaque origin, where the widget's module and .wasm loads are CORS requests.
        ...(allowsCors(urlPath) ? { 'Access-Control-Allow-Origin': '*' } : {}),
      });
      if (req.method === 'HEAD') return res.end();
      const stream = createReadStream(found.path);
      stream.on('error', () => res.destroy());
      stream.pipe(res);
    } catch {
      if (!res.headersSent) send(res, 500, 'Internal Server Error');
      else res.destroy();
    }
  });
  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => {
      server.off('error', fail);
      ok();
    });
  });
  const actual = server.address().port;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${actual}/`,
    port: actual,
    server,
    close: () =>
      new Promise((ok) => {
        server.closeAllConnections?.();
        server.close(() => ok());
      }),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const port = process.env.PORT === undefined ? 8080 : Number(process.env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`[serve] PORT must be an integer between 0 and 65535 (got ${process.env.PORT})`);
    process.exit(1);
  }
  try {
    const { url, close } = await startServer({ port, host: process.env.HOST ?? '127.0.0.1' });
    console.log(`[serve] sales-kpi is running at ${url}  (Ctrl+C to stop)`);
    const stop = async () => {
      await close();
      process.exit(0);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  } catch (e) {
    console.error(`[serve] FAILED: ${e.code === 'EADDRINUSE' ? `port ${port} is already in use (set PORT)` : e.message}`);
    process.exit(1);
  }
}
