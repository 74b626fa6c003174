import type { CallDirection, CallEndReason } from '../../contract/call-records';

/** The columns of the call-record export, in the service's order. */
export const callRecordExportColumns = [
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
export type CallRecordExportColumn = (typeof callRecordExportColumns)[number];

/** The words of the export in one language. */
export interface CallRecordExportLocale {
  readonly headers: Readonly<Record<CallRecordExportColumn, string>>;
  readonly directions: Readonly<Record<CallDirection, string>>;
  readonly endReasons: Readonly<Record<CallEndReason, string>>;
}

/**
 * The header and value words of the service's call-record CSV, Japanese (the default: the file
 * goes to the client's staff and Excel) and English; the mock writes the same file.
 */
export const callRecordExportLocales: Readonly<Record<'ja' | 'en', CallRecordExportLocale>> = {
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
    endReasons: { completed: '通話完了', abandoned: '放棄呼', 'no-answer': '不応答', rejected: '拒否', busy: '話し中', failed: '接続失敗', transferred: '転送' },
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
    endReasons: { completed: 'Completed', abandoned: 'Abandoned', 'no-answer': 'No answer', rejected: 'Rejected', busy: 'Busy', failed: 'Failed', transferred: 'Transferred' },
  },
};
