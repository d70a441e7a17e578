/**
 * Worker-thread side of BatchFeeder: holds the split (shared memory, not copied), plans each epoch with
 * the same code as `batches()`, and converts up to `credit` batches ahead of the consumer.
 */
import { parentPort } from 'node:worker_threads';
import { type BatchOptions, type BatchSource, type EpochPlan, epochPlan, fillBatch } from './batches.js';

export type ToThread =
  | { type: 'init'; source: BatchSource }
  | { type: 'epoch'; id: number; options: BatchOptions; depth: number }
  | { type: 'credit'; id: number }
  | { type: 'cancel'; id: number };

let source: BatchSource | null = null;
let current: { id: number; plan: EpochPlan; next: number; credit: number } | null = null;

function pump(): void {
  while (current && source && current.credit > 0 && current.next < current.plan.batches) {
    const batch = fillBatch(source, current.plan, current.next++);
    current.credit--;
    const transfer: ArrayBuffer[] = [batch.x.buffer as ArrayBuffer, batch.fine.buffer as ArrayBuffer];
    if (batch.coarse) transfer.push(batch.coarse.buffer as ArrayBuffer);
    parentPort!.postMessage({ type: 'batch', id: current.id, batch }, transfer);
  }
}

parentPort!.on('message', (message: ToThread) => {
  switch (message.type) {
    case 'init':
      source = message.source;
      break;
    case 'epoch':
      try {
        current = { id: message.id, plan: epochPlan(source!.count, message.options), next: 0, credit: message.depth };
      } catch (error) {
        parentPort!.postMessage({ type: 'error', id: message.id, message: (error as Error).message });
        return;
      }
      break;
    case 'credit':
      if (current?.id === message.id) current.credit++;
      break;
    case 'cancel':
      if (current?.id === message.id) current = null;
      break;
  }
  pump();
});
