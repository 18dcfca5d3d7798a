/**
 * The 'mnist1d' session's `agent` and `options` (mnist1d-session.ts): the network kind and its
 * fields, and the training fields (training-config.ts), each agent defaulting to its book setup.
 *
 * | agent  | network (network-spec.ts)               | training defaults                                   |
 * |--------|-----------------------------------------|-----------------------------------------------------|
 * | 'mlp'  | hidden [100, 100] (section 8.1, 15,210) | SGD book form alpha 0.001 (= 0.1 / 100), batch 100, |
 * |        |                                         | 6,000 steps, curves every 50 steps                  |
 * | 'conv' | 3 x conv 15 ch, k 3, s 2 (fig. 10.7,    | SGD book form alpha 0.0001 (= the book's 0.01 /     |
 * |        | 2,050), no hidden dense layer           | 100), batch 100, 100,000 steps, curves every 500    |
 *
 * Options: `hidden` (widths), `conv` (conv agent: [{ channels, kernel, stride }, ...]), `init`
 * ('he' | 'glorot'), `dropout` (probability), and the training fields `optimiser`,
 * `learningRate` (replaces the optimiser's), `reduction`, `batchSize`, `steps`, `evalEvery`, `l2`,
 * `labelSmoothing`. The chapter 10 MLP is
 * `{ agent: 'mlp', options: { hidden: [285, 135, 60], ... } }` (presets.ts).
 */
import { BOOK_MLP, checkNetworkSpec, CONV_NET, type Mnist1dNetworkSpec } from './network-spec';
import { resolveTrainingConfig, TRAINING_DEFAULTS, TRAINING_FIELDS, type Mnist1dTrainingConfig, type ResolvedTrainingConfig } from './training-config';

export type Mnist1dAgent = 'mlp' | 'conv';
export const MNIST1D_AGENTS: readonly Mnist1dAgent[] = ['mlp', 'conv'];

const NETWORK_FIELDS: Record<Mnist1dAgent, readonly string[]> = {
  mlp: ['hidden', 'init', 'dropout'],
  conv: ['conv', 'hidden', 'init', 'dropout'],
};

/** Each agent's book setup (the table above). */
export const AGENT_DEFAULTS: Readonly<Record<Mnist1dAgent, { readonly network: Mnist1dNetworkSpec; readonly training: Mnist1dTrainingConfig }>> = Object.freeze({
  mlp: { network: BOOK_MLP, training: TRAINING_DEFAULTS },
  conv: {
    network: CONV_NET,
    training: Object.freeze({ ...TRAINING_DEFAULTS, optimiser: Object.freeze({ kind: 'sgd', form: 'book', learningRate: 0.0001 }), steps: 100_000, evalEvery: 500 }) as Mnist1dTrainingConfig,
  },
});

export interface Mnist1dRunOptions {
  readonly network: Mnist1dNetworkSpec;
  readonly training: ResolvedTrainingConfig;
}

/** The agent's network and training config from `options`; throws one message naming the field. */
export function resolveMnist1dRunOptions(agent: unknown, options: unknown, where: string, inputLength: number, classes: number): Mnist1dRunOptions & { readonly agent: Mnist1dAgent } {
  if (!MNIST1D_AGENTS.includes(agent as Mnist1dAgent)) throw new Error(`${where}: agent must be ${MNIST1D_AGENTS.map((a) => `'${a}'`).join(' or ')}, got ${JSON.stringify(agent)}`);
  const kind = agent as Mnist1dAgent;
  const fields = options ?? {};
  if (typeof fields !== 'object' || Array.isArray(fields)) throw new Error(`${where}: options must be an object, got ${JSON.stringify(options)}`);
  const network: Record<string, unknown> = {};
  const training: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (NETWORK_FIELDS[kind].includes(key)) network[key] = value;
    else if ((TRAINING_FIELDS as readonly string[]).includes(key)) training[key] = value;
    else throw new Error(`${where}: unknown option '${key}' for agent '${kind}'; options are ${[...NETWORK_FIELDS[kind], ...TRAINING_FIELDS].join(', ')}`);
  }
  const defaults = AGENT_DEFAULTS[kind];
  const prefixed = <T>(run: () => T): T => {
    try {
      return run();
    } catch (error) {
      throw new Error(`${where}: options: ${(error as Error).message}`, { cause: error });
    }
  };
  return {
    agent: kind,
    network: prefixed(() => checkNetworkSpec({ ...defaults.network, ...network, inputLength, classes })),
    training: prefixed(() => resolveTrainingConfig({ ...defaults.training, ...training })),
  };
}
