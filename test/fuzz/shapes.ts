// Runtime shape checkers for what the parsers return. The compiler checks the types of the code; these
// check the values hostile input actually produces (a NaN date, an undefined where a string belongs,
// an array that is not one). Each checker appends "path: problem" lines to `errs`; empty = well-typed.
import { FINDING_CODES } from '../../src/diagnose/findings.js';

export type Check = (x: unknown, path: string, errs: string[]) => void;

function kind(x: unknown): string {
  if (x === null) return 'null';
  if (Array.isArray(x)) return 'array';
  if (x instanceof Date) return 'Date';
  return typeof x;
}

export const str: Check = (x, p, e) => {
  if (typeof x !== 'string') e.push(`${p}: expected string, got ${kind(x)}`);
};
export const num: Check = (x, p, e) => {
  if (typeof x !== 'number' || !Number.isFinite(x)) e.push(`${p}: expected finite number, got ${String(x)}`);
};
export const int: Check = (x, p, e) => {
  if (typeof x !== 'number' || !Number.isInteger(x)) e.push(`${p}: expected integer, got ${String(x)}`);
};
export const bool: Check = (x, p, e) => {
  if (typeof x !== 'boolean') e.push(`${p}: expected boolean, got ${kind(x)}`);
};
export const date: Check = (x, p, e) => {
  if (!(x instanceof Date) || Number.isNaN(x.getTime()))
    e.push(`${p}: expected a valid Date, got ${String(x)}`);
};
export const any: Check = () => {};

export function lit(...values: readonly (string | number | boolean | null)[]): Check {
  return (x, p, e) => {
    if (!values.includes(x as string)) e.push(`${p}: ${JSON.stringify(x)} is not one of ${values.join('|')}`);
  };
}
export function nullable(c: Check): Check {
  return (x, p, e) => {
    if (x !== null) c(x, p, e);
  };
}
/** A property that may be absent (exactOptionalPropertyTypes: absent, never `undefined`-valued). */
export function opt(c: Check): Check {
  const f: Check = (x, p, e) => c(x, p, e);
  (f as Check & { optional?: true }).optional = true;
  return f;
}
export function arr(c: Check): Check {
  return (x, p, e) => {
    if (!Array.isArray(x)) {
      e.push(`${p}: expected array, got ${kind(x)}`);
      return;
    }
    for (let i = 0; i < x.length && e.length < 20; i++) c(x[i], `${p}[${i}]`, e);
  };
}
export function record(c: Check): Check {
  return (x, p, e) => {
    if (kind(x) !== 'object') {
      e.push(`${p}: expected object, got ${kind(x)}`);
      return;
    }
    for (const [k, v] of Object.entries(x as object)) c(v, `${p}.${k}`, e);
  };
}
export function obj(shape: Record<string, Check>): Check {
  return (x, p, e) => {
    if (kind(x) !== 'object') {
      e.push(`${p}: expected object, got ${kind(x)}`);
      return;
    }
    const o = x as Record<string, unknown>;
    for (const [k, c] of Object.entries(shape)) {
      if (!(k in o)) {
        if (!(c as Check & { optional?: true }).optional) e.push(`${p}.${k}: missing`);
        continue;
      }
      if (o[k] === undefined) {
        e.push(`${p}.${k}: present but undefined`);
        continue;
      }
      c(o[k], `${p}.${k}`, e);
    }
  };
}
export function all(...cs: Check[]): Check {
  return (x, p, e) => {
    for (const c of cs) c(x, p, e);
  };
}
export function where(test: (x: never) => boolean, what: string): Check {
  return (x, p, e) => {
    if (!test(x as never)) e.push(`${p}: ${what}`);
  };
}

/** Runs a checker; returns the problems (empty = well-typed). */
export function problems(c: Check, x: unknown, path = '$'): string[] {
  const errs: string[] = [];
  c(x, path, errs);
  return errs;
}

