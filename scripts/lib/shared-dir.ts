/**
 * The shared folder beside the checkout (`../shared` from the main checkout) holding benchmark
 * data and the VROOM binary; from a worktree in `wt/<name>` it is two levels up.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export function sharedPath(root: string, ...parts: string[]): string {
  const candidates = ['../shared', '../../shared'].map((s) => resolve(root, s, ...parts));
  return candidates.find(existsSync) ?? candidates[0]!;
}
