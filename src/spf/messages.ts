/**
 * The wording of SPF results and traces, in English and Japanese. Renderers format; they never compose
 * sentences (architecture habit 5). Each catalog is checked complete by the compiler.
 */
import type { SpfReason, SpfReasonCode, SpfResultCode, SpfSyntaxErrorCode, TermOutcome } from './types.js';

export type SpfLang = 'ja' | 'en';

type ReasonText = { [K in SpfReasonCode]: (r: Extract<SpfReason, { code: K }>) => string };

export interface SpfCatalog {
  /** One line saying what the result means for the mail. */
  result: Record<SpfResultCode, string>;
  reason: ReasonText;
  syntax: Record<SpfSyntaxErrorCode, string>;
  outcome: Record<TermOutcome, string>;
  title: (domain: string, ip: string, sender: string) => string;
  resultLine: (result: SpfResultCode) => string;
  record: (source: 'dns' | 'override') => string;
  noRecord: string;
  explanation: (text: string) => string;
  defaultExplanation: string;
  counts: (lookups: number, lookupLimit: number, voids: number, voidLimit: number, queries: number) => string;
  queryFailed: (code: string) => string;
  queryEmpty: string;
  voidMark: string;
  /** A run of terms the evaluation never reached, folded into one line. */
  moreNotReached: (n: number) => string;
  dnsCode: (code: string) => string;
}

const list = (items: string[]): string => (items.length === 0 ? '-' : items.join(', '));

const DNS_CODES_EN: Record<string, string> = {
  ENOTFOUND: 'no such name (NXDOMAIN)',
  ENODATA: 'no record of that type',
  ETIMEOUT: 'no answer in time',
  ESERVFAIL: 'server failure (SERVFAIL)',
  EREFUSED: 'query refused',
  ECONNREFUSED: 'DNS server unreachable (connection refused)',
  EOFFLINE: 'offline: no DNS query allowed',
  EBADRESP: 'malformed DNS answer',
};
const DNS_CODES_JA: Record<string, string> = {
  ENOTFOUND: '名前が存在しない (NXDOMAIN)',
  ENODATA: 'その種類のレコードがない',
  ETIMEOUT: '時間内に応答がない',
  ESERVFAIL: 'サーバー障害 (SERVFAIL)',
  EREFUSED: '問い合わせを拒否された',
  ECONNREFUSED: 'DNS サーバーに接続できない (接続拒否)',
  EOFFLINE: 'オフライン: DNS 問い合わせは行わない設定',
  EBADRESP: '不正な DNS 応答',
};