/** Every number anywhere in a value is finite: JSON would print NaN and Infinity as null, a quiet lie. */
export function finiteEverywhere(x: unknown, p: string, e: string[], depth = 0): void {
  if (depth > 40 || e.length > 20) return;
  if (typeof x === 'number') {
    if (!Number.isFinite(x)) e.push(`${p}: ${x}`);
  } else if (Array.isArray(x)) {
    for (let i = 0; i < x.length; i++) finiteEverywhere(x[i], `${p}[${i}]`, e, depth + 1);
  } else if (x instanceof Date) {
    if (Number.isNaN(x.getTime())) e.push(`${p}: Invalid Date`);
  } else if (x !== null && typeof x === 'object')
    for (const [k, v] of Object.entries(x)) finiteEverywhere(v, `${p}.${k}`, e, depth + 1);
}

// --- the project's types ---------------------------------------------------------------------------

export const headerField = obj({ name: str, lname: str, value: str, raw: str, index: int, line: int });

export const headerBlock = all(
  obj({
    fields: arr(headerField),
    size: int,
    junk: arr(obj({ line: int, text: str })),
    truncated: bool,
  }),
  where(
    (b: { fields: { index: number; name: string; lname: string }[] }) =>
      b.fields.every((f, i) => f.index === i && f.lname === f.name.toLowerCase()),
    'field indexes are positions and lname is the lower-cased name',
  ),
);

const tls = obj({ version: opt(str), cipher: opt(str), bits: opt(str) });

export const hop = obj({
  raw: str,
  from: opt(str),
  helo: opt(str),
  rdns: opt(str),
  ip: opt(str),
  ipVersion: opt(lit(4, 6)),
  ident: opt(str),
  by: opt(str),
  via: opt(str),
  protocol: opt(str),
  with: opt(str),
  tls: opt(tls),
  auth: opt(str),
  authText: opt(str),
  ipInvalid: opt(bool),
  id: opt(str),
  for: opt(str),
  envelopeFrom: opt(str),
  dateRaw: opt(str),
  date: opt(date),
});

export const chainHop = obj({
  hop: nullable(hop),
  nonRelay: nullable(hop),
  position: int,
  fieldIndex: int,
  dateMs: nullable(num),
  delaySeconds: nullable(num),
  receiverInternal: bool,
  trusted: bool,
  internal: bool,
  msa: bool,
});

export const receivedChain = obj({
  hops: arr(chainHop),
  receiverHosts: arr(str),
  receiverDomain: nullable(str),
  sendingHostPosition: nullable(int),
  submissionPosition: nullable(int),
  transitSeconds: nullable(num),
  skewPositions: arr(int),
  unreadableDatePositions: arr(int),
  originating: nullable(obj({ ip: str, fieldIndex: int, trusted: bool, internal: bool })),
});

const authProperty = obj({ ptype: str, property: str, value: str, comment: opt(str) });
const authResult = obj({
  method: str,
  result: str,
  known: bool,
  version: opt(str),
  reason: opt(str),
  comments: arr(str),
  properties: arr(authProperty),
});

export const authResultsField = obj({
  authservId: opt(str),
  version: opt(str),
  instance: opt(int),
  none: bool,
  results: arr(authResult),
  errors: arr(str),
  layout: lit('rfc8601', 'microsoft', 'yahoo', 'other'),
  deviations: opt(arr(str)),
  comments: opt(arr(str)),
});

const spfFacts = obj({
  authority: opt(str),
  ip: opt(str),
  domain: opt(str),
  sender: opt(str),
  bestGuess: opt(bool),
  transitioning: opt(bool),
  neitherPermittedNorDenied: opt(bool),
  permanentError: opt(str),
  temporaryError: opt(str),
  noRecord: opt(bool),
});

export const receivedSpf = obj({
  result: str,
  comment: opt(str),
  clientIp: opt(str),
  envelopeFrom: opt(str),
  helo: opt(str),
  receiver: opt(str),
  identity: opt(str),
  mechanism: opt(str),
  problem: opt(str),
  keys: record(str),
  facts: spfFacts,
  errors: opt(arr(str)),
});

