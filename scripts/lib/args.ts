/** Minimal `--name value` / `--flag` parser for the routing scripts. */
export function parseArgs(argv: string[]): Map<string, string | undefined> {
  const out = new Map<string, string | undefined>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('--')) continue;
    const eq = a.indexOf('=');
    if (eq > 0) {
      out.set(a.slice(2, eq), a.slice(eq + 1));
      continue;
    }
    const next = argv[i + 1];
    if (next !== undefined && !next.startsWith('--')) {
      out.set(a.slice(2), next);
      i++;
    } else out.set(a.slice(2), undefined);
  }
  return out;
}
