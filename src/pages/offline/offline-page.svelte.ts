/**
 * What the offline page holds between its three steps: the world chosen, the dataset being built
 * for it (one per world while the page is open, so switching worlds loses nothing), who records
 * (the person or the expert), and the learner to train: behaviour cloning or the decision
 * transformer, its options and seed. `runConfig` is the offline session's ModuleRunConfig: every
 * change of dataset, learner, options or seed starts training afresh in the worker.
 */
import type { Dataset } from '../../../agents/offline/dataset-types';
import { describeBehaviourCloningConfig } from '../../../agents/offline/behaviour-cloning-config';
import { describeDecisionTransformerConfig } from '../../../agents/offline/decision-transformer/config';
import { datasetDocument, OFFLINE_MODULE, type OfflineAgent } from '../../../agents/runner/offline/offline-protocol';
import type { ModuleRunConfig } from '../../../agents/runner/worker-session';
import { agentFormFields } from '../../lib/ui/agent/agent-fields';
import type { ConfigField } from '../../lib/ui/controls/config-fields';
import { emptyDataset, mergeDatasets } from './dataset-merge';
import { OFFLINE_WORLDS, type OfflineWorldChoice } from './offline-worlds';

type OptionValue = number | string | boolean;
export type RecordMode = 'play' | 'expert';

/** The learners' settings the page starts from, per kind of world: small enough to train in a tab in a minute. */
export function learnerDefaults(agent: OfflineAgent, choice: OfflineWorldChoice): Record<string, OptionValue> {
  if (agent === 'bc') return choice.kind === 'arcade' ? { hiddenLayers: 1, hiddenUnits: 128, convFilters: 16 } : { hiddenLayers: 1, hiddenUnits: 64 };
  if (choice.kind === 'arcade') return { contextLength: 10, width: 64, heads: 2, layers: 2, maxTimestep: 1000, returnScale: 10, batchSize: 32 };
  // CartPole: returns run to 500 (one per step), so they are scaled to 0..5; a timestep per step of its 500.
  if (choice.kind === 'cartpole') return { contextLength: 10, width: 32, heads: 2, layers: 2, maxTimestep: 501, returnScale: 100, batchSize: 32 };
  const maxSteps = choice.world.grid?.spec.maxSteps ?? 1000;
  return { contextLength: 10, width: 32, heads: 2, layers: 2, maxTimestep: Math.min(maxSteps + 1, 1000), returnScale: 5, batchSize: 32 };
}

function learnerDocs(agent: OfflineAgent) {
  const docs = agent === 'bc' ? describeBehaviourCloningConfig() : describeDecisionTransformerConfig();
  return docs.filter((doc) => doc.key !== 'seed');
}

/** The form's fields for a learner (its seed is the run's seed, set apart). */
export function learnerFields(agent: OfflineAgent): ConfigField[] {
  return agentFormFields(learnerDocs(agent));
}

/** What the form shows: the learner's defaults, with the page's and the person's settings over them. */
export function learnerValues(agent: OfflineAgent, options: Readonly<Record<string, OptionValue>>): Record<string, OptionValue> {
  return { ...Object.fromEntries(learnerDocs(agent).map((doc) => [doc.key, doc.default])), ...options };
}

export class OfflinePageState {
  choice = $state.raw<OfflineWorldChoice>(OFFLINE_WORLDS[0]);
  /** The datasets of the worlds visited, by world id. */
  private datasets = $state.raw<Readonly<Record<string, Dataset>>>({});
  recordMode = $state<RecordMode>('play');
  expertEpisodes = $state(20);
  /** The expert's random-action rate, 0 to 1. */
  randomRate = $state(0.2);
  /** The next expert recording's seed: each recording gets new episodes. */
  expertSeed = $state(1);
  agent = $state<OfflineAgent>('dt');
  options = $state.raw<Readonly<Record<string, OptionValue>>>(learnerDefaults('dt', OFFLINE_WORLDS[0]));
  seed = $state(1);
  /** The page's message line (a refused file, a failed recording). */
  message = $state<string | null>(null);

  get dataset(): Dataset {
    return this.datasets[this.choice.id] ?? emptyDataset(this.choice.world);
  }

  chooseWorld(choice: OfflineWorldChoice): void {
    if (choice.id === this.choice.id) return;
    this.choice = choice;
    this.options = learnerDefaults(this.agent, choice);
  }

  /** Adds recorded episodes to the dataset of their world; returns the message when they do not fit. */
  addEpisodes(recorded: Dataset): string | null {
    try {
      this.setDataset(mergeDatasets(this.dataset, recorded));
      return null;
    } catch (error) {
      return (error as Error).message;
    }
  }

  /** Puts a whole dataset (opened from the library or a file) in place of the current world's. */
  setDataset(dataset: Dataset): void {
    this.datasets = { ...this.datasets, [this.choice.id]: dataset };
  }

  clearDataset(): void {
    this.setDataset(emptyDataset(this.choice.world));
  }

  setAgent(agent: OfflineAgent): void {
    if (agent === this.agent) return;
    this.agent = agent;
    this.options = learnerDefaults(agent, this.choice);
  }

  setOption(key: string, value: OptionValue): void {
    this.options = { ...this.options, [key]: value };
  }

  get runConfig(): ModuleRunConfig {
    return {
      module: OFFLINE_MODULE,
      world: { dataset: datasetDocument(this.dataset), env: this.choice.env },
      agent: this.agent,
      options: this.options,
      seed: this.seed,
    };
  }
}