const arcSet = obj({
  instance: int,
  cv: nullable(str),
  authservId: nullable(str),
  hasSeal: bool,
  hasMessageSignature: bool,
  hasAuthenticationResults: bool,
});
export const arcSets = obj({
  sets: arr(arcSet),
  shape: lit('none', 'complete', 'missing-instance', 'cv-fail', 'broken'),
});

const verdictSource = obj({
  header: str,
  index: int,
  instance: opt(int),
  authservId: opt(str),
  text: str,
});
const verdicts = obj({
  spf: nullable(
    obj({
      result: str,
      domain: nullable(str),
      sender: nullable(str),
      ip: nullable(str),
      comment: nullable(str),
      facts: spfFacts,
      source: verdictSource,
    }),
  ),
  dkim: arr(
    obj({
      result: str,
      domain: nullable(str),
      selector: nullable(str),
      identity: nullable(str),
      comment: nullable(str),
      source: verdictSource,
    }),
  ),
  dmarc: nullable(
    obj({
      result: str,
      policy: nullable(str),
      subdomainPolicy: nullable(str),
      disposition: nullable(str),
      fromDomain: nullable(str),
      comment: nullable(str),
      source: verdictSource,
    }),
  ),
  arc: obj({
    result: nullable(str),
    comment: nullable(str),
    source: nullable(verdictSource),
    sets: arr(arcSet),
    shape: lit('none', 'complete', 'missing-instance', 'cv-fail', 'broken'),
  }),
});
const receiver = obj({
  authservId: nullable(str),
  provider: nullable(str),
  basis: lit('received-by', 'option', 'only-stamp', 'microsoft-layout', 'port25-report'),
});
const stampTrust = lit(
  'receiver',
  'other-authserv-id',
  'before-receiver',
  'superseded',
  'no-authserv-id',
  'other-field',
);
const stamp = obj({
  header: str,
  fieldIndex: int,
  authservId: nullable(str),
  trusted: bool,
  trust: stampTrust,
  kind: lit(
    'authentication-results',
    'arc-authentication-results',
    'ms-exchange-authentication-results',
    'other-authentication-results',
    'received-spf',
  ),
  parsed: (x, p, e) => {
    // Received-SPF stamps carry a ReceivedSpf, the others an AuthResultsField.
    if (x !== null && typeof x === 'object' && 'keys' in x) receivedSpf(x, p, e);
    else authResultsField(x, p, e);
  },
});
export const stamps = obj({
  receiver: nullable(receiver),
  verdicts,
  stamps: arr(stamp),
  conflicts: arr(
    obj({
      method: str,
      trustedResult: nullable(str),
      claimedResult: str,
      stampTrust,
      source: verdictSource,
    }),
  ),
});

const spfSyntaxError = obj({ code: str });
const spfTerm = obj({ kind: lit('mechanism', 'modifier'), text: str });
export const spfParse: Check = (x, p, e) => {
  obj({ ok: bool })(x, p, e);
  const r = x as { ok?: unknown };
  if (r.ok === true)
    obj({
      record: obj({ text: str, terms: arr(spfTerm), redirect: opt(spfTerm), exp: opt(spfTerm) }),
    })(x, p, e);
  else if (r.ok === false) obj({ error: spfSyntaxError })(x, p, e);
};

export const mailboxes = arr(obj({ name: nullable(str), address: str, domain: nullable(str) }));

const summaryVerdict = obj({ result: str, ip: opt(str), domain: opt(str), line: str });
const gmailSummary = obj({
  messageId: opt(str),
  createdAt: opt(str),
  from: opt(str),
  to: opt(str),
  subject: opt(str),
  spf: opt(summaryVerdict),
  dkim: opt(summaryVerdict),
  dmarc: opt(summaryVerdict),
  lines: arr(str),
});
const inputKind = lit('eml', 'headers', 'gmail-original', 'port25-report', 'gmail-bounce');
export const detected = all(
  obj({
    kind: inputKind,
    message: str,
    firstLine: int,
    offset: int,
    html: bool,
    summary: nullable(gmailSummary),
  }),
  where(
    (d: { firstLine: number; offset: number }) => d.firstLine >= 1 && d.offset >= 0,
    'firstLine >= 1 and offset >= 0',
  ),
);

