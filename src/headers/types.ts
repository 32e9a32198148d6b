/**
 * One header field as it stands in the message: the raw (folded) text, the unfolded value, and
 * where it was. Repeated fields stay separate entries; order is message order (topmost first).
 */
export interface HeaderField {
  /** Field name as written (case kept). */
  name: string;
  /** Field name in lower case, for lookups. */
  lname: string;
  /** Unfolded value: CRLF/LF + WSP folds joined, leading white space after the colon removed. */
  value: string;
  /** The field exactly as it stood, folds included, without the final line break. */
  raw: string;
  /** 0-based position among all header fields of the block. */
  index: number;
  /** 1-based line number where the field starts, counted in the text handed to the reader. */
  line: number;
}

/** The parsed header block of one message. */
export interface HeaderBlock {
  fields: HeaderField[];
  /** Bytes (or characters) of header text read. */
  size: number;
  /** Lines that were neither a field nor a continuation (kept for findings). */
  junk: { line: number; text: string }[];
  /** True when the reader stopped at the header size limit. */
  truncated: boolean;
}