export const en: SpfCatalog = {
  result: {
    pass: 'the domain authorizes this IP to send its mail',
    fail: 'the domain says this IP is NOT allowed to send its mail (-all)',
    softfail:
      'the domain says this IP is probably not allowed (~all): receivers accept but distrust the mail',
    neutral: 'the domain makes no statement about this IP (?all or no match)',
    none: 'the domain publishes no SPF record',
    permerror: 'the SPF record is broken: receivers treat it as a permanent error',
    temperror: 'a DNS error prevented the check: receivers may retry later',
  },
  reason: {
    all: () => '"all" matches every IP',
    'ip-in-network': (r) => `the IP is inside ${r.network}`,
    'ip-not-in-network': (r) => `the IP is outside ${r.network}`,
    'family-mismatch': (r) => `${r.network} is of the other IP family than the client`,
    'address-match': (r) => `${r.name} has ${r.address}, which matches (/${r.cidr})`,
    'address-mismatch': (r) => `${r.name} has ${list(r.addresses)}: none is the client IP (/${r.cidr})`,
    'no-address': (r) => `${r.name} has no address of the client's family`,
    'mx-match': (r) => `MX host ${r.exchange} has ${r.address}, which matches (/${r.cidr})`,
    'mx-mismatch': (r) =>
      `no MX host has the client IP: ${r.exchanges.map((e) => `${e.exchange} = ${list(e.addresses)}`).join('; ')}`,
    'no-mx': (r) => `${r.name} has no MX record`,
    'ptr-match': (r) => `the IP's reverse name ${r.name} is validated and inside the target`,
    'ptr-mismatch': (r) =>
      r.validated.length === 0
        ? `no validated reverse name of the IP ends in ${r.target}`
        : `validated names ${list(r.validated)} are not within ${r.target}`,
    'ptr-dns-error': (r) => `the reverse lookup failed (${r.dnsCode}): ptr does not match (RFC 7208 §5.5)`,
    'exists-match': (r) => `${r.name} exists (has an A record)`,
    'exists-no-match': (r) => `${r.name} has no A record`,
    'include-match': () => 'the included record gives pass',
    'include-no-match': (r) => `the included record gives ${r.result}, so include does not match`,
    'include-error': (r) => `the included record gives ${r.result}, which ends the whole check`,
    'include-none': (r) =>
      `${r.domain} has no SPF record: include of it is a permanent error (RFC 7208 §5.2)`,
    'redirect-result': (r) => `the record is replaced by the redirected one, which gives ${r.result}`,
    'redirect-none': (r) =>
      `${r.domain} has no SPF record: redirect to it is a permanent error (RFC 7208 §6.1)`,
    'redirect-ignored-all': () => 'ignored because the record has an "all" mechanism (RFC 7208 §6.1)',
    'redirect-pending': () => 'not used: a mechanism matched first',
    'exp-used': (r) => `explanation: "${r.text}"`,
    'exp-unused': (r) =>
      ({
        'not-fail': 'not used (only for fail)',
        include: 'not used inside include (RFC 7208 §6.2)',
        dns: 'not used: its TXT record could not be fetched',
        count: 'not used: more than one TXT record',
        syntax: 'not used: the explanation is not valid',
      })[r.why],
    'modifier-ignored': () => 'unknown modifier, ignored (RFC 7208 §6)',
    'not-reached': () => 'the result was decided before this term',
    'dns-error': (r) => `DNS ${r.type} ${r.name} failed: ${dnsText(DNS_CODES_EN, r.dnsCode)}`,
    'too-many-dns-terms': (r) => `more than ${r.limit} DNS-querying terms (RFC 7208 §4.6.4)`,
    'too-many-void-lookups': (r) => `more than ${r.limit} lookups returned nothing (RFC 7208 §4.6.4)`,
    'too-many-mx': (r) => `${r.count} MX records, more than the limit of ${r.limit} (RFC 7208 §4.6.4)`,
    deadline: (r) => `the check took longer than ${r.ms} ms and was stopped`,
    'bad-target': (r) => `"${r.name}" is not a usable domain name`,
    syntax: (r) =>
      `syntax error in "${r.error.term}": ${en.syntax[r.error.code]}${r.error.detail ? ` (${r.error.detail})` : ''}`,
    'multiple-records': (r) =>
      `${r.records.length} SPF records are published; there must be one (RFC 7208 §4.5)`,
    'no-record': (r) => `${r.domain} has no TXT record starting with v=spf1`,
    'domain-not-found': (r) => `${r.domain} does not exist in DNS`,
    'invalid-domain': (r) => `"${r.domain}" is not a valid domain name (RFC 7208 §4.3)`,
    'matched-term': (r) => `decided by "${r.term}"`,
    'default-neutral': () => 'no mechanism matched: the default result is neutral (RFC 7208 §4.7)',
  },
  syntax: {
    'no-version': 'the record does not start with "v=spf1"',
    'bad-character': 'character not allowed in an SPF record (7-bit printable ASCII only)',
    'unknown-mechanism': 'unknown mechanism',
    'missing-argument': 'this mechanism needs an argument',
    'unexpected-argument': 'this mechanism takes no such argument',
    'bad-domain-spec': 'invalid domain specification',
    'bad-macro': 'invalid macro',
    'bad-ip4': 'invalid IPv4 network',
    'bad-ip6': 'invalid IPv6 network',
    'bad-cidr': 'invalid prefix length',
    'bad-modifier-name': 'invalid modifier name',
    'duplicate-modifier': 'this modifier may appear only once',
  },
  outcome: {
    match: 'match',
    'no-match': 'no match',
    error: 'error',
    'not-reached': 'not evaluated',
    applied: 'applied',
    ignored: 'ignored',
  },
  title: (domain, ip, sender) => `SPF check of ${domain} for ${ip} (sender ${sender})`,
  resultLine: (result) => `Result: ${result}`,
  record: (source) => (source === 'override' ? 'Record (tested, not published)' : 'Record (published)'),
  noRecord: 'Record: none',
  explanation: (text) => `Explanation from the domain: ${text}`,
  defaultExplanation: 'The domain published no explanation.',
  counts: (lookups, lookupLimit, voids, voidLimit, queries) =>
    `DNS-querying terms ${lookups}/${lookupLimit}, void lookups ${voids}/${voidLimit}, DNS queries ${queries}`,
  queryFailed: (code) => dnsText(DNS_CODES_EN, code),
  queryEmpty: '(no answer records)',
  voidMark: 'void lookup',
  moreNotReached: (n) => `… ${n} more terms not reached`,
  dnsCode: (code) => dnsText(DNS_CODES_EN, code),
};

