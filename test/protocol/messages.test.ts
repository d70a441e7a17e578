import test from 'ava';
import { fromWorkerSchema, parseMessage, toWorkerSchema } from '../../source/protocol/index.js';

const settings = { dataset: 'cifar100', dataDir: '/data', epochs: 2, trainLimit: 300, validation: 'holdout', holdout: 100, widthScale: 0.1, splitSeed: 0 };

test('every command and job the supervisor sends validates', (t) => {
  for (const m of [
    { type: 'job', job: { kind: 'train', trialId: 'a1b2c', number: 0, params: { batch_size: 100 }, seed: 3, settings } },
    { type: 'pause' },
    { type: 'resume' },
    { type: 'cancel', trialId: 'a1b2c' },
    { type: 'cancel' },
    { type: 'shutdown' },
  ]) {
    const r = parseMessage(toWorkerSchema, m);
    t.true(r.ok, JSON.stringify(r));
  }
});

test('worker events validate, including a result with nulls for diverged metrics', (t) => {
  const result = {
    loss: null, real_loss: null, fine_best_loss: null, fine_best_accuracy: null, fine_end_loss: null, fine_end_accuracy: null,
    coarse_best_loss: null, coarse_best_accuracy: null, coarse_end_loss: null, coarse_end_accuracy: null,
    model_name: 'model_0_a1b2c', space: {}, history: { loss: [1.5, null] }, status: 'fail', err: 'diverged: loss became NaN', outcome: 'diverged', extra_field: 1,
  };
  for (const m of [
    { type: 'ready', backend: 'wasm', device: 'CPU', warnings: [], pid: 12 },
    { type: 'batch', trialId: 'x', epoch: 0, batch: 3, batches: 10, logs: { loss: 4.6, fine_outputs_acc: null }, imagesPerSecond: 250 },
    { type: 'epoch', trialId: 'x', epoch: 0, logs: { val_loss: 4.5 }, seconds: 1.5 },
    { type: 'trial-end', trialId: 'x', result },
    { type: 'paused', trialId: null },
    { type: 'log', level: 'warn', message: 'hi' },
  ]) {
    const r = parseMessage(fromWorkerSchema, m);
    t.true(r.ok, JSON.stringify(r));
  }
  const parsed = parseMessage(fromWorkerSchema, { type: 'trial-end', trialId: 'x', result });
  t.true(parsed.ok && (parsed.message as { result: Record<string, unknown> }).result.extra_field === 1, 'unknown result fields pass through');
});

test('malformed messages are rejected with the path of the problem', (t) => {
  const cases: [unknown, RegExp][] = [
    [{ type: 'job', job: { kind: 'train', trialId: 'x', number: -1, params: {}, seed: 0, settings } }, /at job\.number/],
    [{ type: 'job', job: { kind: 'dance' } }, /at job\.kind/],
    [{ type: 'explode' }, /at type/],
    ['just a string', /malformed message/],
    [null, /malformed message/],
    [{ type: 'job', job: { kind: 'train', trialId: 'x', number: 0, params: {}, seed: 0, settings: { ...settings, widthScale: 2 } } }, /widthScale/],
  ];
  for (const [raw, pattern] of cases) {
    const r = parseMessage(toWorkerSchema, raw);
    t.false(r.ok);
    if (!r.ok) t.regex(r.error, pattern);
  }
  const bad = parseMessage(fromWorkerSchema, { type: 'epoch', trialId: 'x', epoch: 'one', logs: {}, seconds: 1 });
  t.false(bad.ok);
});
