import type { FieldOption } from './schema-form.js';

/*
 * The time zones a schedule may run in, for the step settings' picker: the browser's IANA list
 * plus UTC (which Chromium's list leaves out), each labelled with its offset from UTC now, so
 * a designer finds "Europe/Berlin (UTC+01:00)" by typing "berlin" instead of knowing the name.
 */

/** "+01:00" for Berlin in winter, "+00:00" for UTC; null for a zone the browser does not know. */
export function utcOffset(timeZone: string, now: Date): string | null {
  try {
    const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
      .formatToParts(now)
      .find((part) => part.type === 'timeZoneName')?.value;
    // "GMT+01:00", or a bare "GMT" at offset zero.
    const offset = name?.replace(/^GMT/, '');
    return offset ? offset : '+00:00';
  } catch {
    return null;
  }
}

/** "Europe/Berlin (UTC+01:00)"; a name the browser does not know stays as it is. */
export function timeZoneLabel(timeZone: string, now: Date): string {
  const offset = utcOffset(timeZone, now);
  return offset ? `${timeZone} (UTC${offset})` : timeZone;
}

/** The browser's zones, UTC first (the stored default), then by name. */
export function timeZoneNames(
  supported: readonly string[] = Intl.supportedValuesOf('timeZone'),
): string[] {
  return ['UTC', ...[...supported].filter((zone) => zone !== 'UTC').sort()];
}

/** Every zone to offer, each with its label for `now`. */
export function timeZoneOptions(now: Date, names = timeZoneNames()): FieldOption[] {
  return names.map((value) => ({ value, label: timeZoneLabel(value, now) }));
}

/** Lower case, with the underscores and slashes of IANA names read as spaces ("new york"). */
const searchable = (text: string) => text.toLowerCase().replace(/[_/]+/g, ' ');

/**
 * Today's names of cities whose zone the browser still lists under an older spelling (Chromium
 * has Asia/Calcutta, Europe/Kiev): typing "kolkata" or "kyiv" must find them too.
 */
const CURRENT_CITY_NAMES: Record<string, string> = {
  'Asia/Calcutta': 'Kolkata',
  'Europe/Kiev': 'Kyiv',
  'Asia/Saigon': 'Ho Chi Minh',
  'Asia/Katmandu': 'Kathmandu',
  'Asia/Rangoon': 'Yangon',
  'Atlantic/Faeroe': 'Faroe',
  'America/Godthab': 'Nuuk',
  'Pacific/Truk': 'Chuuk',
  'Pacific/Ponape': 'Pohnpei',
  'Pacific/Enderbury': 'Kanton',
};

/** "Asia/Calcutta (UTC+05:30)" becomes "… Kolkata" for searching only; the label stays. */
const searchText = (option: FieldOption) =>
  searchable(`${option.label} ${CURRENT_CITY_NAMES[option.value] ?? ''}`);

/**
 * The zones matching what was typed: every word of it appears in the label, so "new york",
 * "New_York", "america york" and "utc+05:30" all find theirs. Nothing typed lists them all.
 */
export function matchingTimeZones(
  options: readonly FieldOption[],
  typed: string,
): readonly FieldOption[] {
  const words = searchable(typed).split(/\s+/).filter(Boolean);
  if (words.length === 0) return options;
  return options.filter((option) => {
    const text = searchText(option);
    return words.every((word) => text.includes(word));
  });
}
