import { util, type BatchMatMulAttrs, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { release, reshape, transpose } from './wasm-kernel-calls.js';

/**
 * The stock kernel uses XNNPACK only for a single matrix product without transpose flags, and
 * dense-layer gradients always set one. Transposing explicitly and calling it without flags
 * takes the fast path. XNNPACK also repacks its right operand on every call, so when that one is
 * big (dy·Wᵀ with a large weight matrix W) the product is computed as (W·dyᵀ)ᵀ instead.
 * Batched products go to the stock kernel unchanged.
 */
function makeBatchMatMul(stock: KernelConfig): KernelFunc {
  return (args) => {
    const wasm = args.backend as BackendWasm;
    const { a, b } = args.inputs as { a: TensorInfo; b: TensorInfo };
    const { transposeA, transposeB } = args.attrs as unknown as BatchMatMulAttrs;
    const single = batchOf(a) === 1 && batchOf(b) === 1;
    if (!(transposeA || transposeB) || !single || a.dtype !== 'float32' || b.dtype !== 'float32') {
      return stock.kernelFunc(args);
    }
    const owned: TensorInfo[] = [];
    const plain = (m: TensorInfo, flag: boolean): TensorInfo => {
      if (!flag) return m;
      const t = transposeLastTwo(wasm, m);
      owned.push(t);
      return t;
    };
    const product = (left: TensorInfo, right: TensorInfo) =>
      stock.kernelFunc({ ...args, inputs: { a: left, b: right }, attrs: { transposeA: false, transposeB: false } }) as TensorInfo;

    // Elements transposed or packed by each way round.
    const sizeA = util.sizeFromShape(a.shape);
    const sizeB = util.sizeFromShape(b.shape);
    const rows = transposeA ? a.shape.at(-1)! : a.shape.at(-2)!;
    const cols = transposeB ? b.shape.at(-2)! : b.shape.at(-1)!;
    const direct = (transposeA ? sizeA : 0) + (transposeB ? sizeB : 0) + sizeB;
    const swapped = (transposeB ? 0 : sizeB) + (transposeA ? 0 : sizeA) + sizeA + rows * cols;
    let out: TensorInfo;
    if (swapped < direct) {
      const outT = product(plain(b, !transposeB), plain(a, !transposeA));
      out = transposeLastTwo(wasm, outT);
      owned.push(outT);
    } else {
      out = product(plain(a, transposeA), plain(b, transposeB));
    }
    release(wasm, owned);
    return out;
  };
}

function batchOf(m: TensorInfo): number {
  return util.sizeFromShape(m.shape.slice(0, -2));
}

/** [...1s, r, c] → [...1s, c, r] for a tensor holding a single matrix. */
function transposeLastTwo(wasm: BackendWasm, m: TensorInfo): TensorInfo {
  const rank = m.shape.length;
  const rows = m.shape[rank - 2];
  const cols = m.shape[rank - 1];
  const flat = reshape(wasm, m, [rows, cols]);
  const t = transpose(wasm, flat, [1, 0]);
  const shaped = reshape(wasm, t, [...m.shape.slice(0, -2), cols, rows]);
  release(wasm, [flat, t]);
  return shaped;
}

export function batchMatMulConfig(stock: KernelConfig): KernelConfig {
  return { ...stock, kernelFunc: makeBatchMatMul(stock) };
}
