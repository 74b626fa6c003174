import { describe, expect, it } from 'vitest';
import { partyLabel } from './party-label';

describe('partyLabel', () => {
  it('names a colleague with their extension', () => {
    expect(partyLabel({ remoteDisplayName: '鈴木 一郎', remoteUser: '1002' })).toBe('鈴木 一郎 (1002)');
  });

  it('shows a number once when the line sends it as the name too', () => {
    expect(partyLabel({ remoteDisplayName: '0312345678', remoteUser: '0312345678' })).toBe('0312345678');
    expect(partyLabel({ remoteDisplayName: undefined, remoteUser: '0312345678' })).toBe('0312345678');
    expect(partyLabel({ remoteDisplayName: '  ', remoteUser: 'anonymous' })).toBe('anonymous');
  });
});
