/** `cifar-tui space`: shows the search space, or draws points from its prior. */
import { Rng, cifarSpace, collectNodes, samplePoint, spaceHash } from '../../search/index.js';
import type { HpNode } from '../../search/index.js';
import { type Command, UsageError, intFlag } from '../command.js';

function describeNode(node: HpNode): string {
  switch (node.kind) {
    case 'choice':
      return `choice of ${node.options.length}`;
    case 'pchoice':
      return `pchoice ${node.probabilities.map((p) => p.toFixed(2)).join('/')}`;
    case 'uniform':
    case 'randint':
    case 'uniformint':
      return `${node.kind}(${node.low}, ${node.high})`;
    case 'loguniform':
      return `loguniform(${node.low}, ${node.high})  = ${Math.exp(node.low).toPrecision(4)} … ${Math.exp(node.high).toPrecision(4)}`;
    case 'quniform':
    case 'qloguniform':
      return `${node.kind}(${node.low}, ${node.high}, q=${node.q})`;
    case 'normal':
    case 'lognormal':
      return `${node.kind}(${node.mu}, ${node.sigma})`;
    case 'qnormal':
    case 'qlognormal':
      return `${node.kind}(${node.mu}, ${node.sigma}, q=${node.q})`;
  }
}

export const spaceCommand: Command = {
  name: 'space',
  summary: 'show the CIFAR search space, or draw points from its prior',
  options: {
    sample: { type: 'string', valueName: 'N', description: 'print N points drawn from the prior, one JSON object per line' },
    seed: { type: 'string', valueName: 'N', description: 'seed for --sample (default 0)' },
  },
  async run(values, _positionals, { stdout }) {
    const count = intFlag('sample', values.sample, { min: 1, max: 1_000_000 });
    const seed = intFlag('seed', values.seed, { min: 0, max: 2 ** 53 - 1 }) ?? 0;
    if (values.seed !== undefined && count === undefined) throw new UsageError('--seed only applies together with --sample N');
    if (count !== undefined) {
      const rng = new Rng(seed);
      for (let i = 0; i < count; i++) stdout.write(`${JSON.stringify(samplePoint(cifarSpace, rng))}\n`);
      return 0;
    }
    const nodes = collectNodes(cifarSpace);
    const width = Math.max(...nodes.map((n) => n.label.length)) + 2;
    stdout.write(`CIFAR search space (${nodes.length} labels, hash ${spaceHash(cifarSpace)}):\n`);
    for (const node of nodes) stdout.write(`  ${node.label.padEnd(width)}${describeNode(node)}\n`);
    return 0;
  },
};
