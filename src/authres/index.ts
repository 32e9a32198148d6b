// Authentication-Results, ARC and Received-SPF: parsing, and which stamps to believe.
export { parseArcTags, readArcSets } from './arc.js';
export { parseAuthenticationResults } from './parse.js';
export { parseDmarcComment, parseReceivedSpf, parseSpfComment, readDmarcFacts } from './received-spf.js';
export { isRegisteredMethod, normalizeResult, resultRank } from './results.js';
export { readStamps, receivedByHost } from './trust.js';
export type {
  AuthProperty,
  AuthResult,
  AuthResultsField,
  AuthResultsStamp,
  DmarcCommentFacts,
  ReadStampsOptions,
  ReceivedSpf,
  ReceivedSpfStamp,
  SpfCommentFacts,
  StampConflict,
  StampInfo,
  Stamps,
  StampTrust,
} from './types.js';
