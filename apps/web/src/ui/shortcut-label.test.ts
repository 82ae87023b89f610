import { describe, expect, it } from 'vitest';
import { isApplePlatform, modKey, shortcutLabel } from './shortcut-label.js';

const MAC_UA =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36';
const WINDOWS_UA =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36';

describe('shortcutLabel', () => {
  it('names ⌘ on macOS, from userAgentData, navigator.platform or the user agent', () => {
    for (const nav of [
      { userAgentData: { platform: 'macOS' } },
      { platform: 'MacIntel' },
      { platform: '', userAgent: MAC_UA },
    ]) {
      expect(isApplePlatform(nav)).toBe(true);
      expect(modKey(nav)).toBe('⌘');
      expect(shortcutLabel('Z', nav)).toBe('⌘+Z');
      expect(shortcutLabel('Shift+Z', nav)).toBe('⌘+Shift+Z');
    }
  });

  it('names ⌘ on an iPhone or iPad', () => {
    expect(shortcutLabel('Z', { platform: 'iPhone' })).toBe('⌘+Z');
    expect(shortcutLabel('Z', { platform: 'iPad' })).toBe('⌘+Z');
    expect(shortcutLabel('Z', { userAgentData: { platform: 'iOS' } })).toBe('⌘+Z');
  });

  it('names Ctrl on Windows, Linux and Android', () => {
    for (const nav of [
      { userAgentData: { platform: 'Windows' }, userAgent: WINDOWS_UA },
      { userAgentData: { platform: 'Linux' } },
      { platform: 'Linux x86_64' },
      { userAgentData: { platform: 'Android' } },
    ]) {
      expect(isApplePlatform(nav)).toBe(false);
      expect(shortcutLabel('Z', nav)).toBe('Ctrl+Z');
      expect(shortcutLabel('Shift+Z', nav)).toBe('Ctrl+Shift+Z');
    }
  });

  it('names Ctrl where the browser tells nothing of its platform', () => {
    expect(isApplePlatform({})).toBe(false);
    expect(modKey({})).toBe('Ctrl');
  });
});
