// Tests read the shared corpus where it lies, beside the repository (../shared/corpus), never a copy.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const corpusDir: string = fileURLToPath(new URL('../../shared/corpus/', import.meta.url));

export function corpusPath(relative: string): string {
  return corpusDir + relative;
}

export function readCorpus(relative: string): string {
  return readFileSync(corpusPath(relative), 'utf8');
}

/** Reads a JSON-lines corpus file into objects, skipping blank lines. */
export function readJsonl<T = unknown>(relative: string): T[] {
  return readCorpus(relative)
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as T);
}
