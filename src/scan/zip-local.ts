/**
 * A zip read by the header in front of each entry (APPNOTE.TXT 4.3.7), for an archive whose central
 * directory is missing: a Takeout part whose download was cut short. yauzl reads a zip from its
 * directory at the end, so such a part gave nothing; its entries can still be read one after the
 * other up to the cut. Pure: parsing only, the reading is in sources.ts.
 */

/** `PK\3\4`: a local file header. */
export const LOCAL_HEADER_SIGNATURE = 0x04034b50;
const CENTRAL_HEADER_SIGNATURE = 0x02014b50;
const END_SIGNATURES = new Set([0x06054b50, 0x06064b50, 0x07064b50]);
const DESCRIPTOR_SIGNATURE = 0x08074b50;
/** The fixed part of a local header. */
export const LOCAL_HEADER_BYTES = 30;
const ZIP64_EXTRA = 0x0001;

export interface LocalHeader {
  name: string;
  /** 0 stored, 8 deflated: the only ones read. */
  method: number;
  encrypted: boolean;
  /** General purpose bit 3: sizes and CRC follow the data, in a data descriptor. */
  descriptor: boolean;
  /** Null when only the descriptor after the data says it (a zip written as a stream). */
  compressedSize: number | null;
  /** The header with its name and extra field: the data starts this far after the header. */
  headerBytes: number;
}

/**
 * The length of the local header at the start of `b` (its fixed part, name and extra field), from
 * the fixed part alone; null when `b` does not start with one.
 */
export function localHeaderBytes(b: Uint8Array): number | null {
  if (b.length < LOCAL_HEADER_BYTES) return null;
  const view = new DataView(b.buffer, b.byteOffset, b.length);
  if (view.getUint32(0, true) !== LOCAL_HEADER_SIGNATURE) return null;
  return LOCAL_HEADER_BYTES + view.getUint16(26, true) + view.getUint16(28, true);
}

/** Why an entry is not read whatever its name: encrypted, or compressed by a method other than 0 or 8. */
export function unreadableEntry(encrypted: boolean, method: number): string | null {
  if (encrypted) return 'encrypted';
  return method !== 0 && method !== 8 ? `compression method ${method}` : null;
}

/**
 * The local header at the start of `b`, or why there is none: `more` (`b` ends inside it: read
 * more, or the archive ends here), `directory` (the central directory begins: every entry was
 * read), `other` (not a header: the archive is damaged here).
 */
export function readLocalHeader(b: Uint8Array): LocalHeader | 'more' | 'directory' | 'other' {
  if (b.length < 4) return 'more';
  const view = new DataView(b.buffer, b.byteOffset, b.length);
  const signature = view.getUint32(0, true);
  if (signature === CENTRAL_HEADER_SIGNATURE || END_SIGNATURES.has(signature)) return 'directory';
  if (signature !== LOCAL_HEADER_SIGNATURE) return 'other';
  if (b.length < LOCAL_HEADER_BYTES) return 'more';
  const flags = view.getUint16(6, true);
  const method = view.getUint16(8, true);
  const compressed32 = view.getUint32(18, true);
  const uncompressed32 = view.getUint32(22, true);
  const nameLength = view.getUint16(26, true);
  // Never null here: the signature and the fixed part were checked above.
  const headerBytes = localHeaderBytes(b) ?? LOCAL_HEADER_BYTES;
  if (b.length < headerBytes) return 'more';
  const nameBytes = b.subarray(LOCAL_HEADER_BYTES, LOCAL_HEADER_BYTES + nameLength);
  // Bit 11: the name is UTF-8 (Takeout's are). Otherwise IBM 437, read here as Latin-1: the ASCII
  // names of mail folders come out the same.
  const name = new TextDecoder(flags & 0x800 ? 'utf-8' : 'latin1').decode(nameBytes);
  let compressed: number = compressed32;
  // ZIP64 (APPNOTE 4.5.3): the 64-bit sizes of the fields set to 0xFFFFFFFF, in this order.
  for (let at = LOCAL_HEADER_BYTES + nameLength; at + 4 <= headerBytes; ) {
    const id = view.getUint16(at, true);
    const size = view.getUint16(at + 2, true);
    if (id === ZIP64_EXTRA) {
      let field = at + 4;
      if (uncompressed32 === 0xffffffff && field + 8 <= at + 4 + size) field += 8;
      if (compressed32 === 0xffffffff && field + 8 <= at + 4 + size)
        compressed = Number(view.getBigUint64(field, true));
    }
    at += 4 + size;
  }
  const descriptor = (flags & 0x8) !== 0;
  return {
    name,
    method,
    encrypted: (flags & 0x1) !== 0,
    descriptor,
    compressedSize: descriptor && compressed === 0 ? null : compressed,
    headerBytes,
  };
}

/**
 * The length of the data descriptor at the start of `b` (APPNOTE 4.3.9), after data of
 * `compressed` bytes: with or without its optional signature, with 4- or 8-byte sizes (ZIP64). Its
 * compressed size must be the one the data had; null when no reading of it agrees.
 */
export function descriptorBytes(b: Uint8Array, compressed: number): number | null {
  const view = new DataView(b.buffer, b.byteOffset, b.length);
  const signed = b.length >= 4 && view.getUint32(0, true) === DESCRIPTOR_SIGNATURE ? 4 : 0;
  // crc-32, then the compressed size: 4 bytes, or 8 in a ZIP64 archive.
  const at = signed + 4;
  const fits4 = b.length >= at + 8 && view.getUint32(at, true) === compressed % 2 ** 32;
  const fits8 = b.length >= at + 16 && Number(view.getBigUint64(at, true)) === compressed;
  // Both readings agree when the 4-byte uncompressed size after the compressed one is 0: the
  // 8-byte one is right if a header, or the end of what was read, follows it.
  if (fits8) {
    const next = b.length >= at + 20 ? view.getUint32(at + 16, true) : null;
    if (b.length === at + 16 || next === LOCAL_HEADER_SIGNATURE || next === CENTRAL_HEADER_SIGNATURE)
      return at + 16;
  }
  if (fits4) return at + 8;
  return fits8 ? at + 16 : null;
}
