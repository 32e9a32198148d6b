export { analyzeChain } from './chain.js';
export { parseReceivedDate } from './date.js';
export { parseReceived } from './parse.js';
export type { ChainHop, ChainOptions, Hop, ReceivedChain } from './types.js';
