import type { Page } from 'playwright-core';

export const DEMO_PASSWORD = 'tandem';

/** Where the web app keeps a tab's session (apps/web: api/client.ts and auth/AuthProvider.tsx). */
const TOKEN_KEY = 'tandem.token';
const USER_KEY = 'tandem.user';
/** The reviewer's undo setting (apps/web: features/inbox/pending-decisions.ts). */
const UNDO_KEY = 'tandem.inbox.undo';

let sessionsPrimed = 0;

/**
 * Signs `page` in without the login form: signs in through the API from the page's own browser
 * context (so the session cookie lands there too), and hands the app that session before its
 * scripts run on the page's next navigation, once. Going through the form cost every page a
 * full app load before the one the test wanted (about a second of CPU each, on a run that is
 * CPU-bound on CI's two cores); the form itself is tested by first-minutes.test.ts,
 * page-focus.test.ts and keyboard-focus.test.ts.
 *
 * Decisions are sent at once, as with the reviewer's undo setting off: the tests of what a
 * decision does would otherwise each wait out its undo window. review-undo.test.ts picks a hold
 * time, as a reviewer does, in the shortcuts dialog.
 */
export async function primeSession(
  page: Page,
  baseUrl: string,
  email: string,
  password = DEMO_PASSWORD,
): Promise<void> {
  const response = await page.request.post(`${baseUrl}/api/auth/login`, {
    data: { email, password },
  });
  if (!response.ok()) {
    throw new Error(`Signing in as ${email} failed: ${response.status()} ${await response.text()}`);
  }
  const { token, user } = (await response.json()) as { token: string; user: unknown };
  sessionsPrimed += 1;
  const session = {
    origin: new URL(baseUrl).origin,
    token,
    user: JSON.stringify(user),
    // Once per tab: a test that signs out and reloads must find itself signed out.
    once: `tandem.e2e.primed.${process.pid}.${sessionsPrimed}`,
    keys: { token: TOKEN_KEY, user: USER_KEY, undo: UNDO_KEY },
  };
  // A function, not a string: playwright serialises it with `session` as its argument, and this
  // module is also compiled where the DOM's types are not loaded (bench/), hence the casts.
  await page.addInitScript((s: typeof session) => {
    const g = globalThis as unknown as {
      location: { origin: string };
      sessionStorage: { getItem(k: string): string | null; setItem(k: string, v: string): void };
      localStorage: { setItem(k: string, v: string): void };
    };
    try {
      if (g.location.origin !== s.origin || g.sessionStorage.getItem(s.once)) return;
      g.sessionStorage.setItem(s.once, '1');
      g.sessionStorage.setItem(s.keys.token, s.token);
      g.sessionStorage.setItem(s.keys.user, s.user);
      g.localStorage.setItem(s.keys.undo, 'off');
    } catch {
      // A sandboxed frame (the library's preview) has no storage: nothing to sign in there.
    }
  }, session);
}

/**
 * Signs `page` in (see primeSession) and opens the app: at `at` when given (the caller waits for
 * what it expects there), else at its home, waiting for the app shell.
 */
export async function loginAs(
  page: Page,
  baseUrl: string,
  email: string,
  options: { password?: string; at?: string } = {},
): Promise<void> {
  await primeSession(page, baseUrl, email, options.password);
  if (options.at !== undefined) {
    await page.goto(`${baseUrl}${options.at}`);
    return;
  }
  await page.goto(`${baseUrl}/`);
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
}

/** Signs in through the real login form, as a person does, and waits for the app shell. */
export async function loginThroughForm(
  page: Page,
  baseUrl: string,
  email: string,
  password = DEMO_PASSWORD,
): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  // As a string: this module is also compiled where the DOM's types are not loaded (bench/).
  await page.evaluate(`localStorage.setItem('${UNDO_KEY}', 'off')`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
}
