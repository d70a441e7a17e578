/** Tests train on the cpu backend: stock wasm lacks Conv2DBackpropFilter. */
import * as tf from '@tensorflow/tfjs';

export async function useCpuBackend(): Promise<void> {
  tf.env().set('IS_TEST', true);
  if (tf.getBackend() !== 'cpu') await tf.setBackend('cpu');
  await tf.ready();
}
