// Finds the Electron binary, fetching it once if allowed. The `electron` package downloads its
// binary on first use; on a machine without internet that fails, and callers fall back or skip.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

function packageDir() {
  try {
    return dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
}

function installedPath(dir) {
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const full = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(full) ? full : null;
}

/** @returns {{ path: string } | { path: null, reason: string }} */
export function electronBinary({ download = true, timeoutMs = 180_000 } = {}) {
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH)
    return { path: join(process.env.ELECTRON_OVERRIDE_DIST_PATH, 'electron') };
  const dir = packageDir();
  if (!dir) return { path: null, reason: 'the electron package is not installed (run npm ci)' };
  const found = installedPath(dir);
  if (found || !download)
    return found ? { path: found } : { path: null, reason: 'the Electron binary is not downloaded' };
  const result = spawnSync(process.execPath, [join(dir, 'install.js')], {
    // The download is asked for on purpose here, whatever an install-time skip flag says.
    env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '' },
    stdio: 'pipe',
    timeout: timeoutMs,
  });
  const after = installedPath(dir);
  if (after) return { path: after };
  const why =
    result.error?.message ??
    String(result.stderr ?? '')
      .split('\n')
      .find((l) => l.trim()) ??
    'unknown error';
  return { path: null, reason: `the Electron binary could not be downloaded (${why.trim().slice(0, 160)})` };
}
