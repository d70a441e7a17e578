/**
 * Mounts the dashboard on a terminal and owns it until the user quits. See `index.ts` for the
 * contract; this file imports Ink and React, so load it through `index.ts` (which sets
 * NODE_ENV=production first).
 */
import { render } from 'ink';
import type { Experiment, StoredTrial } from '../store/schema.js';
import type { SupervisorStatus } from '../supervisor/events.js';
import { App } from './components/App.js';
import type { Capabilities } from './components/KeyBar.js';
import type { Effect } from './keys/ui-reducer.js';
import { DashboardModel, type HistoryLoader } from './model/dashboard-model.js';
import { TerminalGuard, anchorFrames } from './terminal.js';
import { asciiOnly, colorEnabled, createTheme } from './theme.js';
import type { DashboardExit, RunDashboardOptions } from './index.js';

const FINAL: readonly SupervisorStatus[] = ['finished', 'stopped', 'failed'];

/** Resolves when `p` settles or after `ms`, whichever is first (never rejects). */
function settleWithin(p: Promise<unknown>, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    timer.unref?.();
    p.then(
      () => {
        clearTimeout(timer);
        resolve(true);
      },
      () => {
        clearTimeout(timer);
        resolve(true);
      },
    );
  });
}

export async function mountDashboard(options: RunDashboardOptions): Promise<DashboardExit> {
  const stdin = options.stdin ?? process.stdin;
  const stdout = options.stdout ?? process.stdout;
  const env = options.env ?? process.env;
  const { supervisor, store } = options;
  const experiment: Experiment | null = store.experiment ?? null;
  const loadHistory: HistoryLoader | undefined = store.loadResult
    ? async (t: StoredTrial) => ((await store.loadResult!(t))?.history as Record<string, (number | null)[]> | undefined) ?? null
    : undefined;
  const model = new DashboardModel({
    source: supervisor ? store : undefined,
    trials: supervisor ? undefined : store.trials,
    state: supervisor ? supervisor.status : 'viewing',
    backend: options.backend ?? null,
    device: options.device ?? null,
    intervalMs: 250,
    progressMs: options.refreshMs ?? 1000,
    loadHistory,
  });
  const unsubscribe = supervisor?.on(model.apply) ?? (() => {});
  const theme = createTheme({ color: colorEnabled({ noColorFlag: options.noColor, env }), ascii: asciiOnly(env) });
  const caps: Capabilities = { control: Boolean(supervisor), retrain: Boolean(options.jobs?.retrain), visualize: Boolean(options.jobs?.visualize) };
  const info = {
    storeDir: options.storeDir ?? store.dir ?? '.',
    dataset: options.dataset ?? experiment?.dataset ?? '?',
    epochs: options.epochs ?? experiment?.epochs ?? null,
    maxTrials: options.maxTrials ?? null,
    startedAt: Date.now(),
    mode: supervisor ? ('search' as const) : ('view' as const),
    createdAt: experiment?.createdAt ?? null,
  };

  // Search status, for waiting on a stop: a final status event, or the run promise settling.
  let searchOver = false;
  let finalStatus: () => void = () => {};
  const stopped = new Promise<void>((resolve) => (finalStatus = resolve)).then(() => {
    searchOver = true;
  });
  const offStatus = supervisor?.on((e) => e.type === 'status' && FINAL.includes(e.status) && finalStatus()) ?? (() => {});
  if (options.done) {
    options.done.then(
      () => finalStatus(),
      (error: Error) => {
        model.setState('failed', error?.message ?? String(error));
        model.note('error', `the search stopped with an error: ${error?.message ?? String(error)}`);
        finalStatus();
      },
    );
  }

  const guard = new TerminalGuard({ stdin, stdout });
  let exit: DashboardExit = 'quit';
  let quitting: Promise<void> | null = null;
  let instance: ReturnType<typeof render> | null = null;

  const stopSearch = async (): Promise<void> => {
    if (!supervisor || searchOver || FINAL.includes(supervisor.status)) return;
    supervisor.stop();
    if (!(await settleWithin(stopped, options.stopTimeoutMs ?? 30_000))) {
      model.note('warn', 'the worker did not stop in time: killing it');
      supervisor.forceStop();
      await settleWithin(stopped, 5_000);
    }
  };
  /** Stops the search, then unmounts (the screen says "stopping" meanwhile); `now`: unmount first. */
  const quit = (how: DashboardExit, now = false): Promise<void> => {
    if (quitting) return quitting;
    exit = how;
    quitting = (async () => {
      if (now) instance?.unmount();
      await stopSearch();
      instance?.unmount();
    })();
    return quitting;
  };
  const onEffect = (e: Effect): void => {
    switch (e.kind) {
      case 'pause':
        supervisor?.pause();
        return;
      case 'resume':
        supervisor?.resume();
        return;
      case 'quit':
        void quit('quit');
        return;
      case 'force-quit':
        supervisor?.forceStop();
        void quit('quit');
        return;
      case 'retrain':
        options.jobs?.retrain?.(e.trialId ?? null);
        return;
      case 'visualize':
        options.jobs?.visualize?.();
        return;
    }
  };
  const onSignal = (signal: NodeJS.Signals) => {
    // The terminal may be gone (SIGHUP): give it back at once, then stop the search.
    if (quitting) supervisor?.forceStop();
    void quit(signal === 'SIGHUP' ? 'hangup' : 'signal', true);
    guard.restore();
  };
  const signals: NodeJS.Signals[] = ['SIGHUP', 'SIGTERM', 'SIGINT'];
  for (const s of signals) process.on(s, onSignal);

  // `view` of a store another process writes: re-read it when it changes.
  let watching: NodeJS.Timeout | null = null;
  if (options.watch) {
    const { reload, intervalMs, writer } = options.watch;
    const showWriter = (who: string | null) => model.setState('viewing', who === null ? null : `written by ${who}`);
    if (writer) showWriter(writer);
    let busy = false;
    watching = setInterval(() => {
      if (busy) return;
      busy = true;
      reload()
        .then((changed) => {
          if (!changed) return;
          model.replaceTrials(changed.trials);
          showWriter(changed.writer);
        })
        .catch((error: Error) => model.note('warn', `could not re-read the store: ${error.message}`))
        .finally(() => (busy = false));
    }, intervalMs);
    watching.unref?.();
  }

  guard.enter();
  try {
    instance = render(<App model={model} info={info} caps={caps} theme={theme} onEffect={onEffect} autoRefresh={options.refreshMs === undefined} altScreen />, {
      stdin,
      stdout: anchorFrames(stdout, { ascii: theme.ascii }),
      stderr: options.stderr ?? process.stderr,
      exitOnCtrlC: false,
      patchConsole: false,
      incrementalRendering: true,
      maxFps: options.maxFps ?? 10,
    });
    await instance.waitUntilExit();
  } catch (error) {
    exit = 'error';
    guard.restore();
    await stopSearch();
    throw error;
  } finally {
    guard.restore();
    if (watching) clearInterval(watching);
    for (const s of signals) process.off(s, onSignal);
    unsubscribe();
    offStatus();
    model.dispose();
    instance?.cleanup();
  }
  if (quitting) await quitting;
  return exit;
}
