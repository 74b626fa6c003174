import type { CallDirection, CallEndReason } from './call-records';

/**
 * The call-record CSV export (GET /api/call-records/export.csv): its columns and their words in
 * Japanese and English, part of the contract so the service and the mock write the same file.
 */

/** The columns of the call-record export, in order. */
export const exportColumns = [
  'startedAt',
  'direction',
  'remoteNumber',
  'localNumber',
  'agent',
  'queue',
  'answeredAt',
  'endedAt',
  'durationSeconds',
  'heldSeconds',
  'endReason',
  'transferredTo',
  'customer',
  'category',
  'disposition',
  'followUpAt',
  'notes',
  'recordingRef',
  'sipCallId',
  'id',
] as const;
export type ExportColumn = (typeof exportColumns)[number];

/** The words of the export in one language. */
export interface ExportLocale {
  readonly headers: Readonly<Record<ExportColumn, string>>;
  readonly directions: Readonly<Record<CallDirection, string>>;
  readonly endReasons: Readonly<Record<CallEndReason, string>>;
}

/**
 * Japanese and English strings of the call-record CSV (応対記録エクスポート).
 * @remarks Japanese is the default: the file goes to the client's staff, who open it in Excel.
 */
export const exportLocales: Readonly<Record<'ja' | 'en', ExportLocale>> = {
  ja: {
    headers: {
      startedAt: '開始日時',
      direction: '発着信',
      remoteNumber: '相手番号',
      localNumber: '自番号',
      agent: '担当者',
      queue: 'キュー',
      answeredAt: '応答日時',
      endedAt: '終了日時',
      durationSeconds: '通話時間(秒)',
      heldSeconds: '保留時間(秒)',
      endReason: '終了理由',
      transferredTo: '転送先',
      customer: '顧客名',
      category: '問い合わせ分類',
      disposition: '対応結果',
      followUpAt: 'フォローアップ日',
      notes: '応対メモ',
      recordingRef: '録音ID',
      sipCallId: '通話ID',
      id: '記録ID',
    },
    directions: { inbound: '着信', outbound: '発信' },
    endReasons: {
      completed: '通話完了',
      abandoned: '放棄呼',
      'no-answer': '不応答',
      rejected: '拒否',
      busy: '話し中',
      failed: '接続失敗',
      transferred: '転送',
    },
  },
  en: {
    headers: {
      startedAt: 'Started at',
      direction: 'Direction',
      remoteNumber: 'Remote number',
      localNumber: 'Local number',
      agent: 'Agent',
      queue: 'Queue',
      answeredAt: 'Answered at',
      endedAt: 'Ended at',
      durationSeconds: 'Talk time (s)',
      heldSeconds: 'Hold time (s)',
      endReason: 'End reason',
      transferredTo: 'Transferred to',
      customer: 'Customer',
      category: 'Inquiry category',
      disposition: 'Disposition',
      followUpAt: 'Follow-up date',
      notes: 'Notes',
      recordingRef: 'Recording',
      sipCallId: 'Call-ID',
      id: 'Record ID',
    },
    directions: { inbound: 'Inbound', outbound: 'Outbound' },
    endReasons: {
      completed: 'Completed',
      abandoned: 'Abandoned',
      'no-answer': 'No answer',
      rejected: 'Rejected',
      busy: 'Busy',
      failed: 'Failed',
      transferred: 'Transferred',
    },
  },
};
