import test from 'ava';
import * as tf from '@tensorflow/tfjs';
import { buildNetwork } from '../../source/model/index.js';
import { CIFAR_BEST_PARAMS, CIFAR_DEMO_PARAMS, type CifarParams } from '../../source/search/cifar-space.js';
import { useCpuBackend } from '../helpers/cpu-backend.js';

test.before(useCpuBackend);

function withModel<T>(params: CifarParams, f: (m: tf.LayersModel) => T, options = {}): T {
  const model = buildNetwork(params, options);
  try {
    return f(model);
  } finally {
    model.dispose();
  }
}

const size = (shape: Array<number | null>) => shape.reduce<number>((a, d) => a * (d ?? 1), 1);
const nonTrainable = (m: tf.LayersModel) => m.nonTrainableWeights.reduce((s, w) => s + size(w.shape), 0);
const shapeOf = (m: tf.LayersModel, name: string) => (m.getLayer(name).outputShape as number[]).slice(1);
const paramsOf = (m: tf.LayersModel, name: string) => m.getLayer(name).countParams();
const names = (m: tf.LayersModel) => new Set(m.layers.map((l) => l.name));

test('the best point has 7,061,116 parameters, 4,410 of them BN moving statistics', (t) => {
  withModel(CIFAR_BEST_PARAMS, (m) => {
    t.is(m.countParams(), 7_061_116);
    t.is(nonTrainable(m), 4_410);
  });
});

test('the best point matches model_best.png layer by layer (seed-spec §2.3)', (t) => {
  withModel(CIFAR_BEST_PARAMS, (m) => {
    const expected: Array<[string, number[], number?]> = [
      ['lambda_1', [32, 32, 3], 0],
      ['conv2d_1', [32, 32, 16], 448],
      ['conv2d_2', [32, 32, 63], 9_135],
      ['batch_normalization_1', [32, 32, 63], 252],
      ['conv2d_3', [32, 32, 63], 4_032],
      ['conv2d_4', [32, 32, 63], 15_939],
      ['add_3', [32, 32, 63], 0],
      ['batch_normalization_5', [32, 32, 63], 252],
      ['average_pooling2d_1', [16, 16, 63]],
      ['dropout_4', [16, 16, 63]],
      ['conv2d_9', [16, 16, 126], 71_568],
      ['conv2d_10', [16, 16, 126], 16_002],
      ['conv2d_11', [16, 16, 126], 63_630],
      ['batch_normalization_10', [16, 16, 126], 504],
      ['average_pooling2d_2', [8, 8, 126]],
      ['dropout_8', [8, 8, 126]],
      ['conv2d_16', [8, 8, 252], 286_020],
      ['conv2d_22', [8, 8, 252], 254_268],
      ['add_9', [8, 8, 252]],
      ['batch_normalization_15', [8, 8, 252], 1_008],
      ['average_pooling2d_3', [4, 4, 252]],
      ['dropout_12', [4, 4, 252]],
      ['flatten_1', [4032]],
      ['dense_1', [1308], 5_275_164],
      ['dropout_13', [1308]],
      ['fine_outputs', [100], 130_900],
      ['coarse_outputs', [20], 26_180],
    ];
    for (const [name, shape, params] of expected) {
      t.deepEqual(shapeOf(m, name), shape, name);
      if (params !== undefined) t.is(paramsOf(m, name), params, name);
    }
    const all = names(m);
    t.false(all.has('conv2d_23'));
    t.false(all.has('add_10'));
    t.false(all.has('dense_2'));
    t.deepEqual(m.outputNames, ['fine_outputs', 'coarse_outputs']);
  });
});

test('the demo point has 5,742,401 parameters and inception outputs of 51, 99 and 195 channels', (t) => {
  withModel(CIFAR_DEMO_PARAMS, (m) => {
    t.is(m.countParams(), 5_742_401);
    t.deepEqual(shapeOf(m, 'conv2d_1'), [32, 32, 16]);
    t.deepEqual(shapeOf(m, 'concatenate_1'), [16, 16, 51]);
    t.deepEqual(shapeOf(m, 'concatenate_2'), [8, 8, 99]);
    t.deepEqual(shapeOf(m, 'concatenate_3'), [4, 4, 195]);
    t.deepEqual(shapeOf(m, 'flatten_1'), [3120]);
    t.deepEqual(shapeOf(m, 'dense_1'), [1000]);
    t.deepEqual(shapeOf(m, 'dense_2'), [750]);
    t.deepEqual(shapeOf(m, 'max_pooling2d_1'), [16, 16, 17]);
    const all = names(m);
    t.false(all.has('conv2d_11'), 'the dead inception conv uses up conv2d_11');
    t.true(all.has('conv2d_12'));
    t.true(all.has('add_12'));
  });
});