export const gmailBounce = nullable(
  obj({
    kind: str,
    code: str,
    enhanced: str,
    permanent: bool,
    domain: nullable(str),
    ip: nullable(str),
    spfPassed: nullable(bool),
    dkimPassed: nullable(bool),
    text: str,
  }),
);

export const port25 = nullable(
  obj({
    checks: arr(obj({ name: str, result: str, line: str, identities: arr(str), records: arr(str) })),
    sourceIp: nullable(str),
    helo: nullable(str),
    mailFrom: nullable(str),
  }),
);

const routeHop = all(
  hop,
  obj({
    position: int,
    fieldIndex: int,
    delaySeconds: nullable(num),
    receiverInternal: bool,
    role: lit('receiver-internal', 'sending-host', 'submission', 'relay', 'origin', 'local'),
    provider: nullable(str),
  }),
);

const evidence = obj({ header: str, index: int, text: str });
const codes: readonly string[] = FINDING_CODES;
const reportFinding = obj({
  code: where((c: string) => codes.includes(c), 'finding code not in FINDING_CODES'),
  severity: lit('error', 'warning', 'info', 'ok'),
  args: record(any),
  evidence: arr(evidence),
  title: all(
    str,
    where((s: string) => s.trim() !== '', 'empty title'),
  ),
  message: all(
    str,
    where((s: string) => s.trim() !== '', 'empty message'),
  ),
});
const fix = obj({
  name: str,
  type: lit('TXT'),
  value: str,
  ttl: int,
  zoneLine: str,
  form: obj({ host: str, type: str, value: str }),
  assumes: arr(str),
  answers: where((c: string) => codes.includes(c), 'fix answers no known code'),
  verified: bool,
});

export const report: Check = all(
  obj({
    schema: lit('mailwhy.report/1'),
    lang: lit('en', 'ja'),
    input: obj({
      kind: inputKind,
      name: nullable(str),
      encoding: str,
      headerBytes: int,
      headerFields: int,
      gmailSummary: nullable(gmailSummary),
    }),
    message: obj({
      messageId: nullable(str),
      date: nullable(str),
      from: nullable(str),
      fromAddress: nullable(str),
      fromDomain: nullable(str),
      envelopeFrom: nullable(str),
      envelopeDomain: nullable(str),
      subject: nullable(str),
      to: nullable(str),
    }),
    receiver: nullable(receiver),
    sendingHost: nullable(
      obj({
        ip: nullable(str),
        rdns: nullable(str),
        helo: nullable(str),
        provider: nullable(str),
        position: int,
        ipAgreement: lit('agree', 'disagree', 'no-other-source'),
      }),
    ),
    submission: nullable(
      obj({
        ip: nullable(str),
        rdns: nullable(str),
        helo: nullable(str),
        by: nullable(str),
        auth: nullable(str),
        position: int,
      }),
    ),
    hops: arr(routeHop),
    transitSeconds: nullable(num),
    identities: obj({ envelopeDomain: nullable(str), fromDomain: nullable(str), dkimDomains: arr(str) }),
    verdicts,
    untrusted: arr(obj({ header: str, index: int, authservId: nullable(str), text: str })),
    gmail: obj({
      receiverIsGmail: bool,
      unauthenticated: bool,
      via: nullable(str),
      mailedBy: nullable(str),
      signedBy: arr(str),
      tls: nullable(bool),
    }),
    authenticated: bool,
    findings: arr(reportFinding),
    fixes: arr(fix),
    forUser: all(
      arr(str),
      where((l: string[]) => l.length <= 8, 'forUser has more than 8 lines'),
    ),
    online: lit(null),
  }),
  where(
    (r: { authenticated: boolean; findings: { severity: string }[] }) =>
      !r.authenticated || !r.findings.some((f) => f.severity === 'error'),
    'authenticated although an error finding stands',
  ),
  (x, p, e) => finiteEverywhere(x, p, e),
  (x, p, e) => {
    try {
      JSON.stringify(x);
    } catch (error) {
      e.push(`${p}: JSON.stringify threw ${(error as Error).message}`);
    }
  },
);
