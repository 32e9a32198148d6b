/**
 * Node edge of the scan: walks paths, recognises what each input is from its first bytes (not its
 * name), and streams mbox files, maildirs, .eml folders, .zip / .tar / .tgz / .gz archives and
 * standard input through the splitter. Only header blocks leave this module.
 */
import {
  closeSync,
  constants,
  createReadStream,
  fstatSync,
  openSync,
  read,
  readSync,
  realpathSync,
  statSync,
} from 'node:fs';
import { mkdtemp, open, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { Readable, type Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { isMainThread } from 'node:worker_threads';
import { createGunzip, createInflateRaw } from 'node:zlib';
import * as tar from 'tar-stream';
import * as yauzl from 'yauzl';
import { REASON, REASON_PREFIX, withDetail } from '../explain/reasons.js';
import type { SourceRef, SplitMessage } from './split.js';
import { DEFAULT_SCAN_HEADER_BYTES, isFromLine, MailSplitter } from './split.js';
import { STDIN_PATH, stdinKind } from './stdin.js';
import { pipeWindows, Windows } from './windows.js';
import {
  descriptorBytes,
  LOCAL_HEADER_BYTES,
  type LocalHeader,
  localHeaderBytes,
  readLocalHeader,
  unreadableEntry,
} from './zip-local.js';

/** A file's identity, whatever path reaches it. */
export interface FileId {
  dev: number;
  ino: number;
}

/** Where the readers deliver what they find. */
export interface ReaderSink {
  message(src: SourceRef, m: SplitMessage): void;
  /** A message or an archive entry that could not be read: an error record in its place. */
  error(src: SourceRef, reason: string): void;
  /** A file met in a folder or an archive that is not mail (photos, JSON, indexes…). */
  skipped(path: string, reason: string): void;
  /**
   * An input named on the command line that turned out unreadable when its turn came (not mail, a
   * broken archive): the scan goes on with the others, and says so at the end (exit status 2).
   */
  unreadable(path: string, reason: string): void;
  /** Bytes of the input consumed (compressed bytes for archives): drives the progress bar. */
  bytes(n: number): void;
  /** Backpressure: resolves when more may be read. */
  ready(): Promise<void> | null;
  /** True after Ctrl-C: readers stop at the next window. */
  readonly stopped: boolean;
  /**
   * Files never read, by device and inode: the scan's own output files (`--jsonl`, `--csv`, a
   * summary redirected to a file), which may lie in the folder being scanned.
   */
  readonly own?: readonly FileId[];
  /** Aborted on Ctrl-C: a reader blocked on a quiet stream (a pipe) stops waiting. */
  readonly signal?: AbortSignal;
}

/**
 * An input named on the command line that cannot be read at all (exit status 2). A path that does
 * not exist is refused before anything is read; one found unreadable when its turn comes is listed
 * in the summary (`unreadable`) and the scan goes on with the others.
 */
export class UnreadableInput extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path}: ${reason}`);
  }
}

/** Zip bomb guard: an entry or a gzip stream that expands more than this is refused. */
export const MAX_COMPRESSION_RATIO = 200;
/** The ratio is only judged past this size: tiny, very repetitive files are harmless. */
const RATIO_FLOOR_BYTES = 16 * 1024 * 1024;

/** Window size for plain files: large reads, few system calls. */
const WINDOW = 2 * 1024 * 1024;
const SNIFF = 512;

export type InputKind = 'gzip' | 'zip' | 'tar' | 'mbox' | 'message' | 'unknown';

/**
 * Field names a message starts with in practice. A folder or an archive holds other files too; a
 * file is taken for a single message only when its first line is one of these (or it is named .eml).
 */
const FIRST_FIELD =
  /^(?:X-[\w-]+|Return-Path|Received|Delivered-To|X-Original-To|From|To|Cc|Date|Subject|Message-I[Dd]|MIME-Version|ARC-[\w-]+|DKIM-Signature|Authentication-Results|Received-SPF|Content-Type|Reply-To|Sender|In-Reply-To|References|Envelope-to|Status|Precedence|List-[\w-]+|Thread-[\w-]+|User-Agent|Importance|Organization)[ \t]*:/i;
const ANY_FIELD = /^[\x21-\x39\x3b-\x7e]+[ \t]*:/;

function firstLine(head: Uint8Array): string {
  let start = 0;
  while (start < head.length && (head[start] === 0x0a || head[start] === 0x0d)) start++;
  let end = head.indexOf(0x0a, start);
  if (end < 0) end = head.length;
  let s = '';
  for (let i = start; i < end && i < start + 4096; i++) s += String.fromCharCode(head[i] as number);
  return s.replace(/\r$/, '');
}

/** What the first bytes say the input is. `name` only breaks the tie for single messages. */
export function sniff(head: Uint8Array, name: string): InputKind {
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (
    head.length >= 4 &&
    head[0] === 0x50 &&
    head[1] === 0x4b &&
    (head[2] === 3 || head[2] === 5) &&
    (head[3] === 4 || head[3] === 6)
  )
    return 'zip';
  if (head.length >= 262 && String.fromCharCode(...head.subarray(257, 262)) === 'ustar') return 'tar';
  const line = firstLine(head);
  if (line.startsWith('From ') && isFromLine(line)) return 'mbox';
  // An empty mailbox (a folder nobody wrote to) is a mailbox of no messages, not an unreadable input.
  if (head.length < SNIFF && head.every((b) => b === 0x0a || b === 0x0d || b === 0x20 || b === 0x09))
    return 'mbox';
  if (FIRST_FIELD.test(line)) return 'message';
  if (/\.eml$/i.test(name) && ANY_FIELD.test(line)) return 'message';
  return 'unknown';
}

/** Unsafe archive entry names: absolute paths, drive letters, `..` segments, backslashes. */
export function unsafeEntryName(name: string): string | null {
  if (name.includes('\0')) return REASON.nulInName;
  const n = name.replace(/\\/g, '/');
  if (n.startsWith('/') || /^[a-zA-Z]:/.test(n)) return REASON.absolutePath;
  if (n.split('/').includes('..')) return REASON.traversal;
  return null;
}

interface Ref {
  path: string;
  entry?: string;
}

function srcOf(ref: Ref, m: { offset: number; index: number }, format: 'mbox' | 'single'): SourceRef {
  const src: SourceRef = { path: ref.path, index: m.index };
  if (ref.entry !== undefined) src.entry = ref.entry;
  if (format === 'mbox') src.offset = m.offset;
  return src;
}

function entryRef(ref: Ref): SourceRef {
  const src: SourceRef = { path: ref.path, index: 0 };
  if (ref.entry !== undefined) src.entry = ref.entry;
  return src;
}

function splitterFor(format: 'mbox' | 'single', ref: Ref, sink: ReaderSink): MailSplitter {
  return new MailSplitter({
    format,
    maxHeaderBytes: DEFAULT_SCAN_HEADER_BYTES,
    onMessage: (m) => sink.message(srcOf(ref, m, format), m),
    onProblem: (p) =>
      sink.error(
        srcOf(ref, { offset: p.offset, index: 0 }, 'mbox'),
        withDetail(REASON_PREFIX.junkBeforeFirst, `${p.bytes} bytes`),
      ),
  });
}

/**
 * A file read chunk after chunk into one buffer: each chunk is valid until the next is asked for.
 * `destroy()` closes the file (the reader left early); during a read, once the read is done (a
 * descriptor closed under a read could be reused by the next file opened, and read from).
 */
class FileChunks implements AsyncIterable<Buffer> {
  private fd: number | null;
  private readonly owned: boolean;
  private reading = false;
  private destroyed = false;
  private readonly buf = Buffer.allocUnsafe(1024 * 1024);
  /** Bytes read so far. */
  bytesRead = 0;
  /**
   * A path (the file is opened and closed here), or a descriptor and the part of it to read; `fresh`:
   * each chunk in a buffer of its own, for a reader that keeps chunks (a stream's buffer).
   */
  constructor(
    source: string | number,
    private position = 0,
    private readonly end = Number.POSITIVE_INFINITY,
    private readonly fresh = false,
  ) {
    this.owned = typeof source === 'string';
    this.fd = typeof source === 'string' ? openSync(source, 'r') : source;
  }
  async *[Symbol.asyncIterator](): AsyncGenerator<Buffer> {
    try {
      while (this.fd !== null && !this.destroyed) {
        const fd = this.fd;
        const length = Math.min(this.buf.length, this.end - this.position);
        if (length <= 0) break;
        this.reading = true;
        const into = this.fresh ? Buffer.allocUnsafe(length) : this.buf;
        const n = await new Promise<number>((resolve, reject) =>
          read(fd, into, 0, length, this.position, (e, got) => (e ? reject(e) : resolve(got))),
        ).finally(() => {
          this.reading = false;
        });
        if (n === 0 || this.destroyed) break;
        this.position += n;
        this.bytesRead += n;
        yield into.subarray(0, n);
      }
    } finally {
      this.close();
    }
  }
  destroy(): void {
    this.destroyed = true;
    if (!this.reading) this.close();
  }
  private close(): void {
    if (this.fd !== null && this.owned) closeSync(this.fd);
    this.fd = null;
  }
}

/** Reads `length` bytes at `position` into `buf` at `offset`: how many (0 at the end of the file). */
type ReadAt = (buf: Buffer, offset: number, length: number, position: number) => number | Promise<number>;

/** The first read of a file: enough to sniff it and, for a single message, usually all its header. */
const FIRST_READ = 64 * 1024;

/**
 * A plain mbox or message file: one buffer, the carry moved to its front, no other copy. `first`
 * holds the bytes already read from the start of the file (the sniffed ones), used as they are.
 */
async function readPlainFile(
  read: ReadAt,
  size: number,
  ref: Ref,
  format: 'mbox' | 'single',
  sink: ReaderSink,
  first?: { buf: Buffer; filled: number },
): Promise<void> {
  const splitter = splitterFor(format, ref, sink);
  const chunk = format === 'single' ? FIRST_READ : WINDOW;
  let buf = first?.buf ?? Buffer.allocUnsafe(chunk + DEFAULT_SCAN_HEADER_BYTES + 64 * 1024);
  let filled = first?.filled ?? 0;
  let position = filled;
  let base = 0;
  let pending = first !== undefined;
  if (format === 'mbox' && filled > 0) sink.bytes(filled);
  for (;;) {
    if (sink.stopped) return;
    let final = false;
    if (pending) pending = false;
    else {
      if (buf.length - filled < chunk) {
        // Only when a carry is unusually large (a header near the cap): grow instead of failing.
        const bigger = Buffer.allocUnsafe(filled + chunk);
        buf.copy(bigger, 0, 0, filled);
        buf = bigger;
      }
      const bytesRead = await read(buf, filled, Math.min(chunk, buf.length - filled), position);
      filled += bytesRead;
      position += bytesRead;
      final = bytesRead === 0;
      if (format === 'mbox') sink.bytes(bytesRead);
    }
    const used = splitter.push(buf.subarray(0, filled), base, final);
    if (final || splitter.finished) break;
    if (used > 0) {
      buf.copy(buf, 0, used, filled);
      filled -= used;
      base += used;
    }
    const wait = sink.ready();
    if (wait) await wait;
  }
  // The body of a single message was never read; count the whole file so the progress bar meets
  // its total.
  if (format === 'single') sink.bytes(Math.max(size, position));
}

/**
 * `buf` with room for `size` bytes, keeping its first `keep` bytes (a new buffer only when it is too
 * small: a carry near the header cap).
 */
function room(buf: Buffer, keep: number, size: number): Buffer {
  if (buf.length >= size) return buf;
  const bigger = Buffer.allocUnsafe(Math.max(size, buf.length * 2, 64 * 1024));
  buf.copy(bigger, 0, 0, keep);
  return bigger;
}

/**
 * Feeds a stream through a splitter; what it leaves of a chunk is joined to the next one. Each chunk
 * is read only until the next one is asked for (Windows reuses them). Exported for its tests.
 */
export async function feedSplitter(
  chunks: AsyncIterable<Buffer>,
  ref: Ref,
  format: 'mbox' | 'single',
  sink: ReaderSink,
  guard: RatioGuard | null,
): Promise<'done' | 'stopped-early'> {
  const splitter = splitterFor(format, ref, sink);
  // What the splitter left of the last chunk, and the next chunk after it, in one buffer kept from
  // chunk to chunk (a new buffer for each join was a gigabyte of garbage on a gigabyte mailbox).
  let buf: Buffer = Buffer.allocUnsafe(0);
  let carried = 0;
  let base = 0;
  for await (const chunk of chunks) {
    if (sink.stopped) return 'stopped-early';
    if (guard) guard.out(chunk.length);
    let win: Buffer = chunk;
    if (carried > 0) {
      buf = room(buf, carried, carried + chunk.length);
      chunk.copy(buf, carried);
      win = buf.subarray(0, carried + chunk.length);
    }
    const used = splitter.push(win, base, false);
    base += used;
    // Copied: the chunk may be a window read into again (Windows) before the next chunk comes.
    // (When `win` is `buf` it already has the room, and the copy moves the carry to its start.)
    carried = win.length - used;
    if (carried > 0) {
      buf = room(buf, 0, carried);
      win.copy(buf, 0, used);
    }
    if (splitter.finished) return 'stopped-early';
    const wait = sink.ready();
    if (wait) await wait;
  }
  splitter.push(buf.subarray(0, carried), base, true);
  return 'done';
}

/** Counts compressed and expanded bytes of one gzip stream or archive entry and stops a bomb. */
class RatioGuard {
  private expanded = 0;
  constructor(
    private readonly compressed: () => number,
    private readonly what: string,
  ) {}
  out(n: number): void {
    this.expanded += n;
    if (
      this.expanded > RATIO_FLOOR_BYTES &&
      this.expanded / Math.max(1, this.compressed()) > MAX_COMPRESSION_RATIO
    ) {
      throw new GuardError(
        `${this.what} expands more than ${MAX_COMPRESSION_RATIO}× (${this.expanded} bytes from ${this.compressed()}): refused as a possible zip bomb`,
      );
    }
  }
}

class GuardError extends Error {}

/** Reads the first bytes of an async stream, then gives back an iterable of everything. */
async function peek(stream: AsyncIterable<Buffer>): Promise<{ head: Buffer; all: AsyncIterable<Buffer> }> {
  const it = stream[Symbol.asyncIterator]();
  const first: Buffer[] = [];
  let have = 0;
  let ended = false;
  while (have < SNIFF) {
    const r = await it.next();
    if (r.done) {
      ended = true;
      break;
    }
    // A copy: the stream may read into the same memory for its next chunk.
    first.push(Buffer.from(r.value));
    have += r.value.length;
  }
  const head = first.length === 1 ? (first[0] as Buffer) : Buffer.concat(first);
  async function* all(): AsyncGenerator<Buffer> {
    if (head.length > 0) yield head;
    if (ended) return;
    for (;;) {
      const r = await it.next();
      if (r.done) return;
      yield r.value;
    }
  }
  return { head, all: all() };
}

interface StreamContext {
  /** Compressed bytes consumed so far by the outermost stream (for the ratio guard). */
  compressed: () => number;
  /** True for an input named on the command line (unknown content is an error, not a skip). */
  explicit: boolean;
  /** Nesting depth of archives: a tar inside a gzip is normal, deeper nesting is refused. */
  depth: number;
  /**
   * Whether the rest of the stream may be left unread once a single message's header is known (a
   * zip entry, a file: yes, its body costs nothing then; a tar entry: no, the next entry follows it).
   */
  abandonable: boolean;
  /**
   * The windows the stream is read into, when it is: reused once the splitter alone reads them (a
   * zlib or tar-stream reading them holds on to them).
   */
  windows?: Windows;
}

/** Any stream: sniffs it, then gunzips, untars, or splits it. */
async function feedAuto(
  stream: AsyncIterable<Buffer>,
  ref: Ref,
  sink: ReaderSink,
  ctx: StreamContext,
): Promise<void> {
  const { head, all } = await peek(stream);
  const name = ref.entry ?? ref.path;
  const kind = sniff(head, name);
  switch (kind) {
    case 'mbox':
    case 'message': {
      const format = kind === 'mbox' ? 'mbox' : 'single';
      const guard = ctx.depth > 0 ? new RatioGuard(ctx.compressed, ref.entry ?? ref.path) : null;
      ctx.windows?.reuse(true);
      // An iterator without return(): leaving the splitter's loop early must not close it, so that
      // what is left can still be drained below (closing it left a tar entry unread, and tar-stream
      // waited for it for ever: a .tgz of more than one batch of messages hung).
      const it = all[Symbol.asyncIterator]();
      const rest: AsyncIterable<Buffer> = { [Symbol.asyncIterator]: () => ({ next: () => it.next() }) };
      const outcome = await feedSplitter(rest, ref, format, sink, guard);
      // A single message needs only its header: drain what is left only if the container needs it.
      if (outcome === 'stopped-early' && !ctx.abandonable)
        while (!sink.stopped && !(await it.next()).done) {
          // each chunk of the rest of the entry is read and dropped
        }
      return;
    }
    case 'gzip': {
      if (ctx.depth >= 3) {
        sink.error(entryRef(ref), REASON.nestedTooDeep);
        return;
      }
      const gunzip = createGunzip();
      // pumpInto hands zlib each chunk once it has taken the one before: the windows may be reused.
      ctx.windows?.reuse(true);
      const piping = pumpInto(gunzip, all);
      try {
        const windows = new Windows(gunzip);
        await feedAuto(windows, ref, sink, { ...ctx, depth: ctx.depth + 1, windows });
      } finally {
        // Left early (one message's header was enough, or Ctrl-C): stop inflating the rest.
        if (!gunzip.readableEnded) gunzip.destroy();
        await piping;
      }
      return;
    }
    case 'tar': {
      if (ctx.depth >= 3) {
        sink.error(entryRef(ref), REASON.nestedTooDeep);
        return;
      }
      await readTar(all, ref, sink, ctx);
      return;
    }
    case 'zip': {
      if (ref.entry === undefined && ctx.depth === 0) {
        // A zip needs random access (its directory is at the end): spool standard input to a file.
        await spoolZip(all, ref, sink);
        return;
      }
      sink.error(entryRef(ref), REASON.zipInArchive);
      for await (const _ of all) if (sink.stopped) break;
      return;
    }
    case 'unknown': {
      // Said at once, without reading on: the rest of a named input is not needed (and /dev/zero or
      // `<(yes | gzip)` never end). An archive entry is drained, so that the archive goes on.
      if (ctx.explicit && ref.entry === undefined) throw new UnreadableInput(ref.path, REASON.notMailInput);
      for await (const _ of all) if (sink.stopped) break;
      sink.skipped(ref.entry !== undefined ? `${ref.path}!${ref.entry}` : ref.path, REASON.notMail);
      return;
    }
  }
}

async function readTar(
  chunks: AsyncIterable<Buffer>,
  ref: Ref,
  sink: ReaderSink,
  ctx: StreamContext,
): Promise<void> {
  const extract = tar.extract();
  const feeding = pipeline(Readable.from(chunks), extract).catch((e: Error) => {
    extract.destroy(e);
  });
  try {
    for await (const entry of extract) {
      const name = entry.header.name;
      const inner: Ref = { path: ref.path, entry: ref.entry !== undefined ? `${ref.entry}!${name}` : name };
      const bad = unsafeEntryName(name);
      if (bad) {
        sink.error(entryRef(inner), withDetail(REASON_PREFIX.entryRefused, bad));
        entry.resume();
        continue;
      }
      if (entry.header.type !== 'file' && entry.header.type !== 'contiguous-file') {
        // Folders hold nothing of their own; a link or a device entry is listed, not followed.
        if (entry.header.type !== 'directory')
          sink.skipped(
            `${inner.path}!${inner.entry}`,
            entry.header.type === 'link' || entry.header.type === 'symlink'
              ? REASON.archiveLink
              : REASON.notAFile,
          );
        entry.resume();
        continue;
      }
      if (sink.stopped) {
        entry.resume();
        break;
      }
      const windows = new Windows(entry as unknown as Readable);
      await feedAuto(windows, inner, sink, {
        ...ctx,
        explicit: false,
        depth: ctx.depth + 1,
        abandonable: false,
        windows,
      });
      if (sink.stopped) {
        // Ctrl-C: the entry is left unread where it stopped, and tar-stream would wait for it to be
        // read before giving the next one (the scan then ended without its summary).
        extract.destroy();
        break;
      }
    }
  } catch (e) {
    if (e instanceof GuardError || e instanceof UnreadableInput) throw e;
    // Stopped by Ctrl-C, the stream closed under the archive: not the archive's fault.
    if (!sink.stopped)
      sink.error(entryRef(ref), withDetail(REASON_PREFIX.tarUnreadable, (e as Error).message));
  }
  await feeding;
}

async function spoolZip(chunks: AsyncIterable<Buffer>, ref: Ref, sink: ReaderSink): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'mailwhy-'));
  const file = join(dir, 'stdin.zip');
  try {
    const fh = await open(file, 'w');
    try {
      for await (const c of chunks) await fh.write(c);
    } finally {
      await fh.close();
    }
    // Its bytes were counted as they came in: reading the spooled copy must not count them again.
    const uncounted: ReaderSink = Object.create(sink, { bytes: { value: () => {} } });
    await readZip(file, uncounted, ref.path);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function openZip(path: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    // decodeStrings off: yauzl would stop the whole archive at the first unsafe name; we refuse
    // that entry alone, report it, and read the rest.
    yauzl.open(
      path,
      { lazyEntries: true, decodeStrings: false, validateEntrySizes: true, autoClose: true },
      (err, zip) => (err ? reject(err) : resolve(zip)),
    );
  });
}

async function readZip(path: string, sink: ReaderSink, shownPath: string = path): Promise<void> {
  let zip: yauzl.ZipFile;
  try {
    zip = await openZip(path);
  } catch (e) {
    // No central directory (a Takeout part cut short): its entries, read one after the other.
    if (await readZipByEntryHeaders(path, sink, shownPath)) return;
    throw new UnreadableInput(shownPath, withDetail(REASON_PREFIX.notAZip, (e as Error).message));
  }
  // yauzl lists the entries from the central directory; their data is read here, by position, into
  // one buffer that zlib takes chunk by chunk (yauzl's own streams read it in small new buffers:
  // 11.9 s for the 1 GB workload's .zip, against 7.6 s for the same as a .gz).
  const fd = openSync(path, 'r');
  const size = fstatSync(fd).size;
  await new Promise<void>((resolve, reject) => {
    zip.on('error', (e: Error) => {
      sink.error({ path: shownPath, index: 0 }, withDetail(REASON_PREFIX.zipUnreadable, e.message));
      resolve();
    });
    zip.on('end', () => resolve());
    zip.on('entry', (entry: yauzl.Entry) => {
      handleZipEntry(fd, size, entry, shownPath, sink).then(
        () => {
          if (sink.stopped) {
            zip.close();
            resolve();
          } else zip.readEntry();
        },
        (e: Error) => reject(e),
      );
    });
    zip.readEntry();
  }).finally(() => closeSync(fd));
}

async function handleZipEntry(
  fd: number,
  size: number,
  entry: yauzl.Entry,
  path: string,
  sink: ReaderSink,
): Promise<void> {
  const raw = entry.fileName as unknown as Buffer;
  const name = yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, raw, entry.extraFields, false);
  const ref: Ref = { path, entry: name };
  const bad = unsafeEntryName(name);
  if (bad) {
    sink.error(entryRef(ref), withDetail(REASON_PREFIX.entryRefused, bad));
    return;
  }
  if (name.endsWith('/')) return;
  const declared = entry.uncompressedSize;
  if (declared > RATIO_FLOOR_BYTES && declared / Math.max(1, entry.compressedSize) > MAX_COMPRESSION_RATIO) {
    sink.error(
      entryRef(ref),
      withDetail(
        REASON_PREFIX.entryRefused,
        `declares ${declared} bytes from ${entry.compressedSize} (over ${MAX_COMPRESSION_RATIO}×, possible zip bomb)`,
      ),
    );
    sink.bytes(entry.compressedSize);
    return;
  }
  const method = entry.compressionMethod;
  const refused = unreadableEntry(entry.isEncrypted(), method);
  if (refused) {
    sink.error(entryRef(ref), withDetail(REASON_PREFIX.entryRefused, refused));
    sink.bytes(entry.compressedSize);
    return;
  }
  // The data begins after the entry's local header, whose name and extra field may differ in length
  // from the directory's.
  const local = Buffer.alloc(LOCAL_HEADER_BYTES);
  const at = entry.relativeOffsetOfLocalHeader;
  const headerBytes = localHeaderBytes(local.subarray(0, readSync(fd, local, 0, LOCAL_HEADER_BYTES, at)));
  if (headerBytes === null) {
    sink.error(entryRef(ref), withDetail(REASON_PREFIX.entryUnreadable, `no entry header at byte ${at}`));
    return;
  }
  const header: LocalHeader = {
    name,
    method,
    encrypted: false,
    descriptor: false,
    compressedSize: entry.compressedSize,
    headerBytes,
  };
  const read = await readEntryByHeader(fd, size, at + headerBytes, header, ref, sink, false, declared);
  if (typeof read !== 'number')
    sink.error(entryRef(ref), withDetail(REASON_PREFIX.entryUnreadable, read.error));
}

/**
 * A zip read by the header in front of each entry, for want of its central directory (a Takeout
 * part cut short): each entry is read as yauzl would give it, up to the end of the archive or to
 * where it stops making sense (the cut), which one error record says. False when the file does not
 * even start with an entry header: not a zip after all.
 */
async function readZipByEntryHeaders(path: string, sink: ReaderSink, shown: string): Promise<boolean> {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    let head = Buffer.allocUnsafe(1024);
    let position = 0;
    /** Where and why the reading stopped before the directory: one error record says it. */
    let stop: { entry?: string; why: string } | null = null;
    for (;;) {
      if (sink.stopped) return true;
      // The fixed part, then the name and extra field it gives the length of.
      let got = readSync(fd, head, 0, LOCAL_HEADER_BYTES, position);
      const whole = localHeaderBytes(head.subarray(0, got));
      if (whole !== null) {
        if (head.length < whole) head = Buffer.allocUnsafe(whole);
        got = readSync(fd, head, 0, whole, position);
      }
      const header = readLocalHeader(head.subarray(0, got));
      if (header === 'directory') break;
      if (typeof header === 'string') {
        if (position === 0) return false;
        stop = {
          why:
            header === 'more' && position + got >= size
              ? `the file ends inside an entry header at byte ${position}`
              : `no entry header at byte ${position}`,
        };
        break;
      }
      const ref: Ref = { path: shown, entry: header.name };
      const start = position + header.headerBytes;
      sink.bytes(header.headerBytes);
      const refused = unsafeEntryName(header.name) ?? unreadableEntry(header.encrypted, header.method);
      if (refused) sink.error(entryRef(ref), withDetail(REASON_PREFIX.entryRefused, refused));
      const skip = refused !== null || header.name.endsWith('/');
      const length = await readEntryByHeader(fd, size, start, header, ref, sink, skip);
      if (sink.stopped) return true;
      if (typeof length !== 'number') {
        stop = { entry: header.name, why: `the entry from byte ${position}: ${length.error}` };
        break;
      }
      position = start + length;
      if (header.descriptor) {
        // The longest descriptor (24 bytes) and the signature after it.
        const n = readSync(fd, head, 0, 28, position);
        const bytes = descriptorBytes(head.subarray(0, n), length);
        if (bytes === null) {
          stop = { entry: header.name, why: `no data descriptor at byte ${position}, after the entry` };
          break;
        }
        position += bytes;
      }
    }
    if (stop !== null)
      sink.error(
        entryRef(stop.entry !== undefined ? { path: shown, entry: stop.entry } : { path: shown }),
        withDetail(REASON_PREFIX.zipWithoutDirectory, `read entry by entry, ${size} bytes; ${stop.why}`),
      );
    return true;
  } finally {
    closeSync(fd);
  }
}

/**
 * One entry of a zip read by its header: its messages (unless `skip`), and the length of its data,
 * which a streamed zip says only after it (a deflate stream ends by itself: zlib's count of the bytes
 * it took). An error when the entry cannot be read to its end (the archive was cut inside it): the
 * messages before the cut are in, the one it cuts is not.
 */
async function readEntryByHeader(
  fd: number,
  size: number,
  start: number,
  header: LocalHeader,
  ref: Ref,
  sink: ReaderSink,
  skip: boolean,
  /** The uncompressed size the central directory declares: more is refused, as yauzl does. */
  declared?: number,
): Promise<number | { error: string }> {
  const known = header.compressedSize;
  if (skip && known !== null) {
    sink.bytes(known);
    return known;
  }
  // Stored, and its length only after it: nothing says where it ends.
  if (known === null && header.method !== 8) return { error: 'stored, its length given only after it' };
  if (known === 0) return 0;
  // Stored and cut short: what is there is read, and the entry said to end early.
  const stored = known === null ? 0 : Math.max(0, Math.min(known, size - start));
  if (header.method === 0 && stored === 0) return { error: 'the file ends before its data' };
  const inflate = header.method === 8 ? createInflateRaw() : null;
  // Deflated: read into one buffer, which zlib takes chunk by chunk. Stored (its length known): new
  // buffers, as the splitter or an inner archive may be given them (not a file stream on the
  // descriptor: destroying one closes the descriptor, which the next entries need).
  const source = inflate
    ? new FileChunks(fd, start, known === null ? Number.POSITIVE_INFINITY : start + known)
    : new FileChunks(fd, start, start + stored, true);
  /** Bytes given to zlib, and bytes it took (counted as read: what it did not take is the next header's). */
  let fed = 0;
  let took = 0;
  const pumping = inflate
    ? pumpInto(inflate, source, (chunk) => {
        fed += chunk.length;
        sink.bytes(inflate.bytesWritten - took);
        took = inflate.bytesWritten;
        // zlib took less than it was given: the deflate stream ended inside this chunk.
        return took >= fed;
      })
    : null;
  const stream = inflate ?? Readable.from(source);
  if (declared !== undefined) {
    let out = 0;
    stream.on('data', (chunk: Buffer) => {
      out += chunk.length;
      if (out > declared)
        stream.destroy(new Error(`too many bytes in the stream: ${declared} declared, at least ${out} read`));
    });
  }
  const windows = new Windows(stream);
  try {
    if (!skip)
      await feedAuto(windows, ref, sink, {
        compressed: () => (inflate ? took : source.bytesRead),
        explicit: false,
        depth: 1,
        // Its length known, the rest of the entry may be left unread; else it is read to its end.
        abandonable: known !== null,
        windows,
      });
    // A refused entry, or the rest of one whose length only its end tells: read to find that end.
    if (known === null) {
      windows.reuse(true);
      for await (const _ of windows) if (sink.stopped) return { error: 'interrupted' };
    }
  } catch (e) {
    if (e instanceof UnreadableInput) throw e;
    return { error: (e as Error).message };
  } finally {
    if (!stream.readableEnded) stream.destroy();
    source.destroy();
    await pumping;
  }
  if (!inflate && known !== null && stored < known) {
    sink.bytes(stored);
    return { error: `the file ends ${known - stored} bytes before the end of the entry` };
  }
  const length = known ?? inflate?.bytesWritten ?? 0;
  // The whole entry counts as read, as when yauzl read it, also when its messages were found before
  // its end: the progress and the summary's bytes meet the archive's size.
  sink.bytes(length - took);
  return length;
}

/**
 * Writes each chunk into a zlib stream once it has taken the one before (the write's callback), so
 * that the chunk's memory may be read into again (Windows, FileChunks). `after` each write may end
 * the pumping early (a raw deflate stream that ended). A failure destroys the zlib stream, which
 * its reader then sees.
 */
function pumpInto(
  z: Transform,
  chunks: AsyncIterable<Buffer>,
  after?: (chunk: Buffer) => boolean,
): Promise<void> {
  return (async () => {
    for await (const chunk of chunks) {
      if (z.destroyed) return;
      await new Promise<void>((resolve, reject) => z.write(chunk, (e) => (e ? reject(e) : resolve())));
      if (after?.(chunk) === false) break;
    }
    z.end();
  })().catch((e: Error) => {
    z.destroy(e);
  });
}

/** Counts bytes flowing out of a file stream (compressed bytes, for progress and the ratio guard). */
async function* counted(
  stream: AsyncIterable<Buffer>,
  sink: ReaderSink,
  counter: { n: number },
): AsyncGenerator<Buffer> {
  for await (const chunk of stream) {
    counter.n += chunk.length;
    sink.bytes(chunk.length);
    yield chunk;
  }
}

/**
 * One file: plain mbox and message files are read at positions, archives as streams. A folder holds
 * mostly single messages of a few kilobytes, thousands of them: a file is opened, measured, sniffed
 * and (for a single message) read with synchronous calls, a few microseconds each where each
 * asynchronous call is a round trip to the thread pool, and the sniffed bytes are its first window
 * (a 100,000-file maildir: 81 s before, most of it in seven asynchronous calls and a 1 MB buffer per
 * file). An mbox is read 2 MB at a time asynchronously, so that results come in while it reads.
 */
export async function scanFile(
  path: string,
  sink: ReaderSink,
  explicit: boolean,
  shown: string = path,
  head: Buffer = Buffer.allocUnsafe(FIRST_READ + 16 * 1024),
): Promise<void> {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code === 'ENOENT' ? REASON.noSuchFile : (e as Error).message;
    if (explicit) throw new UnreadableInput(shown, reason);
    sink.error({ path: shown, index: 0 }, withDetail(REASON_PREFIX.unreadable, reason));
    return;
  }
  let kind: InputKind;
  try {
    const st = fstatSync(fd);
    if (sink.own?.some((o) => o.dev === st.dev && o.ino === st.ino)) {
      sink.skipped(shown, REASON.ownOutput);
      return;
    }
    if (!st.isFile()) {
      // A pipe or a device (`mailwhy scan <(zcat box.mbox.gz)`): no seeking, read as a stream. A
      // pipe is opened again without blocking and read as a socket, so that Ctrl-C can stop a read
      // that waits for the writer (a file read would hold a thread until data came). Either way the
      // stream has a descriptor of its own, which destroying it closes.
      const { input, windows } =
        st.isFIFO() || st.isSocket()
          ? pipeWindows(openSync(path, constants.O_RDONLY | constants.O_NONBLOCK))
          : streamWindows(createReadStream(path));
      try {
        await scanStream(input, windows, shown, sink);
      } finally {
        // Left before its end (not mail, or one message was enough): no read may go on behind.
        input.destroy();
      }
      return;
    }
    const filled = readSync(fd, head, 0, FIRST_READ, 0);
    kind = sniff(head.subarray(0, Math.min(filled, SNIFF)), path);
    if (kind === 'message') {
      const readNow: ReadAt = (buf, offset, length, position) => readSync(fd, buf, offset, length, position);
      await readPlainFile(readNow, st.size, { path: shown }, 'single', sink, { buf: head, filled });
      return;
    }
    if (kind === 'mbox') {
      const readLater: ReadAt = (buf, offset, length, position) =>
        new Promise((resolve, reject) =>
          read(fd, buf, offset, length, position, (e, n) => (e ? reject(e) : resolve(n))),
        );
      await readPlainFile(readLater, st.size, { path: shown }, 'mbox', sink);
      return;
    }
  } finally {
    closeSync(fd);
  }
  if (kind === 'zip') {
    await readZip(path, sink, shown);
    return;
  }
  if (kind === 'unknown') {
    if (explicit) throw new UnreadableInput(shown, REASON.notMailInput);
    sink.skipped(shown, REASON.notMail);
    sink.bytes((await stat(path)).size);
    return;
  }
  const counter = { n: 0 };
  // A gzip'd file is read into one buffer, again and again (zlib takes each chunk before the next
  // read); a tar, whose reader holds on to what it is given, through a stream.
  const stream =
    kind === 'gzip' ? new FileChunks(path) : createReadStream(path, { highWaterMark: 1024 * 1024 });
  try {
    await feedAuto(counted(stream, sink, counter), { path: shown }, sink, {
      compressed: () => counter.n,
      explicit,
      depth: 0,
      abandonable: true,
    });
  } catch (e) {
    if (e instanceof UnreadableInput) throw e;
    // A corrupt or cut gzip/tar, or the bomb guard: an error record where the reading stopped.
    sink.error({ path: shown, index: 0 }, withDetail(REASON_PREFIX.stoppedReading, (e as Error).message));
  } finally {
    stream.destroy();
  }
}

/**
 * Standard input: anything a file can be, zip included. A redirected file is read as any file is (by
 * position; a zip from its central directory). A pipe is opened again without blocking (an open for
 * reading would wait for a writer that may be gone) and read as a socket, so that Ctrl-C can stop
 * a read that waits for the writer; either way any thread can read it. Anything else is read
 * through `process.stdin`, on the main thread (a zip is then spooled to a temporary file).
 */
export async function scanStdin(sink: ReaderSink): Promise<void> {
  const kind = stdinKind();
  if (kind === 'file') return scanFile(STDIN_PATH, sink, true, '-');
  if (kind === 'pipe') {
    const { input, windows } = pipeWindows(openSync(STDIN_PATH, constants.O_RDONLY | constants.O_NONBLOCK));
    try {
      await scanStream(input, windows, '-', sink);
    } finally {
      input.destroy();
    }
    return;
  }
  if (!isMainThread)
    throw new Error('standard input that is not a file or a pipe is read on the main thread');
  return scanStream(process.stdin, new Windows(process.stdin), '-', sink);
}

function streamWindows(input: Readable): { input: Readable; windows: Windows } {
  return { input, windows: new Windows(input) };
}

/** A stream (standard input, a named pipe): read as it comes, stopped at once by Ctrl-C. */
async function scanStream(input: Readable, windows: Windows, shown: string, sink: ReaderSink): Promise<void> {
  const counter = { n: 0 };
  const onAbort = (): void => {
    input.destroy();
  };
  sink.signal?.addEventListener('abort', onAbort);
  try {
    await feedAuto(counted(windows, sink, counter), { path: shown }, sink, {
      compressed: () => counter.n,
      explicit: true,
      depth: 0,
      abandonable: true,
      windows,
    });
  } catch (e) {
    if (e instanceof UnreadableInput) throw e;
    // Destroyed by Ctrl-C: not an error, the summary says where it stopped.
    if (!sink.stopped)
      sink.error({ path: shown, index: 0 }, withDetail(REASON_PREFIX.stoppedReading, (e as Error).message));
  } finally {
    sink.signal?.removeEventListener('abort', onAbort);
  }
}

/** A file found under a folder, or an entry that is not read, with the reason (listed as skipped). */
export interface FolderEntry {
  path: string;
  skip?: string;
}

/**
 * A folder's entries, sorted by name: names and kinds only, so that the Dirent objects of a
 * 100,000-file folder are not held for as long as the folder is read.
 */
async function folderEntries(dir: string): Promise<{ names: string[]; kinds: string[] }> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return {
    names: entries.map((e) => e.name),
    kinds: entries.map((e) =>
      e.isDirectory() ? 'dir' : e.isFile() ? 'file' : e.isSymbolicLink() ? 'link' : 'other',
    ),
  };
}

/**
 * Every file under a folder, in sorted order, skipping maildir tmp/ (messages being delivered, not
 * mail yet). Walked, not listed: only the folder being read is held in memory, so a maildir of a
 * million messages costs its largest folder's names, not every path. Symbolic links are followed
 * (mairix and notmuch make folders of links to messages), each real folder once: a link back up the
 * tree is reported, as are broken links and entries that are not files (sockets, pipes).
 */
export async function* walkFolder(
  dir: string,
  seen: Set<string> = new Set([realpathSync(dir)]),
): AsyncGenerator<FolderEntry> {
  const { names, kinds } = await folderEntries(dir);
  const isMaildir = names.some((n, i) => n === 'cur' && kinds[i] === 'dir');
  for (let i = 0; i < names.length; i++) {
    const name = names[i] as string;
    const path = join(dir, name);
    let kind = kinds[i] as string;
    if (kind === 'link') {
      try {
        const st = statSync(path);
        kind = st.isDirectory() ? 'dir' : st.isFile() ? 'file' : 'other';
      } catch {
        yield { path, skip: REASON.brokenLink };
        continue;
      }
    }
    if (kind === 'dir') {
      if (isMaildir && name === 'tmp') continue;
      const real = realpathSync(path);
      if (seen.has(real)) {
        yield { path, skip: REASON.linkLoop };
        continue;
      }
      seen.add(real);
      yield* walkFolder(path, seen);
    } else if (kind === 'file') yield { path };
    else yield { path, skip: REASON.notAFile };
  }
}

/**
 * Total bytes of the inputs, for the progress bar (null when a stream is involved), and which inputs
 * are folders. A folder is walked once here for its size and once more to read it.
 */
export async function inputSizes(paths: string[]): Promise<{ folders: Set<string>; total: number | null }> {
  const folders = new Set<string>();
  let total: number | null = 0;
  for (const p of paths) {
    if (p === '-') {
      total = null;
      continue;
    }
    let st: Awaited<ReturnType<typeof stat>>;
    try {
      st = await stat(p);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new UnreadableInput(p, code === 'ENOENT' ? REASON.noSuchPath : (e as Error).message);
    }
    if (st.isDirectory()) {
      folders.add(p);
      // One quick metadata call per file: a maildir can hold hundreds of thousands.
      for await (const f of walkFolder(p)) if (!f.skip && total !== null) total += statSync(f.path).size;
    } else if (!st.isFile())
      total = null; // a pipe: its size is not known
    else if (total !== null) total += st.size;
  }
  return { folders, total };
}

/** Reads every input in order. */
export async function readInputs(paths: string[], folders: Set<string>, sink: ReaderSink): Promise<void> {
  // The buffer each file's first bytes are read into, reused from file to file (what the splitter
  // finds in it is copied into a batch before the next file is opened).
  const head = Buffer.allocUnsafe(FIRST_READ + 16 * 1024);
  let stdinRead = false;
  for (const p of paths) {
    if (sink.stopped) return;
    // Standard input is read once: named again (`scan - -`), it has nothing more to give (a
    // redirected file, opened again as /dev/stdin, would be read a second time).
    if (p === '-' && stdinRead) continue;
    if (p === '-') stdinRead = true;
    if (!folders.has(p)) {
      // One broken Takeout part must not cost the others: it is reported, and the scan goes on.
      try {
        await (p === '-' ? scanStdin(sink) : scanFile(p, sink, true, p, head));
      } catch (e) {
        if (!(e instanceof UnreadableInput)) throw e;
        sink.unreadable(e.path, e.reason);
      }
      continue;
    }
    for await (const f of walkFolder(p)) {
      if (sink.stopped) return;
      if (f.skip) {
        sink.skipped(f.path, f.skip);
        continue;
      }
      // Backpressure between files too: a folder of small messages is read faster than analysed.
      const wait = sink.ready();
      if (wait) await wait;
      await scanFile(f.path, sink, false, join(p, relative(p, f.path)), head);
    }
  }
}
