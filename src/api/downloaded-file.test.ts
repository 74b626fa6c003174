import { describe, expect, it } from 'vitest';
import { decodeText, filenameOf } from './downloaded-file';

describe('filenameOf', () => {
  it.each([
    ['attachment; filename="call-records-20260401.csv"', 'call-records-20260401.csv'],
    ['attachment; filename=faq.csv', 'faq.csv'],
    ["attachment; filename=\"fallback.csv\"; filename*=UTF-8''%E5%BF%9C%E5%AF%BE%E8%A8%98%E9%8C%B2.csv", '応対記録.csv'],
    ['attachment; filename="a \\"quoted\\" name.csv"', 'a "quoted" name.csv'],
    ['attachment; filename="../../etc/passwd"', 'passwd'],
    ['attachment; filename="C:\\\\temp\\\\x.csv"', 'x.csv'],
  ])('reads %s', (header, name) => {
    expect(filenameOf(header)).toBe(name);
  });

  it.each([null, '', 'inline', 'attachment; filename=""', 'attachment; filename=".."', "attachment; filename*=UTF-8''%E5%ZZ"])('finds no name in %s', (header) => {
    expect(filenameOf(header)).toBeUndefined();
  });
});

describe('decodeText', () => {
  it('drops the byte-order mark and keeps Japanese', () => {
    const bytes = new TextEncoder().encode('\uFEFF開始日時,発着信\r\n');
    expect(decodeText(bytes.buffer)).toBe('開始日時,発着信\r\n');
  });
});
