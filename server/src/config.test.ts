import { describe, expect, it } from 'vitest';
import { ConfigError, readServiceConfig } from './config';

describe('the recording retention job’s interval (TSUNAGU_RECORDING_RETENTION_INTERVAL_SECONDS)', () => {
  it('is an hour unless set; any whole number of seconds from 1 to a day', () => {
    expect(readServiceConfig({}).recordings.retentionIntervalSeconds).toBe(3600);
    expect(readServiceConfig({ TSUNAGU_RECORDING_RETENTION_INTERVAL_SECONDS: '2' }).recordings.retentionIntervalSeconds).toBe(2);
    expect(readServiceConfig({ TSUNAGU_RECORDING_RETENTION_INTERVAL_SECONDS: '86400' }).recordings.retentionIntervalSeconds).toBe(86_400);
  });

  it('refuses anything else at start-up, naming the variable and the rule', () => {
    const problem = (value: string): string => {
      try {
        readServiceConfig({ TSUNAGU_RECORDING_RETENTION_INTERVAL_SECONDS: value });
      } catch (error) {
        if (error instanceof ConfigError) return error.message;
        throw error;
      }
      return 'accepted';
    };
    expect(problem('0')).toContain('TSUNAGU_RECORDING_RETENTION_INTERVAL_SECONDS: must be at least 1 second');
    expect(problem('1.5')).toContain('TSUNAGU_RECORDING_RETENTION_INTERVAL_SECONDS: must be a whole number of seconds');
    expect(problem('hourly')).toContain('TSUNAGU_RECORDING_RETENTION_INTERVAL_SECONDS: must be a whole number of seconds');
    expect(problem('86401')).toContain('TSUNAGU_RECORDING_RETENTION_INTERVAL_SECONDS: must be at most 86400 (the job runs at least daily)');
  });
});
