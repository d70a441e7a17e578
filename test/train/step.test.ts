import test from 'ava';
import * as tf from '@tensorflow/tfjs';
import { buildModel, disposeModel } from '../../source/model/index.js';
import { correct, crossEntropy } from '../../source/train/losses.js';
import { Trainer } from '../../source/train/step.js';
import { useCpuBackend } from '../helpers/cpu-backend.js';
import { readSample } from '../helpers/cifar-sample.js';
import { tinyParams } from '../helpers/tiny.js';

test.before(useCpuBackend);

test('cross-entropy sum-normalises sigmoid outputs and clips at 1e-7, as Keras 2.0.6', (t) => {
  const probs = tf.tensor2d([
    [0.5, 0.25, 0.25],
    [0.9, 0.9, 0],
  ]);
  const labels = tf.tensor1d([0, 2], 'int32');
  const ce = crossEntropy(probs, labels, 3).arraySync() as number[];
  t.true(Math.abs(ce[0] - -Math.log(0.5)) < 1e-6);
  t.true(Math.abs(ce[1] - -Math.log(1e-7)) < 1e-4);
  t.deepEqual(correct(probs, labels).arraySync(), [1, 0]);
  tf.dispose([probs, labels]);
});

function sampleBatch(n: number) {
  const s = readSample('train.bin', n);
  const x = new Float32Array(n * 3072);
  for (let i = 0; i < x.length; i++) x[i] = s.images[i] / 255 - 0.5;
  return { x, fine: s.fine, coarse: s.coarse, size: n };
}

test('gradients accumulated over chunks give the same step as the whole batch', async (t) => {
  // No batch norm and no dropout: then a chunk's pass does not depend on the other chunks.
  const params = tinyParams({ use_BN: false, optimizer: 'Nadam' });
  const batch = sampleBatch(40);
  const weights: number[][][] = [];
  const metrics = [];
  for (const chunk of [40, 13]) {
    const model = buildModel(params, { seed: 7, flip: false });
    const trainer = new Trainer(model, model.optimizer, { fine: 100, coarse: 20, coarseWeight: params.coarse_labels_weight });
    metrics.push(await trainer.trainBatch(batch, chunk));
    metrics.push(await trainer.trainBatch(batch, chunk));
    weights.push(model.getWeights().map((w) => Array.from(w.dataSync())));
    disposeModel(model);
  }
  const diff = Math.max(...weights[0].flatMap((w, i) => w.map((v, j) => Math.abs(v - weights[1][i][j]))));
  t.true(diff < 1e-5, `max weight difference ${diff}`);
  for (const key of ['loss', 'fineLoss', 'coarseLoss', 'fineAcc', 'coarseAcc'] as const) {
    t.true(Math.abs(metrics[1][key]! - metrics[3][key]!) < 1e-4, key);
  }
  const unpenalised = metrics[0].fineLoss + params.coarse_labels_weight * metrics[0].coarseLoss!;
  t.true(metrics[0].loss - unpenalised > 1e-3, `the loss includes the L2 penalty (${metrics[0].loss} vs ${unpenalised} without it)`);
});

test('evaluation reports the weighted loss plus the L2 penalty, in inference mode', async (t) => {
  const params = tinyParams({ conv_dropout_drop_proba: 0.3, fc_dropout_drop_proba: 0.5 });
  const model = buildModel(params);
  const trainer = new Trainer(model, model.optimizer, { fine: 100, coarse: 20, coarseWeight: params.coarse_labels_weight });
  const batch = sampleBatch(30);
  const source = { size: 30, batches: (b: number) => [batch].map((x) => ({ ...x, size: Math.min(b, 30) })) };
  const a = await trainer.evaluate(source, 30);
  const b = await trainer.evaluate(source, 30);
  t.deepEqual(a, b, 'no dropout, flip or batch statistics at inference');
  const penalty = tf.tidy(() => tf.addN(model.calculateLosses()).dataSync()[0]);
  t.true(Math.abs(a.loss - (a.fineLoss + params.coarse_labels_weight * a.coarseLoss! + penalty)) < 1e-5);
  disposeModel(model);
});
