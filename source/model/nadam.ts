/**
 * Nadam with Keras 2's momentum schedule (seed-spec §10, tfjs-notes §5), which tfjs lacks:
 * μ_t = β1·(1 − ½·0.96^(t·ψ)), a running product Π of the μ's, and Adam's second moment.
 * `scheduleDecay: 1` gives the Keras 3 schedule.
 */
import * as tf from '@tensorflow/tfjs';
import { type NamedTensor, type Slot, disposeSlots, gradientPairs, restoreSlots, slot } from './slots.js';

export interface NadamConfig {
  learningRate?: number;
  beta1?: number;
  beta2?: number;
  epsilon?: number;
  scheduleDecay?: number;
}

export class Nadam extends tf.Optimizer {
  static readonly className = 'Nadam';
  readonly learningRate: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  readonly scheduleDecay: number;
  /** Π_t, the product of the momentum coefficients so far. */
  private mSchedule = 1;
  private m: Slot[] = [];
  private v: Slot[] = [];

  constructor(config: NadamConfig = {}) {
    super();
    this.learningRate = config.learningRate ?? 0.002;
    this.beta1 = config.beta1 ?? 0.9;
    this.beta2 = config.beta2 ?? 0.999;
    this.epsilon = config.epsilon ?? 1e-8;
    this.scheduleDecay = config.scheduleDecay ?? 0.004;
  }

  private mu(t: number): number {
    return this.beta1 * (1 - 0.5 * 0.96 ** (t * this.scheduleDecay));
  }

  override applyGradients(grads: tf.NamedTensorMap | NamedTensor[]): void {
    const t = this.iterations + 1;
    const muT = this.mu(t);
    const muNext = this.mu(t + 1);
    const scheduleNew = this.mSchedule * muT;
    const scheduleNext = scheduleNew * muNext;
    const { beta1, beta2 } = this;
    tf.tidy(() => {
      for (const { index, name, value, grad } of gradientPairs(grads)) {
        const m = slot(this.m, index, name, 'm', value);
        const v = slot(this.v, index, name, 'v', value);
        const mNew = m.mul(beta1).add(grad.mul(1 - beta1));
        const vNew = v.mul(beta2).add(grad.square().mul(1 - beta2));
        const gHat = grad.mul((1 - muT) / (1 - scheduleNew));
        const mBar = gHat.add(mNew.mul(muNext / (1 - scheduleNext)));
        const vHat = vNew.div(1 - beta2 ** t);
        m.assign(mNew);
        v.assign(vNew);
        value.assign(value.sub(mBar.mul(this.learningRate).div(vHat.sqrt().add(this.epsilon))));
      }
    });
    this.mSchedule = scheduleNew;
    this.incrementIterations();
  }

  override async getWeights(): Promise<NamedTensor[]> {
    return [
      await this.saveIterations(),
      { name: 'm_schedule', tensor: tf.scalar(this.mSchedule) },
      ...[...this.m, ...this.v].map((s) => ({ name: s.originalName, tensor: s.variable })),
    ];
  }

  override async setWeights(weights: NamedTensor[]): Promise<void> {
    const rest = await this.extractIterations(weights);
    this.mSchedule = (await rest[0].tensor.data())[0];
    const slots = rest.slice(1);
    const half = slots.length / 2;
    disposeSlots(this.m, this.v);
    this.m = restoreSlots(slots.slice(0, half));
    this.v = restoreSlots(slots.slice(half));
  }

  override dispose(): void {
    disposeSlots(this.m, this.v);
    this.m = [];
    this.v = [];
  }

  override getConfig(): tf.serialization.ConfigDict {
    return {
      learningRate: this.learningRate,
      beta1: this.beta1,
      beta2: this.beta2,
      epsilon: this.epsilon,
      scheduleDecay: this.scheduleDecay,
    };
  }
}

tf.serialization.registerClass(Nadam);
