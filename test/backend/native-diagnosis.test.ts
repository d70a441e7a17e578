import test from 'ava';
import {
  CUDA11_LIBRARIES,
  explainLoadFailure,
  explainNoGpu,
  explainNotInstalled,
} from '../../source/backend/native-diagnosis.js';
import { firstVisibleGpu } from '../../source/backend/system-probe.js';

const GPU = '@tensorflow/tfjs-node-gpu';

test('a missing native addon means the install script was blocked: allowScripts + npm rebuild', (t) => {
  const message =
    "The Node.js native addon module (tfjs_binding.node) can not be found at path: /app/node_modules/@tensorflow/tfjs-node-gpu/lib/napi-v8/tfjs_binding.node. \n" +
    "Please run command 'npm rebuild @tensorflow/tfjs-node-gpu --build-addon-from-source' to rebuild the native addon module.";
  const text = explainLoadFailure(GPU, message);
  t.regex(text, /install script/);
  t.true(text.includes('"allowScripts": {"@tensorflow/tfjs-node-gpu": true}'));
  t.true(text.includes('npm rebuild @tensorflow/tfjs-node-gpu'));
});

for (const lib of ['libcudart.so.11.0', 'libcudnn.so.8', 'libcublasLt.so.11']) {
  test(`a missing ${lib} gets the CUDA 11 recipe`, (t) => {
    const text = explainLoadFailure(GPU, `${lib}: cannot open shared object file: No such file or directory`);
    t.true(text.includes(lib));
    t.regex(text, /CUDA 11/);
    t.regex(text, /export LD_LIBRARY_PATH=/);
  });
}

test('a missing libtensorflow asks for a rebuild with network access', (t) => {
  const text = explainLoadFailure('@tensorflow/tfjs-node', 'libtensorflow.so.2: cannot open shared object file: No such file or directory');
  t.regex(text, /npm rebuild @tensorflow\/tfjs-node$/);
});

test('an unknown failure is passed on with its first line', (t) => {
  t.is(explainLoadFailure(GPU, 'something odd\nstack'), `${GPU} failed to load: something odd`);
});

test('a package that is not installed is a quiet note, unless a GPU is there for it', (t) => {
  t.true(explainNotInstalled(GPU, '4.22.0', null).quiet);
  t.true(explainNotInstalled('@tensorflow/tfjs-node', '4.22.0', ['NVIDIA H200']).quiet);
  const loud = explainNotInstalled(GPU, '4.22.0', ['NVIDIA H200']);
  t.false(loud.quiet);
  t.regex(loud.text, /NVIDIA H200/);
  t.regex(loud.text, /npm install @tensorflow\/tfjs-node-gpu@4\.22\.0/);
});

test('no GPU device: says which of driver, devices, CUDA_VISIBLE_DEVICES or libraries is missing', (t) => {
  t.regex(explainNoGpu([], null), /no NVIDIA driver/);
  t.regex(explainNoGpu([], []), /lists no GPU/);
  t.regex(explainNoGpu([], ['NVIDIA H200'], '-1'), /CUDA_VISIBLE_DEVICES="-1"/);
  const libs = explainNoGpu(['libcudnn.so.8'], ['NVIDIA H200']);
  t.regex(libs, /libcudnn\.so\.8 not found/);
  t.regex(libs, /LD_LIBRARY_PATH/);
  t.regex(explainNoGpu([], ['NVIDIA H200']), /stderr/);
  t.is(CUDA11_LIBRARIES.length, 8);
});

test('the reported GPU follows CUDA_VISIBLE_DEVICES', (t) => {
  const gpus = ['NVIDIA A100', 'NVIDIA H200'];
  t.is(firstVisibleGpu(gpus, undefined), 'NVIDIA A100');
  t.is(firstVisibleGpu(gpus, '1,0'), 'NVIDIA H200');
  t.is(firstVisibleGpu(gpus, 'GPU-5f3c'), 'NVIDIA A100');
});
