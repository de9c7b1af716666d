import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { pipeline } from 'node:stream';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

/** Resolves a URL path inside `root`; anything that would step outside it is refused. */
export function resolveInside(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0]!);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const full = normalize(join(root, decoded));
  return full === root || full.startsWith(root.endsWith(sep) ? root : root + sep) ? full : null;
}

/** Serves the built renderer; unknown paths fall back to index.html so client routes reload. */
export async function serveStatic(root: string, urlPath: string, res: ServerResponse): Promise<void> {
  const target = resolveInside(root, urlPath === '/' ? '/index.html' : urlPath);
  if (!target) {
    res.writeHead(400, { 'content-type': 'text/plain' }).end('Bad path');
    return;
  }
  let file = target;
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) {
    if (extname(urlPath)) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      return;
    }
    file = join(root, 'index.html');
  }
  const immutable = file.includes(`${sep}assets${sep}`);
  res.writeHead(200, {
    'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  // A file removed meanwhile or a client gone mid-transfer ends this response only.
  pipeline(createReadStream(file), res, () => undefined);
}
