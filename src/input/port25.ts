/**
 * The reply of port25's authentication verifier (check-auth@verifier.port25.com): a "Summary of
 * Results" table (`SPF check: pass`, `"iprev" check: pass`, `DKIM check: pass`, `DMARC check: …`)
 * followed by details (the source IP, HELO, mail-from, the identities verified, the DNS records it
 * used). Read with tolerance: only the summary lines are required.
 */

export interface Port25Check {
  /** `spf`, `iprev`, `dkim`, `dmarc`, `domainkeys`, `spamassassin`… (lower case, quotes removed). */
  name: string;
  result: string;
  /** The summary line as it stood. */
  line: string;
  /** `ID(s) verified:` of the check's details, when present. */
  identities: string[];
  /** `DNS record(s):` of the check's details, when present. */
  records: string[];
}

export interface Port25Report {
  checks: Port25Check[];
  sourceIp: string | null;
  helo: string | null;
  mailFrom: string | null;
}

/** True when the message is port25's reply: its subject or sender, and the summary table. */
export function looksLikePort25(headerText: string, body: string): boolean {
  const fromVerifier =
    /verifier\.port25\.com/i.test(headerText) || /^subject:\s*authentication report/im.test(headerText);
  return fromVerifier && /summary of results/i.test(body);
}

export function readPort25Report(body: string): Port25Report | null {
  const start = body.search(/summary of results/i);
  if (start === -1) return null;
  const text = body.slice(start, start + 64 * 1024);
  const lines = text.split(/\r?\n/);
  const checks: Port25Check[] = [];
  for (const line of lines.slice(1, 40)) {
    const m = /^\s*"?([A-Za-z][\w-]*)"?\s+check:\s*([A-Za-z_-]+)/.exec(line);
    if (m?.[1] && m[2]) {
      checks.push({
        name: m[1].toLowerCase(),
        result: m[2].toLowerCase(),
        line: line.trim(),
        identities: [],
        records: [],
      });
    } else if (checks.length > 0 && /^=+$/.test(line.trim())) {
      break;
    }
  }
  if (checks.length === 0) return null;

  // Details: "<Name> check details:" sections with "ID(s) verified:" and "DNS record(s):" blocks.
  let current: Port25Check | undefined;
  let inRecords = false;
  for (const line of lines) {
    const section = /^\s*"?([A-Za-z][\w-]*)"?\s+check details:/i.exec(line);
    if (section?.[1]) {
      current = checks.find((c) => c.name === section[1]?.toLowerCase());
      inRecords = false;
      continue;
    }
    if (!current) continue;
    const ids = /^\s*ID\(s\) verified:\s*(.*)$/i.exec(line);
    if (ids?.[1]) {
      current.identities.push(...ids[1].split(/[\s;]+/).filter(Boolean));
      continue;
    }
    if (/^\s*DNS record\(s\):/i.test(line)) {
      inRecords = true;
      continue;
    }
    if (inRecords) {
      if (/^\s+\S/.test(line)) current.records.push(line.trim());
      else inRecords = false;
    }
  }
  const field = (name: RegExp): string | null => {
    for (const line of lines) {
      const m = name.exec(line);
      if (m?.[1]) return m[1].trim();
    }
    return null;
  };
  return {
    checks,
    sourceIp: field(/^\s*Source IP:\s*([0-9a-fA-F:.]+)/i),
    helo: field(/^\s*HELO hostname:\s*(\S+)/i),
    mailFrom: field(/^\s*mail-from:\s*(\S+)/i),
  };
}
