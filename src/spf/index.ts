/** mailwhy's SPF engine: RFC 7208 check_host() with a trace. Pure (runs in a browser). */
export {
  createDenyResolver,
  createFixtureResolver,
  type DenyResolver,
  DnsError,
  type FixtureRecord,
  type FixtureResolver,
  type FixtureZone,
  type MxRecord,
  parseFixtureZone,
  type RecordMap,
  type RecordType,
  type Resolver,
} from '../dns/index.js';
export { checkSpf, DEFAULT_SPF_LIMITS, normalizeDomain, parseClientIp, SpfUsageError } from './check.js';
export {
  en as spfCatalogEn,
  ja as spfCatalogJa,
  reasonText,
  type SpfCatalog,
  type SpfLang,
} from './messages.js';
export { isSpfRecord, parseSpfRecord } from './parse.js';
export { type RenderSpfOptions, renderSpfJson, renderSpfText } from './render.js';
export type * from './types.js';
export { SPF_RESULT_CODES } from './types.js';
