import fs from 'node:fs/promises';
import path from 'node:path';

const mimeTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  // pdf.js decoders (the PDF evidence preview); instantiateStreaming insists on this type.
  '.wasm': 'application/wasm',
};

export interface StaticFile {
  body: Buffer;
  mimeType: string;
  isIndex: boolean;
}

/** Resolves a URL path inside the built renderer; anything escaping the root is not found. */
export async function readStaticFile(root: string, urlPath: string): Promise<StaticFile | null> {
  let relative: string;
  try {
    relative = decodeURIComponent(urlPath.split('?')[0]!.split('#')[0]!);
  } catch {
    return null;
  }
  if (relative === '/' || relative === '') relative = '/index.html';
  const resolvedRoot = path.resolve(root);
  const file = path.resolve(resolvedRoot, `.${path.posix.normalize(relative)}`);
  if (file !== resolvedRoot && !file.startsWith(resolvedRoot + path.sep)) return null;
  try {
    const stat = await fs.stat(file);
    if (!stat.isFile()) return null;
    return {
      body: await fs.readFile(file),
      mimeType: mimeTypes[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
      isIndex: path.relative(resolvedRoot, file) === 'index.html',
    };
  } catch {
    return null;
  }
}
