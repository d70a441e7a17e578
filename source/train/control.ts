/** Pause, resume and cancel of a running trial; both take effect at the next batch boundary. */

export interface TrialControl {
  readonly paused: boolean;
  readonly cancelled: boolean;
  /** Called by training at a batch boundary; resolves once resumed or cancelled. */
  waitWhilePaused(): Promise<void>;
}

export class RunControl implements TrialControl {
  private pausedFlag: boolean;
  private cancelledFlag = false;
  private holding = false;
  private waiters: Array<() => void> = [];

  /** `onHold` runs when a pause takes hold at a batch boundary (once per pause). */
  constructor(options: { paused?: boolean; onHold?: () => void } = {}) {
    this.pausedFlag = options.paused ?? false;
    this.onHold = options.onHold;
  }

  private readonly onHold?: () => void;

  get paused(): boolean {
    return this.pausedFlag;
  }

  get cancelled(): boolean {
    return this.cancelledFlag;
  }

  pause(): void {
    this.pausedFlag = true;
  }

  /** Returns whether training was held at a batch boundary (and now continues). */
  resume(): boolean {
    this.pausedFlag = false;
    const wasHolding = this.holding;
    this.wake();
    return wasHolding;
  }

  cancel(): void {
    this.cancelledFlag = true;
    this.wake();
  }

  waitWhilePaused(): Promise<void> {
    if (!this.pausedFlag || this.cancelledFlag) return Promise.resolve();
    if (!this.holding) {
      this.holding = true;
      this.onHold?.();
    }
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private wake(): void {
    this.holding = false;
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }
}
