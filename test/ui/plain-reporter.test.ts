import test from 'ava';
import type { StoredTrial } from '../../source/store/schema.js';
import type { SupervisorEvent } from '../../source/supervisor/index.js';
import { createPlainReporter } from '../../source/ui/plain-reporter.js';
import { makeTrial } from '../helpers/ui-events.js';

const trial = (over: Partial<StoredTrial> = {}): StoredTrial => makeTrial({ id: 'a1b2c', number: 4, ...over });
const result = { loss: -0.4, real_loss: 3, fine_best_loss: 2.5, fine_best_accuracy: 0.4, fine_end_loss: 2.6, fine_end_accuracy: 0.39, coarse_best_loss: 2, coarse_best_accuracy: 0.5, coarse_end_loss: 2, coarse_end_accuracy: 0.49, model_name: 'model_0.4_a1b2c', space: {}, history: { loss: [3, 2] }, status: 'ok' as const };

function collect(events: SupervisorEvent[], json = false): string {
  let out = '';
  const report = createPlainReporter((s) => (out += s), { json, now: () => new Date(2026, 11, 3, 10, 0, 5) });
  for (const e of events) report(e);
  return out;
}

const events: SupervisorEvent[] = [
  { type: 'ready', backend: 'wasm', device: 'CPU (2 threads)', warnings: ['@tensorflow/tfjs-node-gpu cannot load libcudnn.so.8 (CUDA 11 / cuDNN 8 missing).'], pid: 1 },
  { type: 'trial-start', trial: trial(), rerun: false },
  { type: 'batch', trialId: 'a1b2c', epoch: 0, epochs: 2, batch: 1, batches: 3, logs: { loss: 4.6 }, imagesPerSecond: 100 },
  { type: 'epoch', trial: trial(), epoch: 0, epochs: 2, logs: { loss: 4.5, fine_outputs_acc: 0.02, val_loss: 4.4, val_fine_outputs_acc: 0.031 }, seconds: 12.3 },
  { type: 'trial-end', trial: trial({ state: 'ok', result }), rank: 1, finished: 5, best: true },
  { type: 'trial-end', trial: trial({ number: 5, id: 'ffff0', state: 'fail', error: 'diverged: loss became NaN' }), rank: null, finished: 6, best: false },
  { type: 'log', level: 'info', message: 'quiet unless verbose', source: 'worker' },
  { type: 'log', level: 'warn', message: 'memory is low', source: 'worker' },
];

test('plain lines: timestamped, one per event that matters, no escape codes', (t) => {
  const out = collect(events);
  const lines = out.trim().split('\n');
  t.true(lines.every((l) => l.startsWith('2026-12-03 10:00:05  ')));
  t.regex(out, /worker ready: backend wasm on CPU \(2 threads\)\n[\d-]+ [\d:]+ {2}warning: @tensorflow\/tfjs-node-gpu cannot load libcudnn\.so\.8/, 'why the GPU backend did not load is never dropped');
  t.regex(out, /trial 4 \(a1b2c\) started: Nadam elu avg ×3 res3@0 BN k3 lr×0\.65 l2×0\.41 bs320/);
  t.regex(out, /trial 4 epoch 1\/2: loss 4\.5000, fine acc 0\.0200, val loss 4\.4000, val fine acc 0\.0310 \(12\.3 s\)/);
  t.regex(out, /trial 4 \(a1b2c\) finished: val fine acc 0\.4000, test fine acc 0\.3900, rank 1 of 5 - new best/);
  t.regex(out, /trial 5 \(ffff0\) failed: diverged: loss became NaN/);
  t.regex(out, /warn: memory is low/);
  t.notRegex(out, /quiet unless verbose|batch/);
  t.false(out.includes('\u001b'));
});

test('--json: one parseable object per event, without the bulky history', (t) => {
  const lines = collect(events, true).trim().split('\n');
  t.is(lines.length, events.length);
  const parsed = lines.map((l) => JSON.parse(l));
  t.deepEqual(parsed.map((p) => p.type), events.map((e) => e.type));
  const end = parsed.find((p) => p.type === 'trial-end');
  t.is(end.trial.result.fine_best_accuracy, 0.4);
  t.is(end.trial.result.history, undefined);
});
