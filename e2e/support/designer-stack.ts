import type { Page } from 'playwright-core';
import { apiLogin, type ApiClient } from './api.js';
import { loginAs } from './auth.js';
import { startBrowserStack, type BrowserStack } from './browser-stack.js';

/**
 * What the editor and runs browser tests share: the browser stack, the designer's API client for
 * setting flows up behind the UI, and pages signed in as the designer.
 */
export interface DesignerStack extends BrowserStack {
  designer: ApiClient;
  /**
   * A new page of this size, signed in as the designer, on the app's home or at `at` (a path);
   * in the given time zone (IANA name) when one is given, else the machine's.
   */
  designerPage(
    viewport: { width: number; height: number },
    options?: { timezoneId?: string; at?: string },
  ): Promise<Page>;
}

export async function startDesignerStack(): Promise<DesignerStack> {
  const base = await startBrowserStack();
  try {
    const designer = await apiLogin(base.server.url, 'designer@example.com');
    return {
      ...base,
      designer,
      async designerPage(viewport, options) {
        const page = await base.browser.newPage({ viewport, timezoneId: options?.timezoneId });
        await loginAs(page, base.server.url, 'designer@example.com', { at: options?.at });
        return page;
      },
    };
  } catch (error) {
    // The server is a child process: a failed setup must not leave it running.
    await base.stop();
    throw error;
  }
}
