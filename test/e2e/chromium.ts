// Chromium for browser tests, as design.md says to start it: the Debian package, headless, with the
// flags that keep it from calling home. Closed in t.after.
import { existsSync } from 'node:fs';
import type { TestContext } from 'node:test';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

/** The skip reason when Chromium is not installed, else false. */
export const CHROMIUM_SKIP: string | false = existsSync(CHROMIUM)
  ? false
  : `${CHROMIUM} is missing (apt-get install chromium); browser test skipped`;

export async function launchChromium(t: TestContext): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      // /dev/shm is small in many containers; Chromium's pages then crash or never open.
      '--disable-dev-shm-usage',
    ],
    timeout: 60_000,
  });
  // A wedged browser must not hold the test file open: give close() a bound. Playwright kills the
  // browser process when this process exits.
  t.after(async () => {
    let timer: NodeJS.Timeout | undefined;
    const bound = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, 15_000);
    });
    await Promise.race([browser.close(), bound]);
    clearTimeout(timer);
  });
  return browser;
}
