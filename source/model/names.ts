/**
 * Keras 2 auto-names (`conv2d_3`, `add_7`, …) counted per model. tfjs keeps global counters, so
 * its own names would depend on how many models the process built before.
 */
export class LayerNamer {
  private readonly counts = new Map<string, number>();

  /** The next name for a layer of this kind, e.g. `next('conv2d')` → `conv2d_1`. */
  next(kind: string): string {
    const n = (this.counts.get(kind) ?? 0) + 1;
    this.counts.set(kind, n);
    return `${kind}_${n}`;
  }

  /** Use up one index without making a layer (the reference's dead inception conv). */
  skip(kind: string): void {
    this.next(kind);
  }
}
