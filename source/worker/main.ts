/**
 * The worker process: the only code that loads TensorFlow. It receives jobs and commands from
 * the supervisor over IPC, runs one job at a time, and streams events back. It exits when the
 * parent goes away (`disconnect`) or asks it to (`shutdown`).
 */
import { type BackendName, initBackend } from '../backend/index.js';
import { type FromWorker, type Job, failedResult, fromWorkerSchema, parseMessage, toWorkerSchema } from '../protocol/index.js';
import { RunControl } from '../train/index.js';
import { runTrainJob } from './train-job.js';

function send(message: FromWorker): void {
  if (!process.connected) return;
  // Validate outgoing messages too: a bug here must show up as a log line, not a confused parent.
  const checked = parseMessage(fromWorkerSchema, message);
  if (checked.ok) process.send!(checked.message);
  else if (message.type === 'trial-end') {
    // The supervisor waits for this one: a result it cannot read becomes a failed one it can.
    const error = new Error(`the worker produced an invalid result: ${checked.error}`);
    process.send!({ type: 'trial-end', trialId: message.trialId, result: failedResult(message.result.space, message.trialId, error) });
  } else process.send!({ type: 'log', level: 'error', message: `worker produced a ${checked.error}` });
}

const queue: Job[] = [];
let control: RunControl | null = null;
let currentTrial: string | null = null;
let paused = false;
let shuttingDown = false;
let ready = false;

process.on('disconnect', () => process.exit(0));
// Ctrl-C and a dropped terminal reach the whole process group; the supervisor decides what
// happens to the running trial, and this process exits when it says so or when it goes away.
process.on('SIGINT', () => {});
process.on('SIGHUP', () => {});

process.on('message', (raw) => {
  const parsed = parseMessage(toWorkerSchema, raw);
  if (!parsed.ok) {
    send({ type: 'log', level: 'warn', message: `worker dropped a ${parsed.error}` });
    return;
  }
  const message = parsed.message;
  switch (message.type) {
    case 'job':
      queue.push(message.job);
      void drain();
      return;
    case 'pause':
      paused = true;
      if (control) control.pause();
      else send({ type: 'paused', trialId: null });
      return;
    case 'resume':
      paused = false;
      if (control?.resume()) send({ type: 'resumed', trialId: currentTrial });
      else if (!control) send({ type: 'resumed', trialId: null });
      return;
    case 'cancel':
      if (control && (message.trialId === undefined || message.trialId === currentTrial)) control.cancel();
      return;
    case 'shutdown':
      shuttingDown = true;
      queue.length = 0;
      if (control) control.cancel();
      else process.exit(0);
      return;
  }
});

let draining = false;
async function drain(): Promise<void> {
  if (draining || !ready) return;
  draining = true;
  while (queue.length > 0 && !shuttingDown) {
    const job = queue.shift()!;
    currentTrial = job.trialId;
    control = new RunControl({ paused, onHold: () => send({ type: 'paused', trialId: job.trialId }) });
    await runTrainJob(job, control, send);
    control = null;
    currentTrial = null;
  }
  draining = false;
  if (shuttingDown) process.exit(0);
}

async function start(): Promise<void> {
  const requested = (process.env.CIFAR_TUI_BACKEND ?? 'auto') as BackendName | 'auto';
  try {
    const info = await initBackend({ backend: requested, log: (line) => send({ type: 'log', level: 'info', message: line }) });
    for (const warning of info.warnings) send({ type: 'log', level: 'warn', message: warning });
    send({ type: 'ready', backend: info.name, device: info.device, warnings: info.warnings, pid: process.pid });
    ready = true;
    void drain();
  } catch (error) {
    send({ type: 'error', message: error instanceof Error ? error.message : String(error), trialId: null });
    process.exitCode = 3;
    process.disconnect?.();
  }
}

void start();
