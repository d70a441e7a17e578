export { buildNetwork, headSizes, FINE_OUTPUTS, COARSE_OUTPUTS } from './network.js';
export type { DatasetName, NetworkOptions } from './network.js';
export { buildModel, disposeModel, makeOptimizer, learningRate, OPTIMIZER_EPSILON } from './model.js';
export { Nadam } from './nadam.js';
export type { NadamConfig } from './nadam.js';
export { KerasRmsprop } from './rmsprop.js';
export type { RmspropConfig } from './rmsprop.js';
export { RandomFlip, SeededDropout } from './layers.js';
export { LayerNamer } from './names.js';
