/**
 * Fault test: a process writing the store is SIGKILLed at seeded random points, many times.
 * After every kill db.json parses and holds every trial the process reported finished, with
 * its result file; the next process takes over the stale lock and re-runs the interrupted trial.
 */
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import test from 'ava';
import { Store } from '../../source/store/index.js';
import { ROOT } from '../helpers/cli.js';
import { Rng, tempDir, testSettings } from '../helpers/store.js';

const WRITER = fileURLToPath(new URL('fixtures/kill-writer.ts', import.meta.url));
const ROUNDS = 14;

interface Round {
  finished: string[];
  signal: NodeJS.Signals | null;
  stderr: string;
}

/** Runs the writer and kills it `delayMs` after its `after`-th line ("open" is line 0). */
function runAndKill(dir: string, seed: number, after: number, delayMs: number): Promise<Round> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import=tsx', WRITER, dir, String(seed)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const finished: string[] = [];
    let lines = 0;
    let buffered = '';
    let stderr = '';
    let armed = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      buffered += chunk;
      const parts = buffered.split('\n');
      buffered = parts.pop() ?? '';
      for (const line of parts) {
        if (line.startsWith('finished ')) finished.push(line.slice(9));
        if (lines++ === after && !armed) {
          armed = true;
          setTimeout(() => child.kill('SIGKILL'), delayMs);
        }
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('exit', (_code, signal) => resolve({ finished, signal, stderr }));
  });
}

test('SIGKILL at random points never loses a reported trial nor leaves db.json unreadable', async (t) => {
  const { dir, cleanup } = await tempDir();
  try {
    const rng = new Rng(20250101);
    const reported = new Set<string>();
    for (let round = 0; round < ROUNDS; round++) {
      const { finished, signal, stderr } = await runAndKill(dir, round, rng.integer(0, 6), rng.random() * 12);
      t.is(signal, 'SIGKILL', `round ${round}: the writer stopped on its own: ${stderr}`);
      for (const id of finished) reported.add(id);
      const text = await readFile(join(dir, 'db.json'), 'utf8');
      const db = JSON.parse(text) as { trials: { id: string; number: number; state: string; resultFile: string | null }[] };
      const byId = new Map(db.trials.map((x) => [x.id, x]));
      t.is(byId.size, db.trials.length, `round ${round}: no trial twice`);
      t.true(db.trials.every((x, i) => x.number === i), `round ${round}: numbers in order`);
      t.true(db.trials.filter((x) => x.state === 'running').length <= 1, `round ${round}: at most one running trial`);
      for (const id of reported) {
        const trial = byId.get(id);
        t.is(trial?.state, 'ok', `round ${round}: trial ${id} was reported finished`);
        JSON.parse(await readFile(join(dir, 'results', trial?.resultFile ?? 'missing'), 'utf8'));
      }
    }
    t.true(reported.size >= ROUNDS, `the writers finished ${reported.size} trials`);
    const store = await Store.open(dir, testSettings());
    t.true(store.recovered.length <= 1);
    t.true([...reported].every((id) => store.trial(id)?.state === 'ok'));
    await store.close();
  } finally {
    await cleanup();
  }
});
