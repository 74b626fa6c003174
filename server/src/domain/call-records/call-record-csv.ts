import { formatNational } from '../customers/phone-number';
import type { CallCode, CallRecord } from './call-record';
import { exportColumns, exportLocales, type ExportColumn, type ExportLocale } from '../../../../src/contract/call-record-export';
import { formatTokyoDateTime } from './tokyo-time';

/** Makes Excel read the file as UTF-8 rather than Shift_JIS. */
export const byteOrderMark = '\uFEFF';

/** Text a spreadsheet would run as a formula (CSV injection). */
const formulaStart = /^[=+\-@\t\r]/;
const needsQuotes = /[",\r\n]|^\s|\s$/;

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, a quote, a line break or edge
 * spaces, quotes doubled.
 * @remarks Free text that starts like a formula gets a leading apostrophe so Excel shows it
 * instead of evaluating it (an agent's note `=HYPERLINK(…)` must stay a note).
 */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const safe = formulaStart.test(value) ? `'${value}` : value;
  return needsQuotes.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** One CSV record, ended by CRLF. */
export function csvLine(values: readonly (string | number | null)[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

/**
 * Writes call records as CSV for Japanese Excel: UTF-8 with a byte-order mark, CRLF, RFC 4180
 * quoting, times in Asia/Tokyo, numbers in their national form (`03-1234-5678`, which Excel
 * keeps as text), codes by name in the chosen language.
 */
export class CallRecordCsv {
  private readonly locale: ExportLocale;
  private readonly categories: ReadonlyMap<string, string>;
  private readonly dispositions: ReadonlyMap<string, string>;

  constructor(
    private readonly lang: 'ja' | 'en',
    categories: readonly CallCode[],
    dispositions: readonly CallCode[],
  ) {
    this.locale = exportLocales[lang];
    this.categories = new Map(categories.map((code) => [code.id, this.nameOf(code)]));
    this.dispositions = new Map(dispositions.map((code) => [code.id, this.nameOf(code)]));
  }

  /** The byte-order mark and the header line. */
  header(): string {
    return byteOrderMark + csvLine(exportColumns.map((column) => this.locale.headers[column]));
  }

  /** One record's line. */
  row(record: CallRecord): string {
    return csvLine(exportColumns.map((column) => this.cell(record, column)));
  }

  private cell(record: CallRecord, column: ExportColumn): string | number | null {
    switch (column) {
      case 'startedAt':
        return formatTokyoDateTime(record.startedAt);
      case 'direction':
        return this.locale.directions[record.direction];
      case 'remoteNumber':
        return displayNumber(record.remoteNumber);
      case 'localNumber':
        return displayNumber(record.localNumber);
      case 'agent':
        return record.agentName;
      case 'queue':
        return record.queue;
      case 'answeredAt':
        return record.answeredAt && formatTokyoDateTime(record.answeredAt);
      case 'endedAt':
        return record.endedAt && formatTokyoDateTime(record.endedAt);
      case 'durationSeconds':
        return record.durationSeconds;
      case 'heldSeconds':
        return record.heldSeconds;
      case 'endReason':
        return record.endReason && this.locale.endReasons[record.endReason];
      case 'transferredTo':
        return displayNumber(record.transferredTo);
      case 'customer':
        return record.customerName;
      case 'category':
        return record.categoryId && (this.categories.get(record.categoryId) ?? record.categoryId);
      case 'disposition':
        return record.dispositionId && (this.dispositions.get(record.dispositionId) ?? record.dispositionId);
      case 'followUpAt':
        return record.followUpAt;
      case 'notes':
        return record.notes;
      case 'recordingRef':
        return record.recordingRef;
      case 'sipCallId':
        return record.sipCallId;
      case 'id':
        return record.id;
      default:
        return exhaustive(column);
    }
  }

  private nameOf(code: CallCode): string {
    return this.lang === 'ja' ? code.nameJa : code.nameEn;
  }
}

/** Japanese numbers in their national form; others (extensions, foreign numbers) as stored. */
function displayNumber(number: string | null): string | null {
  return number?.startsWith('+81') ? formatNational(number) : number;
}

function exhaustive(value: never): never {
  throw new Error(`unknown export column ${String(value)}`);
}
