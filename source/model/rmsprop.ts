/**
 * RMSprop as Keras 2.0.6 computes it: a ← ρ·a + (1−ρ)·g², θ ← θ − lr·g/(√a + ε), ε = 1e-8.
 * tfjs's RMSProp puts ε inside the square root, which changes small-gradient steps.
 */
import * as tf from '@tensorflow/tfjs';
import { type NamedTensor, type Slot, disposeSlots, gradientPairs, restoreSlots, slot } from './slots.js';

export interface RmspropConfig {
  learningRate?: number;
  rho?: number;
  epsilon?: number;
}

export class KerasRmsprop extends tf.Optimizer {
  static readonly className = 'KerasRMSprop';
  readonly learningRate: number;
  readonly rho: number;
  readonly epsilon: number;
  private a: Slot[] = [];

  constructor(config: RmspropConfig = {}) {
    super();
    this.learningRate = config.learningRate ?? 0.001;
    this.rho = config.rho ?? 0.9;
    this.epsilon = config.epsilon ?? 1e-8;
  }

  override applyGradients(grads: tf.NamedTensorMap | NamedTensor[]): void {
    tf.tidy(() => {
      for (const { index, name, value, grad } of gradientPairs(grads)) {
        const a = slot(this.a, index, name, 'a', value);
        const aNew = a.mul(this.rho).add(grad.square().mul(1 - this.rho));
        a.assign(aNew);
        value.assign(value.sub(grad.mul(this.learningRate).div(aNew.sqrt().add(this.epsilon))));
      }
    });
    this.incrementIterations();
  }

  override async getWeights(): Promise<NamedTensor[]> {
    return [await this.saveIterations(), ...this.a.map((s) => ({ name: s.originalName, tensor: s.variable }))];
  }

  override async setWeights(weights: NamedTensor[]): Promise<void> {
    const rest = await this.extractIterations(weights);
    disposeSlots(this.a);
    this.a = restoreSlots(rest);
  }

  override dispose(): void {
    disposeSlots(this.a);
    this.a = [];
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { learningRate: this.learningRate, rho: this.rho, epsilon: this.epsilon };
  }
}

tf.serialization.registerClass(KerasRmsprop);
