/**
 * The initialisation explorer as a worker session (M2.3, section 7.5, fig. 7.7): a deep ReLU
 * network at initialisation (default 50 hidden layers of 100 units, zero biases, 100 standard
 * normal inputs, target 0), one forward and one backward pass per weight variance sigma^2. One
 * step propagates one sigma^2 through the network (a third of a second for the default size),
 * so the curves of fig. 7.7 arrive one by one; every sigma^2 sees the same draws (the run's seed),
 * so the curves differ only by sigma^2.
 *
 * A row carries, for the sigma^2 just done, 'init/activation_variance_last' and
 * 'init/gradient_variance_first' (the variance of h_K and of dl/df_0). `query({ kind: 'profile',
 * weightVariance })` answers the profile of any other sigma^2 on the same draws, without touching
 * the run (the page's sigma^2 slider).
 */
import type { Metrics } from '../../environments/core/types';
import type { ModuleRunConfig } from '../../agents/runner/worker-session';
import { heVariance, initialisationProfile, type InitialisationOptions, type InitialisationProfile } from '../m2/initialisation';
import { OptimisationSession } from './base-session';
import { checkInitialisationConfig, checkWeightVariance, fail, type CheckedInitialisationConfig } from './session-config';
import { runKey, type InitialisationSessionSnapshot } from './session-types';

export class InitialisationSession extends OptimisationSession<InitialisationSessionSnapshot> {
  readonly config: CheckedInitialisationConfig;
  private readonly options: InitialisationOptions;
  private readonly profiles: InitialisationProfile[] = [];
  private readonly key: string;

  constructor(config: ModuleRunConfig) {
    super();
    this.config = checkInitialisationConfig(config);
    const { layers, width, inputSize, batch, seed } = this.config;
    this.options = { layers, width, inputSize, batch, seed };
    this.key = runKey(config);
  }

  protected advance(): Metrics {
    const profile = initialisationProfile(this.config.weightVariances[this.profiles.length], this.options);
    this.profiles.push(profile);
    return {
      'init/activation_variance_last': profile.activationVariance[profile.activationVariance.length - 1],
      'init/gradient_variance_first': profile.gradientVariance[0],
    };
  }

  done(): boolean {
    return this.profiles.length >= this.config.weightVariances.length;
  }

  snapshot(): InitialisationSessionSnapshot {
    return {
      kind: 'initialisation',
      runKey: this.key,
      weightVariances: this.config.weightVariances.slice(),
      layers: this.config.layers,
      width: this.config.width,
      heVariance: heVariance(this.config.width),
      profiles: this.profiles.map(copyProfile),
    };
  }

  /** { kind: 'profile', weightVariance }: that sigma^2's profile on the run's draws. */
  query(question: unknown): InitialisationProfile {
    const fields = question as { kind?: unknown; weightVariance?: unknown } | null;
    if (typeof fields !== 'object' || fields === null || fields.kind !== 'profile') fail(`the initialisation session answers { kind: 'profile', weightVariance }, got ${JSON.stringify(question)}`);
    return initialisationProfile(checkWeightVariance(fields.weightVariance, 'question.weightVariance'), this.options);
  }
}

function copyProfile(p: InitialisationProfile): InitialisationProfile {
  return {
    weightVariance: p.weightVariance,
    expectedFactorPerLayer: p.expectedFactorPerLayer,
    activationVariance: p.activationVariance.slice(),
    preActivationVariance: p.preActivationVariance.slice(),
    gradientVariance: p.gradientVariance.slice(),
  };
}
