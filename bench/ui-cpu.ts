/**
 * CPU share of the UI while the worker streams progress (target: under 5 % of one core), and
 * the bytes sent to the terminal (what crosses an SSH link). The dashboard runs as in
 * `cifar-tui search` (state changes within 250 ms, progress alone every second on 80×24 and every
 * 1.5 s on 160×50, Ink at most 10 frames/s, incremental output)
 * on a 10,000-trial store; batch progress arrives at the worker's own rate (4/s) and at 200/s,
 * with an epoch every 2 s and a trial ending every 20 s. CPU time of this process (which only
 * generates events besides) over 20 s of wall time.
 * Run: node --import=tsx bench/ui-cpu.ts
 */
process.env.NODE_ENV = 'production';
const { createElement } = await import('react');
const { render } = await import('ink');
const { App } = await import('../source/ui/components/App.js');
const { DashboardModel } = await import('../source/ui/model/dashboard-model.js');
const { anchorFrames } = await import('../source/ui/terminal.js');
const { createTheme } = await import('../source/ui/theme.js');
const { Keys, NullTerminal, runningTrial, syntheticTrials } = await import('./ui-fixtures.js');

const SECONDS = Number(process.argv[2] ?? 20);


async function run(batchesPerSecond: number, columns: number, rows: number): Promise<{ cpu: number; bytes: number; fps: number; perFrame: number }> {
  const n = 10_000;
  const source = { trials: [...syntheticTrials(n), runningTrial(n, 40)] };
  const model = new DashboardModel({ source, state: 'running', intervalMs: 250 });
  const stdout = new NullTerminal(columns, rows);
  let frames = 0;
  const info = { storeDir: '/data/store', dataset: 'cifar100', epochs: 100, maxTrials: null, startedAt: Date.now(), mode: 'search' as const };
  const app = process.env.NO_UI ? { unmount() {} } : render(createElement(App, { model, info, caps: { control: true, retrain: false, visualize: false }, theme: createTheme({ color: true }), onEffect: () => {}, autoRefresh: true }), {
    stdout: anchorFrames(stdout as unknown as NodeJS.WriteStream),
    stdin: new Keys() as unknown as NodeJS.ReadStream,
    patchConsole: false,
    exitOnCtrlC: false,
    incrementalRendering: true,
    maxFps: 10,
    onRender: () => frames++,
  });
  await new Promise((r) => setTimeout(r, 500));
  const bytes0 = stdout.bytes;
  const frames0 = frames;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  let batch = 0;
  let epoch = 40;
  const progress = setInterval(() => {
    batch = (batch + 1) % 150;
    model.apply({ type: 'batch', trialId: 'fffff', epoch, epochs: 100, batch, batches: 150, logs: { loss: 2.8 - batch / 1000, fine_outputs_acc: 0.3 + batch / 1000 }, imagesPerSecond: 900 + (batch % 7) });
  }, 1000 / batchesPerSecond);
  const epochs = setInterval(() => {
    const t = source.trials.at(-1)!;
    source.trials = [...source.trials.slice(0, -1), { ...t, epochs: [...t.epochs, { epoch, logs: { loss: 2.5, fine_outputs_acc: 0.3, val_loss: 2.6, val_fine_outputs_acc: 0.29 }, seconds: 2 }] }];
    model.apply({ type: 'epoch', trial: source.trials.at(-1)!, epoch: epoch++, epochs: 100, logs: {}, seconds: 2 });
  }, 2000);
  let k = 0;
  const ends = setInterval(() => {
    const copy = [...source.trials];
    const i = k++ % n;
    copy[i] = { ...copy[i]!, result: { ...copy[i]!.result!, fine_best_accuracy: 0.35 + (k % 30) / 100 } };
    source.trials = copy;
    model.apply({ type: 'status', status: 'running' });
  }, 20_000);
  await new Promise((r) => setTimeout(r, SECONDS * 1000));
  clearInterval(progress);
  clearInterval(epochs);
  clearInterval(ends);
  const c = process.cpuUsage(c0);
  const wall = (performance.now() - t0) / 1000;
  const cpuMs = (c.user + c.system) / 1000;
  const result = { cpu: cpuMs / 10 / wall, bytes: (stdout.bytes - bytes0) / wall, fps: (frames - frames0) / wall, perFrame: cpuMs / Math.max(1, frames - frames0) };
  app.unmount();
  model.dispose();
  return result;
}

console.log(`UI process CPU (% of one core) and terminal output while progress streams; 10,000 trials, ${SECONDS} s each`);
console.log('progress events/s   terminal   CPU      output       frames/s   CPU per frame');
for (const rate of (process.env.RATES ?? "4,200").split(",").map(Number)) {
  for (const [columns, rows] of [
    [80, 24],
    [160, 50],
  ] as const) {
    const r = await run(rate, columns, rows);
    console.log(`${String(rate).padStart(17)}   ${`${columns}×${rows}`.padEnd(9)}  ${r.cpu.toFixed(1).padStart(4)} %   ${(r.bytes / 1024).toFixed(1).padStart(4)} KiB/s   ${r.fps.toFixed(1).padStart(8)}   ${r.perFrame.toFixed(1)} ms`);
  }
}
