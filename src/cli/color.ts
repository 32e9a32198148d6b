/** Colours only on a terminal, never with NO_COLOR (no-color.org), unless forced with --color. */
export function useColor(flag: boolean | undefined, stream: NodeJS.WriteStream): boolean {
  if (flag === false) return false;
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') return false;
  if (flag === true) return true;
  return stream.isTTY === true;
}
