/**
 * Agents with memory for partially observed worlds (issue 7, section 1): a GRU cell, the
 * recurrent network built on it, recurrent REINFORCE with a learned value baseline, and DRQN,
 * with their configs (field tables like the other deep agents'). Not yet in the deep catalogue
 * or registry: the pages wire them in.
 */
export { GruCell } from './gru';
export { RecurrentModel, type HeadSpec } from './recurrent-model';
export { EpisodeRecorder, timeMajorInput, type Episode } from './episodes';
export { EpisodeReplay } from './episode-replay';
export { RECURRENT_NETWORK_FIELDS, type RecurrentNetworkConfig } from './config/network';
export { describeRecurrentReinforceConfig, RECURRENT_REINFORCE_DEFAULTS, RECURRENT_REINFORCE_FIELDS, type RecurrentReinforceConfig } from './config/reinforce';
export { describeDrqnConfig, DRQN_DEFAULTS, DRQN_FIELDS, type DrqnConfig } from './config/drqn';
export { loadRecurrentReinforce, RecurrentReinforce } from './recurrent-reinforce';
export { Drqn, loadDrqn } from './drqn';
