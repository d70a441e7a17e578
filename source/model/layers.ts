/**
 * The two random layers of the network, active only in training. Both draw from a seeded stream
 * that advances on every call: a tfjs op given a fixed `seed` repeats the same mask on every
 * batch (stock `tf.layers.dropout({seed})` does), which would keep dropping the same units.
 */
import * as tf from '@tensorflow/tfjs';
import { Rng } from '../search/rng.js';

type Kwargs = Record<string, unknown>;

interface RandomLayerArgs {
  name?: string;
  seed: number;
}

function single(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
  return Array.isArray(inputs) ? inputs[0] : inputs;
}

abstract class SeededLayer extends tf.layers.Layer {
  readonly seed: number;
  protected rng: Rng;

  constructor(args: RandomLayerArgs) {
    super({ name: args.name });
    this.seed = args.seed;
    this.rng = new Rng(args.seed);
  }

  /** Restart the stream, so that a run can be repeated exactly. */
  reseed(seed = this.seed): void {
    this.rng = new Rng(seed);
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), seed: this.seed };
  }
}

/** Mirrors each image of the batch left–right with probability ½ (seed-spec §2 step 2, B4). */
export class RandomFlip extends SeededLayer {
  static readonly className = 'RandomFlip';

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor {
    const x = single(inputs);
    if (kwargs.training !== true) return x.clone();
    const n = x.shape[0] ?? 0;
    const mask = new Float32Array(n);
    for (let i = 0; i < n; i++) mask[i] = this.rng.nextUint32() < 0x80000000 ? 1 : 0;
    return tf.tidy(() => {
      const m = tf.tensor4d(mask, [n, 1, 1, 1]);
      return x.add(tf.reverse(x, 2).sub(x).mul(m));
    });
  }
}

export interface DropoutArgs extends RandomLayerArgs {
  rate: number;
}

/** Inverted dropout: zeroes units with probability `rate` and scales the rest by 1/(1 − rate). */
export class SeededDropout extends SeededLayer {
  static readonly className = 'SeededDropout';
  readonly rate: number;

  constructor(args: DropoutArgs) {
    super(args);
    if (!(args.rate >= 0 && args.rate < 1)) throw new RangeError(`dropout rate must be in [0, 1), got ${args.rate}`);
    this.rate = args.rate;
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor {
    const x = single(inputs);
    if (kwargs.training !== true || this.rate === 0) return x.clone();
    const keep = 1 - this.rate;
    const threshold = keep * 2 ** 32;
    const mask = new Float32Array(x.size);
    for (let i = 0; i < mask.length; i++) mask[i] = this.rng.nextUint32() < threshold ? 1 / keep : 0;
    return tf.tidy(() => x.mul(tf.tensor(mask, x.shape)));
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), rate: this.rate };
  }
}

tf.serialization.registerClass(RandomFlip);
tf.serialization.registerClass(SeededDropout);
