import type { Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { apiLogin, type ApiClient } from './api.js';
import { loginAs } from './auth.js';
import { startBrowserStack, type BrowserStack } from './browser-stack.js';

/**
 * What the Settings browser tests share: the browser stack, the admin's API client for setting
 * things up and checking them behind the UI, and pages signed in as the admin.
 */
export interface SettingsStack extends BrowserStack {
  admin: ApiClient;
  /** A new page of this size (a desktop's unless given), signed in as the admin, on the app's home. */
  adminPage(width?: number, height?: number): Promise<Page>;
}

export async function startSettingsStack(): Promise<SettingsStack> {
  const base = await startBrowserStack();
  try {
    const admin = await apiLogin(base.server.url, 'admin@example.com');
    return {
      ...base,
      admin,
      async adminPage(width = 1360, height = 900) {
        const page = await base.browser.newPage({ viewport: { width, height } });
        await loginAs(page, base.server.url, 'admin@example.com');
        return page;
      },
    };
  } catch (error) {
    // The server is a child process: a failed setup must not leave it running.
    await base.stop();
    throw error;
  }
}

/**
 * The Settings stack for the enclosing describe block: started before its tests, stopped after
 * them. What it returns reads the running stack, so use it inside tests and hooks only.
 */
export function useSettingsStack(): SettingsStack {
  let stack: SettingsStack | undefined;
  beforeAll(async () => {
    stack = await startSettingsStack();
  }, 300_000);
  afterAll(() => stack?.stop());
  return new Proxy({} as SettingsStack, {
    get(_view, key) {
      if (!stack) throw new Error('The settings stack is not running: use it inside a test');
      return Reflect.get(stack, key);
    },
  });
}

/** The message shown under the field with this label, once there is one. */
export async function errorUnder(page: Page, label: RegExp): Promise<string | null> {
  const error = page.locator('.field', { has: page.getByLabel(label) }).locator('.field-error');
  await error.waitFor();
  return error.textContent();
}
