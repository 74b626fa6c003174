import { describe, expect, it } from 'vitest';
import { highlightSegments } from './highlight';

const marked = (text: string, query: string) =>
  highlightSegments(text, query)
    .filter((segment) => segment.match)
    .map((segment) => segment.text);

describe('highlightSegments', () => {
  it('marks every word typed, wherever it occurs', () => {
    expect(marked('住所変更は住所の確認から', '住所 確認')).toEqual(['住所', '住所', '確認']);
    expect(highlightSegments('住所変更の手続き', '変更')).toEqual([
      { text: '住所', match: false },
      { text: '変更', match: true },
      { text: 'の手続き', match: false },
    ]);
  });

  it('ignores case, full and half width, and katakana or hiragana, as the service does', () => {
    expect(marked('Reset your PASSWORD', 'password')).toEqual(['PASSWORD']);
    expect(marked('ＳＭＳが届かない', 'sms')).toEqual(['ＳＭＳ']);
    expect(marked('パスワードの再設定', 'ぱすわーど')).toEqual(['パスワード']);
    expect(marked('請求　書', 'せいきゅう')).toEqual([]);
  });

  it('leaves the text whole without a query', () => {
    expect(highlightSegments('領収書の発行', '  ')).toEqual([{ text: '領収書の発行', match: false }]);
    expect(highlightSegments('', '領収書')).toEqual([]);
  });
});
