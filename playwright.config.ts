import { defineConfig } from '@playwright/test';
import { chromiumArgs, chromiumExecutable } from './scripts/lib/chromium';

/**
 * End-to-end tests over the real stack: Kamailio from Debian, the built SPA, and Debian's
 * Chromium (browsers are never downloaded). One worker: every test drives several WebRTC
 * pages at once and the machine has two cores.
 */
export default defineConfig({
  testDir: 'e2e',
  testMatch: '*.spec.ts',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  forbidOnly: true,
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  globalSetup: './e2e/global-setup.ts',
  outputDir: 'test-results',
  use: {
    browserName: 'chromium',
    locale: 'ja-JP',
    timezoneId: 'Asia/Tokyo',
    permissions: ['microphone'],
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: { executablePath: chromiumExecutable, args: [...chromiumArgs] },
  },
});
