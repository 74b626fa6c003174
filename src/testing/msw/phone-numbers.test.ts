import { describe, expect, it } from 'vitest';
import { formatNational, parsePhoneNumber, readCallParty } from './phone-numbers';

describe('parsePhoneNumber', () => {
  it.each(['03-1234-5678', '0312345678', '03 1234 5678', '(03) 1234-5678', '+81 3-1234-5678', '+81312345678', '０３－１２３４－５６７８', '03ー1234ー5678', 'tel:0312345678', 'sip:0312345678@pbx.example;user=phone'])(
    'reads %s as +81312345678',
    (typed) => {
      expect(parsePhoneNumber(typed)).toEqual({ e164: '+81312345678', national: '03-1234-5678', mobile: false });
    },
  );

  it('knows a mobile number', () => {
    expect(parsePhoneNumber('090-1234-5678')).toEqual({ e164: '+819012345678', national: '090-1234-5678', mobile: true });
  });

  it.each(['03-123', '03-1234-56789', '03-0123-4567', 'abc', '1002', '', '+1 202 555'])('refuses %s', (typed) => {
    expect(parsePhoneNumber(typed)).toBeUndefined();
  });

  it('shows a stored number in its national form', () => {
    expect(formatNational('+81661234567')).toBe('06-6123-4567');
    expect(formatNational('1002')).toBe('1002');
  });
});

describe('readCallParty', () => {
  it.each([
    ['03-1234-5678', { kind: 'phone', value: '+81312345678' }],
    ['184-090-1234-5678', { kind: 'phone', value: '+819012345678' }],
    ['186 0312345678'.replace(' ', ''), { kind: 'phone', value: '+81312345678' }],
    ['anonymous', { kind: 'withheld', value: null }],
    ['非通知', { kind: 'withheld', value: null }],
    ['1002', { kind: 'extension', value: '1002' }],
    ['sip:1003@pbx.example', { kind: 'extension', value: '1003' }],
    ['*97', { kind: 'extension', value: '*97' }],
  ])('reads %s', (typed, party) => {
    expect(readCallParty(typed)).toEqual(party);
  });

  it.each(['call me', '+81 3', '03-123 4'])('refuses %s', (typed) => {
    expect(readCallParty(typed)).toBeUndefined();
  });
});
