import { readFileSync, readdirSync } from 'node:fs';
import test from 'ava';
import {
  CIFAR_BEST_PARAMS,
  CIFAR_DEMO_PARAMS,
  type CifarParams,
  Rng,
  cifarPoint,
  cifarSpace,
  cifarValsFromParams,
  collectNodes,
  samplePoint,
} from '../../source/search/index.js';

const SEED_RESULTS = new URL('../../../shared/seed-results/', import.meta.url);

test('the CIFAR space has the reference labels and supports', (t) => {
  const labels = collectNodes(cifarSpace).map((n) => n.label);
  t.is(labels.length, 22);
  for (const l of ['conv_dropout_proba', 'fc_dropout_proba', 'first_conv_size', 'residual_units', 'fc_units_2_mult', 'conv_hiddn_units_mult']) t.true(labels.includes(l), l);
  const rng = new Rng(5);
  for (let i = 0; i < 2000; i++) {
    const { params, vals } = samplePoint<CifarParams>(cifarSpace, rng);
    t.true(params.batch_size >= 100 && params.batch_size <= 450 && params.batch_size % 5 === 0);
    t.true(params.residual === null || [1, 2, 3, 4].includes(params.residual));
    t.true([0, 1, 2].includes(params.conv_pool_res_start_idx));
    t.true([2, 3, 4].includes(params.conv_kernel_size) && [2, 3, 4].includes(params.res_conv_kernel_size));
    t.true(params.first_conv === null || params.first_conv === 3 || params.first_conv === 4);
    t.true(params.lr_rate_mult >= Math.exp(-0.5) && params.lr_rate_mult <= Math.exp(0.5));
    t.deepEqual(cifarValsFromParams(params), vals, 'decoded parameters map back to the same record');
  }
});

test('demo and best points are valid points of the space', (t) => {
  const best = cifarPoint(CIFAR_BEST_PARAMS);
  t.deepEqual(best.params, { ...CIFAR_BEST_PARAMS });
  t.deepEqual(best.vals.residual_units, [3]);
  t.deepEqual(best.vals.first_conv_size, [0]);
  t.deepEqual(best.vals.fc_units_2_mult, []);
  const demo = cifarPoint(CIFAR_DEMO_PARAMS);
  t.deepEqual(demo.vals.pooling_type, [3]);
  t.deepEqual(demo.vals.first_conv_size, [1]);
  t.deepEqual(demo.vals.fc_units_2_mult, [1]);
});

test('all 42 reference result spaces map to valid records', (t) => {
  const files = readdirSync(SEED_RESULTS).filter((f) => f.endsWith('.txt.json'));
  t.is(files.length, 42);
  for (const file of files) {
    const text = readFileSync(new URL(file, SEED_RESULTS), 'utf8').replace(/\bNaN\b/g, 'null');
    const { space } = JSON.parse(text) as { space: CifarParams };
    const point = cifarPoint(space);
    t.is(point.params.batch_size, space.batch_size, file);
  }
  t.throws(() => cifarValsFromParams({ ...CIFAR_BEST_PARAMS, batch_size: 333 }), { message: /'batch_size'.*multiple of q = 5/ });
  t.throws(() => cifarValsFromParams({ ...CIFAR_BEST_PARAMS, optimizer: 'SGD' as never }), { message: /optimizer/ });
});