test('all-conv and max pooling, two blocks, no first conv', (t) => {
  const base = { ...CIFAR_BEST_PARAMS, nb_conv_pool_layers: 2 as const, first_conv: null, conv_hiddn_units_mult: 1 };
  withModel({ ...base, pooling_type: 'all_conv' }, (m) => {
    t.deepEqual(shapeOf(m, 'conv2d_1'), [32, 32, 40]);
    t.deepEqual(shapeOf(m, 'flatten_1'), [8 * 8 * 80]);
    t.is(paramsOf(m, 'conv2d_8'), 3 * 3 * 40 * 40 + 40, 'the stride-2 linear conv');
    t.deepEqual(shapeOf(m, 'conv2d_8'), [16, 16, 40]);
  });
  withModel({ ...base, pooling_type: 'max', use_BN: false, residual: 2, conv_kernel_size: 4 }, (m) => {
    t.deepEqual(shapeOf(m, 'max_pooling2d_2'), [8, 8, 80]);
    t.is(paramsOf(m, 'conv2d_1'), 4 * 4 * 3 * 40 + 40);
    // Without use_BN a residual stack still ends in two BNs.
    t.deepEqual(shapeOf(m, 'batch_normalization_2'), [32, 32, 40]);
    t.true(names(m).has('batch_normalization_4'));
    t.false(names(m).has('batch_normalization_5'));
  });
});

test('residual units start at conv_pool_res_start_idx; index 2 with two blocks means none (B17)', (t) => {
  const base = { ...CIFAR_BEST_PARAMS, nb_conv_pool_layers: 2 as const, residual: 1, conv_hiddn_units_mult: 0.2 };
  withModel({ ...base, conv_pool_res_start_idx: 1 }, (m) => {
    t.true(names(m).has('add_1'));
    t.false(names(m).has('add_2'));
    t.deepEqual(shapeOf(m, 'add_1'), [16, 16, 16]);
  });
  withModel({ ...base, conv_pool_res_start_idx: 2 }, (m) => t.false(names(m).has('add_1')));
});

test('CIFAR-10 builds a single 10-class head', (t) => {
  withModel(CIFAR_BEST_PARAMS, (m) => {
    t.deepEqual(m.outputNames, ['fine_outputs']);
    t.deepEqual(shapeOf(m, 'fine_outputs'), [10]);
  }, { dataset: 'cifar10' });
});

test('names restart with every model; the flip layer can be left out', (t) => {
  const first = withModel(CIFAR_DEMO_PARAMS, (m) => m.layers.map((l) => l.name));
  const second = withModel(CIFAR_DEMO_PARAMS, (m) => m.layers.map((l) => l.name));
  t.deepEqual(first, second);
  withModel(CIFAR_DEMO_PARAMS, (m) => t.false(names(m).has('lambda_1')), { flip: false });
});

test('glorot-uniform kernels, zero biases, L2 of λ·ΣW² on every kernel only, seeded', (t) => {
  const params = { ...CIFAR_BEST_PARAMS, conv_hiddn_units_mult: 0.2, fc_units_1_mult: 0.1 };
  withModel(params, (m) => {
    const conv = m.getLayer('conv2d_2');
    const [kernel, bias] = conv.getWeights();
    const limit = Math.sqrt(6 / (3 * 3 * 16 + 3 * 3 * 8));
    const k = kernel.dataSync();
    t.true(k.every((v) => Math.abs(v) <= limit));
    t.true(Math.max(...k.map(Math.abs)) > 0.9 * limit, 'uniform, not normal');
    t.true(bias.dataSync().every((v) => v === 0));

    const lambda = 0.0007 * params.l2_weight_reg_mult;
    const kernels = m.trainableWeights.filter((w) => w.originalName.endsWith('/kernel'));
    t.is(kernels.length, 22 + 3, '22 convs, dense_1 and the two heads');
    const expected = kernels.reduce((s, w) => s + lambda * tf.tidy(() => w.read().square().sum().dataSync()[0]), 0);
    const actual = tf.tidy(() => tf.addN(m.calculateLosses()).dataSync()[0]);
    t.true(Math.abs(actual - expected) / expected < 1e-5);
    t.is(m.calculateLosses().length, kernels.length);

    const again = withModel(params, (m2) => m2.getLayer('conv2d_2').getWeights()[0].dataSync());
    t.deepEqual(Array.from(again), Array.from(k));
    const other = withModel(params, (m2) => m2.getLayer('conv2d_2').getWeights()[0].dataSync(), { seed: 1 });
    t.notDeepEqual(Array.from(other), Array.from(k));
  });
});
