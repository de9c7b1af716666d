import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

describe('npm run fuzz:host', () => {
  it('a short run against a real host: one JSON line, no crash, no internal error', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'scripts/fuzz-host.ts', '--seconds', '20', '--seed', '20261207'],
      {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    const lines = out.trim().split('\n');
    expect(lines, err).toHaveLength(1);
    expect(lines[0]).toMatch(/^\{"inputs":\d+,"crashes":\d+,"internalErrors":\d+\}$/);
    const result = JSON.parse(lines[0]!) as { inputs: number; crashes: number; internalErrors: number };
    expect(result.inputs).toBeGreaterThan(100);
    expect({ crashes: result.crashes, internalErrors: result.internalErrors }, err).toEqual({
      crashes: 0,
      internalErrors: 0,
    });
    expect(code).toBe(0);
  }, 120_000);
});
