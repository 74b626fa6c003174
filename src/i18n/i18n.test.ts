import { describe, expect, it } from 'vitest';
import { catalogKeys, detectLocale, translate } from './i18n';

describe('i18n', () => {
  it('has the same keys in Japanese and English', () => {
    expect(catalogKeys('en')).toEqual(catalogKeys('ja'));
  });

  it('picks Japanese for Japanese browsers and by default', () => {
    expect(detectLocale(['ja-JP', 'en-US'])).toBe('ja');
    expect(detectLocale(['en-GB'])).toBe('en');
    expect(detectLocale(['fr-FR'])).toBe('ja');
    expect(detectLocale([])).toBe('ja');
  });

  it('fills placeholders', () => {
    expect(translate('en', 'ended.rejected.other', { status: 500, reason: 'Server Error' })).toBe(
      'The call could not be placed (SIP 500 Server Error)',
    );
  });
});
