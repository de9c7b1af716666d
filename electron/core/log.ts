import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

export type Level = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/**
 * Structured logs: one JSON object per line in `<dir>/core.log`, and warnings and errors on
 * stderr too. Writes are synchronous so the last line before a crash is on disk.
 */
export function createLogger(
  dir: string | null,
  options: { level?: Level; echo?: boolean; fileName?: string } = {},
): Logger {
  const min = ORDER[options.level ?? 'info'];
  const file = dir ? join(dir, options.fileName ?? 'core.log') : null;
  if (dir) mkdirSync(dir, { recursive: true });
  const write = (level: Level, msg: string, fields?: Record<string, unknown>) => {
    if (ORDER[level] < min) return;
    const line = JSON.stringify({ t: new Date().toISOString(), level, msg, ...fields });
    if (file) {
      try {
        appendFileSync(file, line + '\n');
      } catch {
        // A log folder removed or a full disk must not take the process down with it.
        try {
          mkdirSync(dir!, { recursive: true });
          appendFileSync(file, line + '\n');
        } catch {
          process.stderr.write(line + '\n');
        }
      }
    }
    if (options.echo || (!file && ORDER[level] >= ORDER.warn)) process.stderr.write(line + '\n');
  };
  return {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
  };
}
