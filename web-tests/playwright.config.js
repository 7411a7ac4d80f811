// Playwright drives Debian's Chromium (installed by bin/web-test-env), never a downloaded browser.
// WebPageTest sets TIERFEED_WEB_URL (the page on the test stack), where screenshots and the JUnit report go.
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: './tests',
  timeout: 60_000,
  workers: 1,
  retries: 0,
  outputDir: process.env.TIERFEED_WEB_OUTPUT || 'test-results',
  reporter: [['list'], ['junit', { outputFile: process.env.TIERFEED_WEB_JUNIT || 'test-results/junit.xml' }]],
  use: {
    browserName: 'chromium',
    launchOptions: { executablePath: process.env.TIERFEED_CHROMIUM || '/usr/bin/chromium' },
    viewport: { width: 390, height: 844 }, // a phone's
  },
});
