/*
 * Shortcut hints name the key the user will press: ⌘ on a Mac, iPhone or iPad, Ctrl elsewhere.
 * "Ctrl+Z" on a Mac sends the user to a key that, there, does something else (Ctrl+Z is not
 * undo in macOS). The keyboard handlers accept both modifiers; only the words differ.
 */

/** The parts of `navigator` the platform is read from, so tests can pass their own. */
export interface PlatformHints {
  userAgentData?: { platform?: string } | undefined;
  platform?: string;
  userAgent?: string;
}

// "macOS" and "iOS" from userAgentData, "MacIntel" and "iPhone" from navigator.platform.
const APPLE = /mac|iphone|ipad|ipod|^ios$/i;

/** Whether this browser runs on macOS or iOS, where the shortcut modifier is ⌘. */
export function isApplePlatform(
  nav: PlatformHints | undefined = globalThis.navigator as PlatformHints | undefined,
): boolean {
  if (!nav) return false;
  // userAgentData (Chromium) first; navigator.platform is deprecated but still the one
  // Safari and Firefox give; the user agent string as the last resort.
  const platform = nav.userAgentData?.platform || nav.platform || nav.userAgent || '';
  return APPLE.test(platform);
}

/** The shortcut modifier's name on this platform: "⌘" or "Ctrl". */
export function modKey(nav?: PlatformHints): string {
  return isApplePlatform(nav) ? '⌘' : 'Ctrl';
}

/**
 * A shortcut with the platform's modifier first, as the hints show it: shortcutLabel('Z') is
 * "Ctrl+Z" or "⌘+Z"; shortcutLabel('Shift+Z') is "Ctrl+Shift+Z" or "⌘+Shift+Z".
 */
export function shortcutLabel(keys: string, nav?: PlatformHints): string {
  return `${modKey(nav)}+${keys}`;
}
