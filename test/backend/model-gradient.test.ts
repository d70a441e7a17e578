import test from 'ava';
import * as tf from '@tensorflow/tfjs';
import { Rng } from '../../source/search/rng.js';
import { relativeError, seeded, startWasmAndCpu } from './compare.js';

test.before(startWasmAndCpu);

/**
 * A small network of the reference family: k3/k2/k4 convolutions with 'same' and 'valid' padding
 * and stride 2, BN, ELU/ReLU, a residual add, a reduction block concatenating max-pool 3/2 'same',
 * max-pool 2/2, avg-pool 2/2 and a stride-2 convolution, dense layers and two softmax heads.
 * Convolutions whose output only reaches a BN through the add have no bias: BN cancels a bias,
 * so its true gradient is 0 and a relative error would mean nothing.
 */
function familyModel(): tf.LayersModel {
  let seed = 1;
  const conv = (filters: number, k: number, options: Partial<Parameters<typeof tf.layers.conv2d>[0]> = {}) =>
    tf.layers.conv2d({ filters, kernelSize: k, padding: 'same', kernelInitializer: tf.initializers.glorotUniform({ seed: seed++ }), ...options });
  const bn = () => tf.layers.batchNormalization({ gammaInitializer: tf.initializers.randomUniform({ minval: 0.5, maxval: 1.5, seed: seed++ }) });
  const input = tf.input({ shape: [16, 16, 3] });
  let x = bn().apply(conv(8, 3, { activation: 'elu' }).apply(input)) as tf.SymbolicTensor;
  const linear = conv(8, 1, { useBias: false }).apply(x) as tf.SymbolicTensor;
  const branch = conv(8, 2, { activation: 'elu', useBias: false }).apply(x) as tf.SymbolicTensor;
  x = bn().apply(tf.layers.add().apply([linear, branch])) as tf.SymbolicTensor;
  const reduction = [
    conv(6, 3, { strides: 2 }).apply(x),
    tf.layers.maxPooling2d({ poolSize: 3, strides: 2, padding: 'same' }).apply(conv(6, 1, { activation: 'relu' }).apply(x)),
    tf.layers.maxPooling2d({ poolSize: 2, strides: 2 }).apply(x),
    tf.layers.averagePooling2d({ poolSize: 2, strides: 2 }).apply(x),
  ] as tf.SymbolicTensor[];
  x = tf.layers.concatenate().apply(reduction) as tf.SymbolicTensor;
  x = bn().apply(conv(10, 4, { padding: 'valid', activation: 'relu' }).apply(x)) as tf.SymbolicTensor;
  x = conv(12, 3, { strides: 2, padding: 'valid', activation: 'elu' }).apply(x) as tf.SymbolicTensor;
  x = tf.layers.flatten().apply(x) as tf.SymbolicTensor;
  x = tf.layers.dense({ units: 16, activation: 'elu', kernelInitializer: tf.initializers.glorotUniform({ seed: seed++ }) }).apply(x) as tf.SymbolicTensor;
  const head = (units: number) =>
    tf.layers.dense({ units, kernelInitializer: tf.initializers.glorotUniform({ seed: seed++ }) }).apply(x) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: [head(10), head(4)] });
}

function lossAndGradients(model: tf.LayersModel, x: tf.Tensor, fine: tf.Tensor, coarse: tf.Tensor) {
  return tf.variableGrads(() => {
    const [fineLogits, coarseLogits] = model.apply(x, { training: true }) as tf.Tensor[];
    return tf.losses.softmaxCrossEntropy(fine, fineLogits).add(tf.losses.softmaxCrossEntropy(coarse, coarseLogits).mul(0.3)) as tf.Scalar;
  });
}

test.serial('whole-model gradients on wasm match cpu within 1e-4', async (t) => {
  await tf.setBackend('wasm');
  const model = familyModel();
  const batch = 8;
  const rng = new Rng(42);
  const oneHot = (classes: number) => tf.oneHot(tf.tensor1d(Array.from({ length: batch }, () => rng.integer(0, classes)), 'int32'), classes);
  const x = tf.tensor(seeded([batch, 16, 16, 3], 7).values, [batch, 16, 16, 3]);
  const fine = oneHot(10);
  const coarse = oneHot(4);

  const onWasm = lossAndGradients(model, x, fine, coarse);
  await tf.setBackend('cpu'); // the weights and inputs move to cpu unchanged
  const onCpu = lossAndGradients(model, x, fine, coarse);

  t.true(Math.abs(onWasm.value.dataSync()[0] - onCpu.value.dataSync()[0]) <= 1e-5 * Math.abs(onCpu.value.dataSync()[0]));
  const names = Object.keys(onCpu.grads);
  t.true(names.length >= 20, `${names.length} weight gradients`);
  const errors = names.map((name) => ({ name, error: relativeError(onWasm.grads[name], onCpu.grads[name]) }));
  const worst = errors.reduce((a, b) => (b.error > a.error ? b : a));
  t.true(worst.error <= 1e-4, `worst: ${worst.name} ${worst.error}`);
  t.log(`worst relative error ${worst.error.toExponential(2)} (${worst.name}) over ${names.length} weights`);
  await tf.setBackend('wasm');
});
