/**
 * Time to render one dashboard frame with 1,000 and 10,000 trials in the store (target: under
 * 30 ms at 10,000): React render, Yoga layout and Ink's output of the whole frame, measured
 * from a model flush (or a key) until the frame is written (Ink in debug mode writes every frame
 * in full, without throttling).
 * Kinds of update: progress of the running trial (many per second), a trial ending (re-sort,
 * ranks), a key (selection moves), a trial ending with the histograms on screen (recomputed).
 * React runs its production build.
 * Run: node --import=tsx bench/ui-frame.ts
 */
process.env.NODE_ENV = 'production';
const { createElement } = await import('react');
const { render } = await import('ink');
const { App } = await import('../source/ui/components/App.js');
const { DashboardModel } = await import('../source/ui/model/dashboard-model.js');
const { createTheme } = await import('../source/ui/theme.js');
const { Keys, NullTerminal, runningTrial, syntheticTrials } = await import('./ui-fixtures.js');


const stat = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { median: s[s.length >> 1]!, p95: s[Math.floor(s.length * 0.95)]! };
};
const ms = (v: number) => `${v.toFixed(1).padStart(6)} ms`;

console.log('Dashboard frame time: CPU ms of the UI process per frame (React production build, full frame written), median / p95 of 40');
console.log('trials   terminal   progress update      trial ends           key (j)              trial ends, histograms shown');
for (const n of [1_000, 10_000]) {
  for (const [columns, rows] of [
    [80, 24],
    [160, 50],
  ] as const) {
    const trials = [...syntheticTrials(n), runningTrial(n, 40)];
    let source = { trials };
    const model = new DashboardModel({ source, state: 'running', intervalMs: 1e9 });
    const info = { storeDir: '/data/store', dataset: 'cifar100', epochs: 100, maxTrials: null, startedAt: Date.now(), mode: 'search' as const };
    const stdout = new NullTerminal(columns, rows);
    const stdin = new Keys();
    const app = render(createElement(App, { model, info, caps: { control: true, retrain: false, visualize: false }, theme: createTheme({ color: true }), onEffect: () => {} }), {
      stdout: stdout as unknown as NodeJS.WriteStream,
      stdin: stdin as unknown as NodeJS.ReadStream,
      debug: true,
      patchConsole: false,
      exitOnCtrlC: false,
    });
    await new Promise((r) => setTimeout(r, 50));
    const written = () => new Promise<void>((resolve) => stdout.once('frame', () => resolve()));
    // CPU time of this process per frame (wall time is also kept: on a busy machine it mostly
    // measures the other processes).
    const time = async (update: () => void) => {
      const cpu: number[] = [];
      const wall: number[] = [];
      for (let i = 0; i < 45; i++) {
        const frame = written();
        const c0 = process.cpuUsage();
        const t0 = performance.now();
        update();
        await frame;
        wall.push(performance.now() - t0);
        const c = process.cpuUsage(c0);
        cpu.push((c.user + c.system) / 1000);
      }
      return { ...stat(cpu.slice(5)), wall: stat(wall.slice(5)).median };
    };
    let batch = 0;
    const progress = await time(() => {
      model.apply({ type: 'batch', trialId: 'fffff', epoch: 40, epochs: 100, batch: batch++ % 150, batches: 150, logs: { loss: 2.8, fine_outputs_acc: 0.3 }, imagesPerSecond: 900 });
      model.flush();
    });
    let k = 0;
    const endTrial = () => {
      // A finished trial replaces one of the store's trials: everything derived is recomputed.
      const i = k++ % n;
      const copy = [...source.trials];
      copy[i] = { ...copy[i]!, result: { ...copy[i]!.result!, fine_best_accuracy: 0.3 + (k % 40) / 100 } };
      source = { trials: copy };
      (model as unknown as { source: { trials: unknown } }).source.trials = copy;
      model.apply({ type: 'status', status: 'running' });
      model.flush();
    };
    const ends = await time(endTrial);
    const key = await time(() => stdin.write('j'));
    stdin.write('h');
    await new Promise((r) => setTimeout(r, 50));
    const hist = await time(endTrial);
    const cell = (x: { median: number; p95: number }) => `${ms(x.median)} / ${ms(x.p95)}`;
    console.log(`${String(n).padStart(6)}   ${`${columns}×${rows}`.padEnd(9)}  ${cell(progress)}  ${cell(ends)}  ${cell(key)}  ${cell(hist)}   (wall medians ${[progress, ends, key, hist].map((x) => x.wall.toFixed(0)).join('/')} ms)`);
    app.unmount();
    model.dispose();
  }
}
