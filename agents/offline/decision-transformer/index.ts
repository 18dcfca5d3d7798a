/**
 * The decision transformer (issue 7 section 3; Prince section 19.7, fig 19.17): offline RL as
 * sequence modelling. config.ts (fields), model.ts (tokens, mask, network), windows.ts (training
 * windows), trainer.ts (training), runtime.ts (acting and attention maps), file.ts (save, load).
 */
export * from './config';
export { DecisionTransformerModel, countParameters, TOKEN_KINDS, type DecisionTransformerDims, type TokenKind, type WindowBatch } from './model';
export { checkDataset, returnsToGo, WindowSampler, type ReturnRange } from './windows';
export { actionLoss, DecisionTransformerTrainer, type DecisionTransformerProvenance } from './trainer';
export { DecisionTransformerRuntime, type AttentionMap, type AttentionToken } from './runtime';
export { loadDecisionTransformer, saveDecisionTransformer, type DecisionTransformerFile, type LoadedDecisionTransformer } from './file';
