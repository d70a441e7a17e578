/** Why a tfjs-node(-gpu) package did not give us its backend, and how to fix it (tfjs-notes §2). Pure text. */

export type NativePackage = '@tensorflow/tfjs-node-gpu' | '@tensorflow/tfjs-node';

/** The CUDA 11 / cuDNN 8 sonames TensorFlow 2.9.1 (libtensorflow of tfjs-node-gpu 4.22.0) opens. */
export const CUDA11_LIBRARIES = [
  'libcudart.so.11.0',
  'libcublas.so.11',
  'libcublasLt.so.11',
  'libcufft.so.10',
  'libcurand.so.10',
  'libcusolver.so.11',
  'libcusparse.so.11',
  'libcudnn.so.8',
] as const;

export function cuda11Recipe(): string {
  return [
    'tfjs-node-gpu 4.22.0 runs TensorFlow 2.9.1, which needs the CUDA 11 runtime and cuDNN 8 (CUDA 12 does not provide',
    'these sonames; do not symlink CUDA 12 libraries). Install them next to the system CUDA (a newer driver runs them),',
    'e.g. CUDA 11.8 + cuDNN 8.9 (which knows Hopper), or use an nvidia/cuda:11.8.0-cudnn8-runtime image. Then:',
    '  export LD_LIBRARY_PATH=/usr/local/cuda-11.8/lib64:/path/to/cudnn-8.9/lib:$LD_LIBRARY_PATH',
    '  export CUDA_CACHE_MAXSIZE=4294967296   # H100/H200/Ada: TF 2.9 JIT-compiles its kernels once (can take 30+ min)',
  ].join('\n');
}

export function allowScriptsFix(pkg: NativePackage): string {
  return [
    `add "allowScripts": {"${pkg}": true} to the project's package.json, then run: npm rebuild ${pkg}`,
    `(with npx: npx --allow-scripts=${pkg} cifar-tui; for a global install: npm config set allow-scripts=${pkg} --location=user)`,
  ].join('\n');
}

/** The package was not found at all. Quiet unless an NVIDIA GPU is present and the GPU package is the one missing. */
export function explainNotInstalled(pkg: NativePackage, version: string, gpus: readonly string[] | null): { text: string; quiet: boolean } {
  if (pkg === '@tensorflow/tfjs-node-gpu' && gpus && gpus.length > 0) {
    return {
      quiet: false,
      text:
        `an NVIDIA GPU is present (${gpus[0]}) but ${pkg} is not installed. It is an optional dependency, so npm drops it ` +
        'when its install script cannot download libtensorflow (from storage.googleapis.com). Fix: with internet access run\n' +
        `  npm install ${pkg}@${version}\n` +
        'or point TFJS_NODE_CDN_STORAGE at a mirror that serves the libtensorflow tarball and the addon.',
    };
  }
  return { quiet: true, text: `${pkg} is not installed (optional dependency; npm install ${pkg}@${version} needs internet access).` };
}

/** `import(pkg)` threw. */
export function explainLoadFailure(pkg: NativePackage, message: string): string {
  const cudaLibrary = /(lib(?:cudart|cudnn|cublasLt|cublas|cufft|curand|cusolver|cusparse)\.so(?:\.\d+)*)/.exec(message);
  if (/tfjs_binding\.node/.test(message) && /can ?not be found/i.test(message)) {
    return (
      `${pkg} is installed but its native addon was never built: npm skipped its install script ` +
      '(npm 12 blocks dependency install scripts by default; --ignore-scripts or ignore-scripts=true do the same). Fix: ' +
      allowScriptsFix(pkg)
    );
  }
  if (cudaLibrary) {
    return `${pkg} cannot load ${cudaLibrary[1]} (CUDA 11 / cuDNN 8 missing).\n${cuda11Recipe()}`;
  }
  if (/libcuda\.so/.test(message)) {
    return `${pkg} cannot load libcuda.so.1: no NVIDIA driver is installed. Install the NVIDIA driver (≥ 450), or use @tensorflow/tfjs-node on machines without a GPU.`;
  }
  if (/libtensorflow(?:_framework)?\.so/.test(message)) {
    return (
      `${pkg} cannot load libtensorflow: its install script did not finish downloading it. Fix: with internet access ` +
      `(or TFJS_NODE_CDN_STORAGE set to a mirror) run: npm rebuild ${pkg}`
    );
  }
  if (/GLIBC(?:XX)?_[\d.]+/.test(message)) {
    return `${pkg} needs a newer C library than this system has (${firstLine(message)}). Use a newer Linux distribution or image.`;
  }
  return `${pkg} failed to load: ${firstLine(message)}`;
}

/** The GPU package loaded, but TensorFlow placed no op on a GPU. */
export function explainNoGpu(missingLibraries: readonly string[], gpus: readonly string[] | null, visibleDevices?: string): string {
  const head = '@tensorflow/tfjs-node-gpu loaded, but TensorFlow sees no GPU, so it would run on the CPU';
  if (gpus === null) return `${head}: no NVIDIA driver found (nvidia-smi is not on PATH). Install the NVIDIA driver (≥ 450).`;
  if (gpus.length === 0) return `${head}: nvidia-smi lists no GPU. Check the driver and that this container was given a GPU (docker --gpus all).`;
  if (visibleDevices !== undefined && /^\s*(-1)?\s*$/.test(visibleDevices)) {
    return `${head}: CUDA_VISIBLE_DEVICES="${visibleDevices}" hides every GPU. Unset it or list a GPU index.`;
  }
  if (missingLibraries.length > 0) {
    return `${head}: ${missingLibraries.join(', ')} not found (searched LD_LIBRARY_PATH and the ldconfig cache).\n${cuda11Recipe()}`;
  }
  return `${head}, although ${gpus[0]} is present and the CUDA 11 libraries were found. TensorFlow's own log on stderr ("Could not load dynamic library …", "Ignoring visible gpu device …") says why.`;
}

function firstLine(message: string): string {
  return message.split('\n')[0].trim();
}