export const ja: SpfCatalog = {
  result: {
    pass: 'ドメインはこの IP からの送信を許可しています',
    fail: 'ドメインはこの IP からの送信を許可していません (-all)',
    softfail: 'ドメインはこの IP をおそらく許可していません (~all): 受信側は受け取りますが信用しません',
    neutral: 'ドメインはこの IP について何も表明していません (?all または一致なし)',
    none: 'ドメインは SPF レコードを公開していません',
    permerror: 'SPF レコードに誤りがあり、受信側は恒久的エラーとして扱います',
    temperror: 'DNS のエラーで確認できませんでした。受信側は後で再試行することがあります',
  },
  reason: {
    all: () => '"all" はすべての IP に一致します',
    'ip-in-network': (r) => `IP は ${r.network} の範囲内です`,
    'ip-not-in-network': (r) => `IP は ${r.network} の範囲外です`,
    'family-mismatch': (r) => `${r.network} は接続元と異なる IP バージョンです`,
    'address-match': (r) => `${r.name} のアドレス ${r.address} が一致します (/${r.cidr})`,
    'address-mismatch': (r) =>
      `${r.name} のアドレスは ${list(r.addresses)} で、接続元 IP ではありません (/${r.cidr})`,
    'no-address': (r) => `${r.name} には接続元と同じ種類のアドレスがありません`,
    'mx-match': (r) => `MX ホスト ${r.exchange} のアドレス ${r.address} が一致します (/${r.cidr})`,
    'mx-mismatch': (r) =>
      `接続元 IP を持つ MX ホストはありません: ${r.exchanges.map((e) => `${e.exchange} = ${list(e.addresses)}`).join('; ')}`,
    'no-mx': (r) => `${r.name} には MX レコードがありません`,
    'ptr-match': (r) => `IP の逆引き名 ${r.name} が確認でき、対象ドメイン内です`,
    'ptr-mismatch': (r) =>
      r.validated.length === 0
        ? `${r.target} で終わる確認済みの逆引き名はありません`
        : `確認済みの逆引き名 ${list(r.validated)} は ${r.target} に含まれません`,
    'ptr-dns-error': (r) => `逆引きに失敗しました (${r.dnsCode})。ptr は一致しません (RFC 7208 §5.5)`,
    'exists-match': (r) => `${r.name} が存在します (A レコードあり)`,
    'exists-no-match': (r) => `${r.name} に A レコードがありません`,
    'include-match': () => 'include 先のレコードが pass を返しました',
    'include-no-match': (r) => `include 先のレコードが ${r.result} を返したので一致しません`,
    'include-error': (r) => `include 先のレコードが ${r.result} を返し、全体の評価が終わりました`,
    'include-none': (r) =>
      `${r.domain} に SPF レコードがないため、include は恒久的エラーです (RFC 7208 §5.2)`,
    'redirect-result': (r) => `redirect 先のレコードに置き換わり、その結果は ${r.result} です`,
    'redirect-none': (r) =>
      `${r.domain} に SPF レコードがないため、redirect は恒久的エラーです (RFC 7208 §6.1)`,
    'redirect-ignored-all': () => 'レコードに "all" があるため無視されます (RFC 7208 §6.1)',
    'redirect-pending': () => '先に一致した機構があるため使われません',
    'exp-used': (r) => `説明文: 「${r.text}」`,
    'exp-unused': (r) =>
      ({
        'not-fail': '使われません (fail のときだけ)',
        include: 'include 先では使われません (RFC 7208 §6.2)',
        dns: '使われません: TXT レコードを取得できません',
        count: '使われません: TXT レコードが複数あります',
        syntax: '使われません: 説明文が不正です',
      })[r.why],
    'modifier-ignored': () => '未知の修飾子なので無視されます (RFC 7208 §6)',
    'not-reached': () => 'この項目より前で結果が決まりました',
    'dns-error': (r) => `DNS ${r.type} ${r.name} の問い合わせに失敗: ${dnsText(DNS_CODES_JA, r.dnsCode)}`,
    'too-many-dns-terms': (r) => `DNS を引く項目が ${r.limit} 個を超えました (RFC 7208 §4.6.4)`,
    'too-many-void-lookups': (r) => `結果が空の問い合わせが ${r.limit} 回を超えました (RFC 7208 §4.6.4)`,
    'too-many-mx': (r) =>
      `MX レコードが ${r.count} 件あり、上限 ${r.limit} 件を超えています (RFC 7208 §4.6.4)`,
    deadline: (r) => `評価が ${r.ms} ミリ秒を超えたため打ち切りました`,
    'bad-target': (r) => `「${r.name}」は使えるドメイン名ではありません`,
    syntax: (r) =>
      `「${r.error.term}」に構文エラー: ${ja.syntax[r.error.code]}${r.error.detail ? ` (${r.error.detail})` : ''}`,
    'multiple-records': (r) =>
      `SPF レコードが ${r.records.length} 件公開されています。1 件でなければなりません (RFC 7208 §4.5)`,
    'no-record': (r) => `${r.domain} には v=spf1 で始まる TXT レコードがありません`,
    'domain-not-found': (r) => `${r.domain} は DNS に存在しません`,
    'invalid-domain': (r) => `「${r.domain}」は正しいドメイン名ではありません (RFC 7208 §4.3)`,
    'matched-term': (r) => `「${r.term}」で決まりました`,
    'default-neutral': () => 'どの機構にも一致しないため、既定の結果 neutral になります (RFC 7208 §4.7)',
  },
  syntax: {
    'no-version': 'レコードが "v=spf1" で始まっていません',
    'bad-character': 'SPF レコードに使えない文字です (7 ビットの印字可能 ASCII のみ)',
    'unknown-mechanism': '未知の機構です',
    'missing-argument': 'この機構には引数が必要です',
    'unexpected-argument': 'この機構はその引数を取りません',
    'bad-domain-spec': 'ドメインの指定が不正です',
    'bad-macro': 'マクロが不正です',
    'bad-ip4': 'IPv4 ネットワークが不正です',
    'bad-ip6': 'IPv6 ネットワークが不正です',
    'bad-cidr': 'プレフィックス長が不正です',
    'bad-modifier-name': '修飾子の名前が不正です',
    'duplicate-modifier': 'この修飾子は 1 回しか書けません',
  },
  outcome: {
    match: '一致',
    'no-match': '不一致',
    error: 'エラー',
    'not-reached': '未評価',
    applied: '適用',
    ignored: '無視',
  },
  title: (domain, ip, sender) => `${domain} の SPF 評価 (接続元 ${ip}、送信者 ${sender})`,
  resultLine: (result) => `結果: ${result}`,
  record: (source) => (source === 'override' ? 'レコード (試験用、未公開)' : 'レコード (公開中)'),
  noRecord: 'レコード: なし',
  explanation: (text) => `ドメインの説明文: ${text}`,
  defaultExplanation: 'ドメインは説明文を公開していません。',
  counts: (lookups, lookupLimit, voids, voidLimit, queries) =>
    `DNS を引く項目 ${lookups}/${lookupLimit}、空の結果 ${voids}/${voidLimit}、DNS 問い合わせ ${queries} 回`,
  queryFailed: (code) => dnsText(DNS_CODES_JA, code),
  queryEmpty: '(応答レコードなし)',
  voidMark: '空の結果',
  moreNotReached: (n) => `… 未評価の項目があと ${n} 個`,
  dnsCode: (code) => dnsText(DNS_CODES_JA, code),
};

function dnsText(table: Record<string, string>, code: string): string {
  const text = table[code];
  return text === undefined ? code : `${text} [${code}]`;
}

export const SPF_CATALOGS: Record<SpfLang, SpfCatalog> = { en, ja };

/** Words one reason in the chosen language. */
export function reasonText(lang: SpfLang, reason: SpfReason): string {
  const fn = SPF_CATALOGS[lang].reason[reason.code] as (r: SpfReason) => string;
  return fn(reason);
}
