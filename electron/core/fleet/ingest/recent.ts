/** The last few fixes of one tracker, time-ordered, to place a late fix between its neighbours. */
export interface RecentFix {
  t: number;
  lat: number;
  lon: number;
  odo: number;
  eng: number;
}

export class Recent {
  private readonly fixes: RecentFix[] = [];

  constructor(private readonly size = 64) {}

  add(f: RecentFix): void {
    let i = this.fixes.length;
    while (i > 0 && this.fixes[i - 1]!.t > f.t) i--;
    this.fixes.splice(i, 0, f);
    if (this.fixes.length > this.size) this.fixes.shift();
  }

  /**
   * The kept fixes either side of `t`; 'same' when one has that time; null when `t` is older
   * than everything kept (the caller asks the store instead).
   */
  around(t: number): 'same' | { before: RecentFix | null; after: RecentFix | null } | null {
    const first = this.fixes[0];
    if (!first || t < first.t) return null;
    let i = this.fixes.length - 1;
    while (i >= 0 && this.fixes[i]!.t > t) i--;
    const before = this.fixes[i]!;
    if (before.t === t) return 'same';
    return { before, after: this.fixes[i + 1] ?? null };
  }
}
