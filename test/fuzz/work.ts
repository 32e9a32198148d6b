// Counting work instead of timing it: while `fn` runs, the string and RegExp primitives the parsers
// are built from are wrapped, and each call adds the characters it had to look at (the distance a
// search or a regular expression scanned, the length of a slice, split, case change or join). A
// parser that rescans or copies the rest of its input per step counts n² here even when n is small and
// the machine is fast, so the linearity tests are deterministic. What is not counted: character
// indexing and charCodeAt (O(1) each, and a loop over them is linear), and backtracking inside one
// regular expression (the long run's timings cover that).

type Fn = (this: unknown, ...args: unknown[]) => unknown;

let work = 0;
let active = false;

const S = String.prototype as unknown as Record<string, Fn>;
const R = RegExp.prototype as unknown as Record<string, Fn>;
const A = Array.prototype as unknown as Record<string, Fn>;
const T = Object.getPrototypeOf(Uint8Array.prototype) as Record<string, Fn>;
const D = TextDecoder.prototype as unknown as Record<string, Fn>;

function len(x: unknown): number {
  return typeof x === 'string' ? x.length : 0;
}

/** How many characters a call looked at. */
const STRING_COSTS: Record<string, (self: string, args: unknown[], result: unknown) => number> = {
  slice: (_s, _a, r) => len(r),
  substring: (_s, _a, r) => len(r),
  substr: (_s, _a, r) => len(r),
  indexOf: (s, a, r) => {
    const from = Math.max(0, Number(a[1] ?? 0) || 0);
    return ((r as number) < 0 ? s.length : (r as number)) - from + 1;
  },
  lastIndexOf: (s, a, r) => {
    const from = a[1] === undefined ? s.length : Math.max(0, Math.min(s.length, Number(a[1]) || 0));
    return from - Math.max(r as number, 0) + 1;
  },
  includes: (s) => s.length,
  startsWith: (_s, a) => len(a[0]),
  endsWith: (_s, a) => len(a[0]),
  split: (s) => s.length,
  toLowerCase: (s) => s.length,
  toUpperCase: (s) => s.length,
  trim: (s) => s.length,
  trimStart: (s, _a, r) => s.length - len(r) + 1,
  trimEnd: (s, _a, r) => s.length - len(r) + 1,
  normalize: (s) => s.length,
  repeat: (_s, _a, r) => len(r),
  padStart: (_s, _a, r) => len(r),
  padEnd: (_s, _a, r) => len(r),
  concat: (_s, _a, r) => len(r),
  localeCompare: (s, a) => Math.min(s.length, len(a[0])),
};

function regexCost(re: RegExp, s: string, start: number, result: RegExpExecArray | null): number {
  if (result) return result.index + result[0].length - start + 1;
  // A failed anchored or sticky match looks at its start only.
  if (re.sticky || (re.source.charCodeAt(0) === 0x5e && !re.multiline)) return 1;
  return s.length - start + 1;
}

const originals = new Map<string, [Record<string, Fn>, Fn]>();

function install(): void {
  for (const name of Object.keys(STRING_COSTS)) {
    const orig = S[name] as Fn;
    const cost = STRING_COSTS[name] as (self: string, args: unknown[], result: unknown) => number;
    originals.set(`S.${name}`, [S, orig]);
    S[name] = function (this: unknown, ...args: unknown[]): unknown {
      const r = Reflect.apply(orig, this, args);
      if (active) work += Math.max(1, cost(String(this), args, r));
      return r;
    };
  }
  const exec = R.exec as Fn;
  originals.set('R.exec', [R, exec]);
  R.exec = function (this: unknown, ...args: unknown[]): unknown {
    const re = this as RegExp;
    const start = re.global || re.sticky ? re.lastIndex : 0;
    const r = Reflect.apply(exec, this, args) as RegExpExecArray | null;
    if (active) work += regexCost(re, String(args[0]), start, r);
    return r;
  };
  const join = A.join as Fn;
  originals.set('A.join', [A, join]);
  A.join = function (this: unknown, ...args: unknown[]): unknown {
    const r = Reflect.apply(join, this, args);
    if (active) work += len(r) + 1;
    return r;
  };
}

function wrap(
  tag: string,
  proto: Record<string, Fn>,
  key: string,
  cost: (self: unknown, args: unknown[], r: unknown) => number,
): void {
  const orig = proto[key] as Fn;
  originals.set(`${tag}.${key}`, [proto, orig]);
  proto[key] = function (this: unknown, ...args: unknown[]): unknown {
    const r = Reflect.apply(orig, this, args);
    if (active) work += Math.max(1, cost(this, args, r));
    return r;
  };
}

function installBytes(): void {
  // Typed arrays: searches in bytes (the mbox splitter) and decoding (bytesToText).
  wrap('T', T, 'indexOf', (self, a, r) => {
    const n = (self as Uint8Array).length;
    return ((r as number) < 0 ? n : (r as number)) - Math.max(0, Number(a[1] ?? 0) || 0) + 1;
  });
  wrap('T', T, 'slice', (_s, _a, r) => (r as Uint8Array).length);
  wrap('D', D, 'decode', (_s, a) => (a[0] as Uint8Array | undefined)?.byteLength ?? 0);
}

function uninstall(): void {
  for (const [key, [proto, orig]] of originals) proto[key.slice(key.indexOf('.') + 1)] = orig;
  originals.clear();
}

/** Runs `fn` and returns its result with the characters it looked at. Synchronous code only. */
export function countWork<T>(fn: () => T): { result: T; work: number } {
  work = 0;
  install();
  installBytes();
  active = true;
  try {
    const result = fn();
    return { result, work };
  } finally {
    active = false;
    uninstall();
  }
}
