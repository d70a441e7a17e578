/**
 * The reference network's building blocks (seed-spec §2): every layer gets its Keras name from
 * the model's own counters, glorot-uniform kernels with their own seed, and L2 on every kernel.
 */
import * as tf from '@tensorflow/tfjs';
import type { CifarParams } from '../search/cifar-space.js';
import { Rng } from '../search/rng.js';
import { RandomFlip, SeededDropout } from './layers.js';
import { LayerNamer } from './names.js';

type Sym = tf.SymbolicTensor;
type Act = 'elu' | 'relu' | 'linear' | 'sigmoid';

/** Reference constants: L2 0.0007 × mult. */
export const BASE_L2 = 0.0007;

export class Builder {
  readonly names = new LayerNamer();
  private readonly seeds: Rng;
  private readonly l2: number;
  readonly act: Act;
  readonly useBN: boolean;
  readonly convDrop: number;

  constructor(params: CifarParams, seed: number) {
    this.seeds = new Rng(seed);
    this.l2 = BASE_L2 * params.l2_weight_reg_mult;
    this.act = params.activation;
    this.useBN = params.use_BN;
    this.convDrop = params.conv_dropout_drop_proba;
  }

  private seed(): number {
    return this.seeds.nextUint32();
  }

  private kernelArgs() {
    return {
      kernelInitializer: tf.initializers.glorotUniform({ seed: this.seed() }),
      kernelRegularizer: tf.regularizers.l2({ l2: this.l2 }),
    };
  }

  conv(x: Sym, filters: number, kernel: number, opts: { strides?: number; activation?: Act } = {}): Sym {
    return tf.layers
      .conv2d({
        name: this.names.next('conv2d'),
        filters,
        kernelSize: kernel,
        strides: opts.strides ?? 1,
        padding: 'same',
        activation: opts.activation ?? this.act,
        useBias: true,
        ...this.kernelArgs(),
      })
      .apply(x) as Sym;
  }

  dense(x: Sym, units: number, activation: Act = this.act, name = this.names.next('dense')): Sym {
    return tf.layers.dense({ name, units, activation, ...this.kernelArgs() }).apply(x) as Sym;
  }

  bn(x: Sym): Sym {
    return tf.layers
      .batchNormalization({ name: this.names.next('batch_normalization'), axis: -1, momentum: 0.99, epsilon: 1e-3 })
      .apply(x) as Sym;
  }

  /** BN only when the hyperparameters ask for the optional ones (`use_BN`). */
  maybeBn(x: Sym): Sym {
    return this.useBN ? this.bn(x) : x;
  }

  dropout(x: Sym, rate: number): Sym {
    return new SeededDropout({ name: this.names.next('dropout'), rate, seed: this.seed() }).apply(x) as Sym;
  }

  flip(x: Sym): Sym {
    return new RandomFlip({ name: this.names.next('lambda'), seed: this.seed() }).apply(x) as Sym;
  }

  add(a: Sym, b: Sym): Sym {
    return tf.layers.add({ name: this.names.next('add') }).apply([a, b]) as Sym;
  }

  pool(x: Sym, kind: 'max' | 'avg', size = 2, strides = 2, padding: 'valid' | 'same' = 'valid'): Sym {
    const args = { poolSize: size, strides, padding };
    return kind === 'max'
      ? (tf.layers.maxPooling2d({ name: this.names.next('max_pooling2d'), ...args }).apply(x) as Sym)
      : (tf.layers.averagePooling2d({ name: this.names.next('average_pooling2d'), ...args }).apply(x) as Sym);
  }

  /** seed-spec §2.1: R units of [1×1 linear] + [dropout → k×k conv], added, then the closing BNs. */
  residualStack(x: Sym, n: number, units: number, kernel: number): Sym {
    for (let r = 0; r < units; r++) {
      const lin = this.conv(x, n, 1, { activation: 'linear' });
      const branch = this.conv(this.dropout(x, this.convDrop), n, kernel);
      x = this.maybeBn(this.add(lin, branch));
    }
    if (!this.useBN) x = this.bn(x);
    return this.bn(x);
  }

  /** seed-spec §2.2: halves the spatial size; `n` is the block's filter count. */
  reduce(x: Sym, kind: CifarParams['pooling_type'], n: number): Sym {
    if (kind === 'max' || kind === 'avg') return this.pool(x, kind);
    if (kind === 'all_conv') return this.maybeBn(this.conv(x, n, 3, { strides: 2, activation: 'linear' }));
    const na = Math.trunc(0.33 * n + 1);
    const nb = Math.trunc(0.4 * n + 1);
    this.names.skip('conv2d');
    const b1 = this.maybeBn(this.conv(x, nb, 3, { strides: 2, activation: 'linear' }));
    const b2a = this.conv(this.conv(x, na, 1), nb, 3);
    const b2 = this.maybeBn(this.conv(b2a, nb, 3, { strides: 2, activation: 'linear' }));
    const b3 = this.pool(this.conv(x, nb, 1), 'max', 3, 2, 'same');
    return tf.layers.concatenate({ name: this.names.next('concatenate'), axis: -1 }).apply([b1, b2, b3]) as Sym;
  }
}
