// The reasons a scan gives for what it did not analyse: English in the data, worded in the summary's
// language by the text and HTML summaries.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REASON, REASON_PREFIX, reasonIn, withDetail } from '../../src/explain/reasons.js';
import { scan } from '../../src/scan/index.js';
import { renderSummaryText } from '../../src/scan/render.js';
import { renderSummaryHtml } from '../../src/scan/render-html.js';
import { repoRoot, tempDir } from './helpers.js';

describe('scan reasons', () => {
  it('every reason and prefix has its Japanese, different from the English', () => {
    const japanese = /[\u3040-\u30ff\u4e00-\u9fff]/;
    for (const text of Object.values(REASON)) expect(reasonIn('ja', text), text).toMatch(japanese);
    for (const prefix of Object.values(REASON_PREFIX))
      expect(reasonIn('ja', withDetail(prefix, '42 bytes')), prefix).toMatch(
        new RegExp(`${japanese.source}.*: 42 bytes$`),
      );
  });

  it('words a whole reason, a prefix with its detail, and a prefix whose detail is itself a reason', () => {
    expect(reasonIn('ja', REASON.noHeaderBlock)).toBe(
      'ヘッダーがありません（メッセージが空行で始まっています）',
    );
    expect(reasonIn('ja', withDetail(REASON_PREFIX.tarUnreadable, 'unexpected end of file'))).toBe(
      'tar アーカイブを読めません: unexpected end of file',
    );
    expect(reasonIn('ja', withDetail(REASON_PREFIX.entryRefused, REASON.traversal))).toBe(
      'アーカイブのエントリーを拒否しました: パスが上のフォルダーを指しています（..）',
    );
    // English as the data carries it, and text from elsewhere, unchanged.
    expect(reasonIn('en', REASON.noHeaderBlock)).toBe(REASON.noHeaderBlock);
    expect(reasonIn('ja', 'something else: entirely')).toBe('something else: entirely');
  });

  it('a scan keeps them in English in its data and words them in Japanese in a Japanese summary', async () => {
    const file = join(tempDir(), 'reasons.mbox');
    // A message with no header block.
    writeFileSync(file, 'From 1@xxx Mon Jan 01 00:00:00 +0000 2024\n\nBody only.\n');
    const { summary } = await scan([file], { jobs: 0 });
    expect(summary.errors.map((e) => e.error)).toEqual([REASON.noHeaderBlock]);
    const ja = renderSummaryText(summary, { lang: 'ja', top: 3 });
    expect(ja).toContain(`${file}@0: ヘッダーがありません（メッセージが空行で始まっています）`);
    expect(renderSummaryHtml(summary, { lang: 'ja' })).toContain(
      'ヘッダーがありません（メッセージが空行で始まっています）',
    );
    expect(renderSummaryText(summary, { lang: 'en', top: 3 })).toContain(
      `${file}@0: ${REASON.noHeaderBlock}`,
    );
  });

  it('the readers write no reason of their own: each comes from REASON or REASON_PREFIX', () => {
    // A literal reason at a call site would reach a Japanese summary in English.
    for (const file of ['src/scan/sources.ts', 'src/scan/record.ts', 'src/scan/pool.ts']) {
      const text = readFileSync(join(repoRoot, file), 'utf8');
      const literal =
        /(?:sink\.(?:error|skipped)|errorRecord|new UnreadableInput)\((?:[^;(]|\([^;()]*\))*?,\s*['"`][a-z]/g;
      expect(text.match(literal), file).toBeNull();
      expect(text.match(/skip: ['"`]/g), file).toBeNull();
    }
  });
});
