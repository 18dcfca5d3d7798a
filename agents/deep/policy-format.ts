/** The policy file's format tag and version (agents/deep/policy-file.ts), without tfjs: the worker reads them before it loads TensorFlow.js. */
export const POLICY_FILE_FORMAT = 'floe-policy';
export const POLICY_FILE_VERSION = 1;
