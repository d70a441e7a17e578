/**
 * BatchFeeder: the batches of `batches()`, identical for the same options, prepared on a worker thread
 * `depth` batches ahead of the consumer. The training loop only receives finished Float32Arrays
 * (transferred, not copied), so a GPU step never waits on JavaScript conversion work — tfjs-node's
 * GPU calls block the main thread, so overlapping on that thread alone would not work.
 *
 *   const feeder = new BatchFeeder(data.train);
 *   for await (const batch of feeder.epoch({ batchSize, seed, epoch, flip: true })) { ... }
 *   await feeder.close();
 */
import { Worker } from 'node:worker_threads';
import type { Batch, BatchOptions, BatchSource } from './batches.js';
import type { ToThread } from './batch-thread.js';

type FromThread = { type: 'batch'; id: number; batch: Batch } | { type: 'error'; id: number; message: string };

function startThread(): Worker {
  const here = import.meta.url;
  if (here.endsWith('.js')) return new Worker(new URL('./batch-thread.js', here));
  // Running from TypeScript sources (tsx): workers do not inherit tsx's loader, so register it first.
  const tsx = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./batch-thread.ts', here).href;
  return new Worker(`import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(entry)}); });`, { eval: true });
}

/** The split in shared memory, so the thread reads it without a copy. */
function shareable(source: BatchSource): BatchSource {
  if (source.images.buffer instanceof SharedArrayBuffer) return { count: source.count, images: source.images, fine: source.fine, coarse: source.coarse };
  const images = new Uint8Array(new SharedArrayBuffer(source.images.byteLength));
  images.set(source.images);
  return { count: source.count, images, fine: source.fine, coarse: source.coarse };
}

export class BatchFeeder {
  private worker: Worker | null = null;
  private nextId = 0;
  private activeId = -1;
  private queue: Batch[] = [];
  private waiting: { resolve: (batch: Batch) => void; reject: (error: Error) => void } | null = null;
  private failure: Error | null = null;
  private readonly depth: number;

  constructor(
    private readonly source: BatchSource,
    { depth = 2 }: { depth?: number } = {},
  ) {
    if (!Number.isInteger(depth) || depth < 1) throw new RangeError(`depth must be a positive integer, got ${depth}`);
    this.depth = depth;
  }

  private thread(): Worker {
    if (this.worker) return this.worker;
    const worker = startThread();
    worker.on('message', (message: FromThread) => {
      if (message.id !== this.activeId) return; // a cancelled epoch's batch
      if (message.type === 'error') return this.fail(new RangeError(message.message));
      if (this.waiting) {
        this.waiting.resolve(message.batch);
        this.waiting = null;
      } else {
        this.queue.push(message.batch);
      }
    });
    worker.on('error', (error) => this.fail(error));
    worker.on('exit', (code) => {
      if (this.worker === worker) this.fail(new Error(`the batch thread stopped (exit code ${code})`));
      this.worker = null;
    });
    worker.postMessage({ type: 'init', source: shareable(this.source) } satisfies ToThread);
    this.worker = worker;
    return worker;
  }

  private fail(error: Error): void {
    this.failure = error;
    this.waiting?.reject(error);
    this.waiting = null;
  }

  private take(): Promise<Batch> {
    if (this.failure) return Promise.reject(this.failure);
    const batch = this.queue.shift();
    if (batch) return Promise.resolve(batch);
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
    });
  }

  /** The batches of one epoch. Breaking out of the loop cancels the rest. Starting an epoch cancels the previous one. */
  async *epoch(options: BatchOptions): AsyncGenerator<Batch> {
    const { batchSize, dropRemainder = false } = options;
    if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);
    const count = dropRemainder ? Math.floor(this.source.count / batchSize) : Math.ceil(this.source.count / batchSize);
    const worker = this.thread();
    const id = this.nextId++;
    this.activeId = id;
    this.queue = [];
    this.failure = null;
    worker.ref();
    worker.postMessage({ type: 'epoch', id, options, depth: this.depth } satisfies ToThread);
    try {
      for (let i = 0; i < count; i++) {
        const batch = await this.take();
        worker.postMessage({ type: 'credit', id } satisfies ToThread);
        yield batch;
      }
    } finally {
      if (this.activeId === id) {
        worker.postMessage({ type: 'cancel', id } satisfies ToThread);
        this.activeId = -1;
        this.queue = [];
        worker.unref(); // an idle feeder does not keep the process alive
      }
    }
  }

  /** Stops the thread. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.terminate();
  }
}
