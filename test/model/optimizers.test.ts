import test from 'ava';
import * as tf from '@tensorflow/tfjs';
import { KerasRmsprop, Nadam, buildModel, disposeModel, makeOptimizer } from '../../source/model/index.js';
import { CIFAR_BEST_PARAMS } from '../../source/search/cifar-space.js';
import { Trainer } from '../../source/train/step.js';
import { useCpuBackend } from '../helpers/cpu-backend.js';
import { tinyParams } from '../helpers/tiny.js';

test.before(useCpuBackend);

const A = [0.5, 1, 2, 3, 0.1, 10];
const C = [1, -2, 0.5, 3, -1, 0.25];

/** Gradient of Σ a·(θ − c)² in float64. */
const grad64 = (theta: number[]) => theta.map((v, i) => 2 * A[i] * (v - C[i]));

/** Runs `optimizer` on the quadratic for `steps` steps; returns θ. */
function runTf(optimizer: tf.Optimizer, steps: number): number[] {
  const theta = tf.variable(tf.zeros([A.length]));
  const a = tf.tensor1d(A);
  const c = tf.tensor1d(C);
  for (let s = 0; s < steps; s++) optimizer.minimize(() => a.mul(theta.sub(c).square()).sum() as tf.Scalar, false, [theta]);
  const out = Array.from(theta.dataSync());
  tf.dispose([theta, a, c]);
  optimizer.dispose();
  return out;
}

function nadam64(lr: number, steps: number, decay = 0.004): number[] {
  const [b1, b2, eps] = [0.9, 0.999, 1e-8];
  const theta = A.map(() => 0);
  const m = A.map(() => 0);
  const v = A.map(() => 0);
  let schedule = 1;
  for (let t = 1; t <= steps; t++) {
    const g = grad64(theta);
    const mu = b1 * (1 - 0.5 * 0.96 ** (t * decay));
    const muNext = b1 * (1 - 0.5 * 0.96 ** ((t + 1) * decay));
    const scheduleNew = schedule * mu;
    const scheduleNext = scheduleNew * muNext;
    schedule = scheduleNew;
    for (let i = 0; i < theta.length; i++) {
      const gPrime = g[i] / (1 - scheduleNew);
      m[i] = b1 * m[i] + (1 - b1) * g[i];
      const mPrime = m[i] / (1 - scheduleNext);
      v[i] = b2 * v[i] + (1 - b2) * g[i] ** 2;
      const vPrime = v[i] / (1 - b2 ** t);
      const mBar = (1 - mu) * gPrime + muNext * mPrime;
      theta[i] -= (lr * mBar) / (Math.sqrt(vPrime) + eps);
    }
  }
  return theta;
}

function rmsprop64(lr: number, steps: number): number[] {
  const theta = A.map(() => 0);
  const acc = A.map(() => 0);
  for (let t = 1; t <= steps; t++) {
    const g = grad64(theta);
    for (let i = 0; i < theta.length; i++) {
      acc[i] = 0.9 * acc[i] + 0.1 * g[i] ** 2;
      theta[i] -= (lr * g[i]) / (Math.sqrt(acc[i]) + 1e-8);
    }
  }
  return theta;
}

function close(t: import('ava').ExecutionContext, actual: number[], expected: number[], tol: number): void {
  const err = Math.max(...actual.map((v, i) => Math.abs(v - expected[i]) / Math.max(1e-3, Math.abs(expected[i]))));
  t.true(err < tol, `relative error ${err}`);
}

test('Nadam follows the Keras 2 update (float64 reference, 200 steps)', (t) => {
  close(t, runTf(new Nadam({ learningRate: 0.01 }), 200), nadam64(0.01, 200), 2e-5);
});

test('Nadam with scheduleDecay 1 follows the Keras 3 schedule', (t) => {
  close(t, runTf(new Nadam({ learningRate: 0.01, scheduleDecay: 1 }), 100), nadam64(0.01, 100, 1), 2e-5);
});

test('RMSprop keeps ε outside the square root as Keras does (float64 reference)', (t) => {
  close(t, runTf(new KerasRmsprop({ learningRate: 0.01 }), 200), rmsprop64(0.01, 200), 2e-5);
});

test('the reference optimisers with lr 0.001 × lr_rate_mult and ε 1e-8', (t) => {
  const params = { ...CIFAR_BEST_PARAMS, lr_rate_mult: 0.5 };
  const cases = [
    ['Adam', 'Adam'],
    ['Nadam', 'Nadam'],
    ['RMSprop', 'KerasRMSprop'],
  ] as const;
  for (const [name, className] of cases) {
    const opt = makeOptimizer({ ...params, optimizer: name });
    const config = opt.getConfig();
    t.is(opt.getClassName(), className);
    t.is(config.learningRate, 0.0005);
    t.is(config.epsilon, 1e-8);
    opt.dispose();
  }
});

test('a model saves and restores with its Nadam state; the next step is the same', async (t) => {
  const params = tinyParams({ optimizer: 'Nadam', use_BN: false });
  const model = buildModel(params, { flip: false });
  const heads = { fine: 100, coarse: 20, coarseWeight: params.coarse_labels_weight };
  const n = 8;
  const batch = {
    x: Float32Array.from({ length: n * 3072 }, (_, i) => Math.sin(i) / 2),
    fine: Uint8Array.from({ length: n }, (_, i) => i * 7),
    coarse: Uint8Array.from({ length: n }, (_, i) => i),
    size: n,
  };
  const trainer = new Trainer(model, model.optimizer, heads);
  for (let s = 0; s < 3; s++) await trainer.trainBatch(batch, n);

  let saved: tf.io.ModelArtifacts | null = null;
  await model.save(tf.io.withSaveHandler(async (artifacts) => {
    saved = artifacts;
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
  }), { includeOptimizer: true });
  const restored = await tf.loadLayersModel(tf.io.fromMemory(saved!));
  t.true(restored.optimizer instanceof Nadam);
  t.is(restored.optimizer.iterations, 3);
  const [before, after] = [await model.optimizer.getWeights(), await restored.optimizer.getWeights()];
  t.is(after.length, before.length);
  t.is(after[1].name, 'm_schedule');
  t.true(Math.abs(after[1].tensor.dataSync()[0] - before[1].tensor.dataSync()[0]) < 1e-7);

  await trainer.trainBatch(batch, n);
  await new Trainer(restored, restored.optimizer, heads).trainBatch(batch, n);
  const w1 = model.getWeights().map((w) => Array.from(w.dataSync()));
  const w2 = restored.getWeights().map((w) => Array.from(w.dataSync()));
  const diff = Math.max(...w1.flatMap((w, i) => w.map((v, j) => Math.abs(v - w2[i][j]))));
  t.true(diff < 1e-6, `max weight difference ${diff}`);
  tf.dispose([...before, ...after].map((w) => w.tensor));
  disposeModel(model);
  disposeModel(restored);
});
