import type { Report } from '../report.js';

/** The JSON report: the Report data as it is (schema "mailwhy.report/1"), one object or an array. */
export function renderJson(report: Report | Report[]): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
