/**
 * Byte progress for downloads and extraction: a live line (bytes, percent, speed, ETA) on a terminal,
 * plain percentage lines (every 10 %) otherwise, so logs stay readable.
 */

export function formatBytes(bytes: number): string {
  if (bytes < 1e3) return `${Math.round(bytes)} B`;
  if (bytes < 1e6) return `${(bytes / 1e3).toFixed(1)} kB`;
  if (bytes < 1e9) return `${(bytes / 1e6).toFixed(1)} MB`;
  return `${(bytes / 1e9).toFixed(2)} GB`;
}

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '--:--';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${rest}` : `${m}:${rest}`;
}

export interface ProgressSnapshot {
  done: number;
  total: number | null;
  /** Bytes per second over this run (resumed bytes excluded). */
  speed: number;
}

/** The live line: `label  45.2 MB / 168.5 MB  26.8%  5.3 MB/s  ETA 0:23`. */
export function liveLine(label: string, { done, total, speed }: ProgressSnapshot): string {
  const rate = `${formatBytes(speed)}/s`;
  if (total === null || total <= 0) return `${label}  ${formatBytes(done)}  ${rate}`;
  const percent = `${((100 * done) / total).toFixed(1)}%`;
  const eta = speed > 0 ? formatDuration((total - done) / speed) : '--:--';
  return `${label}  ${formatBytes(done)} / ${formatBytes(total)}  ${percent}  ${rate}  ETA ${eta}`;
}

/** A plain line: `label: 30% (50.6 MB of 168.5 MB, 4.2 MB/s)`. */
export function plainLine(label: string, { done, total, speed }: ProgressSnapshot): string {
  const rate = `${formatBytes(speed)}/s`;
  if (total === null || total <= 0) return `${label}: ${formatBytes(done)} (${rate})`;
  return `${label}: ${Math.floor((100 * done) / total)}% (${formatBytes(done)} of ${formatBytes(total)}, ${rate})`;
}

export interface ProgressOptions {
  /** Live line (true) or plain lines (false). Default: whether the stream is a TTY. */
  tty?: boolean;
  now?: () => number;
  /** Minimum time between two live-line redraws (ms). */
  intervalMs?: number;
}

/** Draws the progress of one transfer on `out`. Call update() as bytes arrive, then finish(). */
export class ProgressDisplay {
  private readonly tty: boolean;
  private readonly now: () => number;
  private readonly intervalMs: number;
  private readonly startedAt: number;
  private lastDraw = -Infinity;
  private lastStep = -1;
  private base: number | null = null;
  private last: ProgressSnapshot = { done: 0, total: null, speed: 0 };
  private drawn = false;

  constructor(
    private readonly out: { write(text: string): unknown; isTTY?: boolean },
    private readonly label: string,
    options: ProgressOptions = {},
  ) {
    this.tty = options.tty ?? out.isTTY === true;
    this.now = options.now ?? (() => performance.now());
    this.intervalMs = options.intervalMs ?? 100;
    this.startedAt = this.now();
  }

  /** `done` of `total` bytes; `resumedFrom` bytes were on disk already and do not count for speed. */
  update(done: number, total: number | null, resumedFrom = 0): void {
    if (this.base === null) this.base = resumedFrom;
    const elapsed = (this.now() - this.startedAt) / 1000;
    const speed = elapsed > 0 ? (done - this.base) / elapsed : 0;
    this.last = { done, total, speed };
    if (this.tty) {
      if (this.now() - this.lastDraw < this.intervalMs && done !== total) return;
      this.lastDraw = this.now();
      this.out.write(`\r${liveLine(this.label, this.last)}\x1b[K`);
      this.drawn = true;
      return;
    }
    // Plain: one line per 10 % step (or per 10 MB when the size is unknown).
    const step = total ? Math.floor((10 * done) / total) : Math.floor(done / 10e6);
    if (step > this.lastStep) {
      this.lastStep = step;
      this.out.write(`${plainLine(this.label, this.last)}\n`);
    }
  }

  /** Ends the live line (a newline), so later output starts on a fresh line. */
  finish(): void {
    if (this.tty && this.drawn) {
      this.out.write(`\r${liveLine(this.label, this.last)}\x1b[K\n`);
      this.drawn = false;
    }
  }
}
