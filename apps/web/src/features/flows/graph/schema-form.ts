import { humanize } from '../../../ui/format.js';
import type { JsonSchema } from './node-catalog.js';
import {
  describeDuration,
  durationUnits,
  fractionToPercent,
  isTimeUnit,
  type TimeUnit,
} from './units.js';

export type FieldKind =
  | 'text'
  | 'textarea'
  | 'template'
  | 'number'
  | 'percent'
  | 'duration'
  | 'boolean'
  | 'select'
  | 'roles'
  | 'multiselect'
  | 'string-list'
  | 'object-list'
  | 'node-ref'
  | 'connection'
  | 'people'
  | 'variable'
  | 'output-field'
  | 'time-zone'
  | 'json';

export interface FieldOption {
  value: string;
  label: string;
}

/** One control in a generated config form. */
export interface FormField {
  key: string;
  label: string;
  help?: string;
  kind: FieldKind;
  required: boolean;
  options?: FieldOption[];
  min?: number;
  max?: number;
  integer?: boolean;
  /** number inputs: the step the arrows move by. */
  step?: number;
  /** object-list: the fields of each item. */
  itemFields?: FormField[];
  /**
   * object-list: what one item is called ("+ Add field", "Field 2" for an item without a name of
   * its own), from the items' title.
   */
  itemLabel?: string;
  /** `advanced`: a technical setting, shown after the others in a collapsed group. */
  group?: 'advanced';
  /** duration: the unit the value is stored in, and the units it may be typed in. */
  baseUnit?: TimeUnit;
  units?: TimeUnit[];
  /** number: the unit shown beside the box ("%"); the value is stored as typed. */
  unitLabel?: string;
  /** output-field: the sibling setting naming the table whose columns this one offers. */
  columnsOf?: string;
  /** connection: the kind of saved connection the field takes (`webhook`, `smtp`, ...). */
  connectionKind?: string;
  /** template: a line of text (an email subject, a post title), not a body or a prompt. */
  singleLine?: boolean;
  schema: JsonSchema;
}

/** A template held to this many characters is a subject or a title, not a body. */
const SINGLE_LINE_MAX = 500;

function templateKind(schema: JsonSchema): Pick<FormField, 'kind' | 'singleLine'> {
  const short = schema.maxLength !== undefined && schema.maxLength <= SINGLE_LINE_MAX;
  return { kind: 'template', ...(short ? { singleLine: true } : {}) };
}

const ROLE_VALUES = ['admin', 'designer', 'reviewer', 'manager'];
const LONG_TEXT_KEYS = new Set(['instructions', 'disclaimer', 'description', 'system']);

/** "review_flagged" -> "Review flagged", keeping short codes (POST) as they are. */
function optionLabel(value: unknown): string {
  const text = String(value);
  if (/^[A-Z0-9]+$/.test(text)) return text;
  return humanize(text);
}

/** An enum's choices, in the words the schema's `optionLabels` hint gives, else from the value. */
function optionsOf(schema: JsonSchema, values: unknown[]): FieldOption[] {
  const labels = (schema.optionLabels ?? {}) as Record<string, unknown>;
  return values.map((v) => {
    const label = labels[String(v)];
    return { value: String(v), label: typeof label === 'string' ? label : optionLabel(v) };
  });
}

/** zod emits optional/nullable fields as anyOf with a null branch; use the non-null branch. */
function unwrapSchema(schema: JsonSchema): JsonSchema {
  const branches = schema.anyOf ?? schema.oneOf;
  if (!branches) return schema;
  const nonNull = branches.filter((b) => b.type !== 'null');
  if (nonNull.length === 1) {
    return {
      ...nonNull[0],
      title: schema.title ?? nonNull[0]!.title,
      description: schema.description ?? nonNull[0]!.description,
    };
  }
  return schema;
}

function typeOf(schema: JsonSchema): string | undefined {
  if (Array.isArray(schema.type)) return schema.type.find((t) => t !== 'null');
  return schema.type;
}

function isRoleEnum(values: unknown[] | undefined): boolean {
  return !!values?.length && values.every((v) => ROLE_VALUES.includes(String(v)));
}

function kindOf(
  key: string,
  schema: JsonSchema,
): Omit<FormField, 'key' | 'label' | 'required' | 'schema'> {
  if (schema.widget === 'prompt' || schema.widget === 'template') return templateKind(schema);
  const type = typeOf(schema);
  // Ids typed by hand fail silently (an email is not a user id): pick from names instead.
  if (schema.widget === 'connection' && type === 'string') {
    return {
      kind: 'connection',
      ...(typeof schema.connectionKind === 'string'
        ? { connectionKind: schema.connectionKind }
        : {}),
    };
  }
  if (schema.widget === 'people' && type === 'array') return { kind: 'people' };
  if (schema.widget === 'variable' && type === 'string') return { kind: 'variable' };
  if (schema.widget === 'time-zone' && type === 'string') return { kind: 'time-zone' };
  if (schema.widget === 'output-field' && type === 'string') {
    return {
      kind: 'output-field',
      ...(typeof schema.columnsOf === 'string' ? { columnsOf: schema.columnsOf } : {}),
    };
  }
  if (schema.enum && (type === 'string' || type === undefined)) {
    return { kind: 'select', options: optionsOf(schema, schema.enum) };
  }
  switch (type) {
    case 'boolean':
      return { kind: 'boolean' };
    case 'integer':
    case 'number': {
      const min = schema.minimum ?? schema.exclusiveMinimum;
      const max = schema.maximum ?? schema.exclusiveMaximum;
      if (schema.widget === 'duration' && isTimeUnit(schema.unit)) {
        return {
          kind: 'duration',
          integer: type === 'integer',
          baseUnit: schema.unit,
          units: durationUnits(schema.unit, max),
          ...(min !== undefined ? { min } : {}),
          ...(max !== undefined ? { max } : {}),
        };
      }
      if (schema.widget === 'percent') {
        // Bounds in the percentages the box takes; the value stays a fraction.
        return {
          kind: 'percent',
          step: 1,
          ...(min !== undefined ? { min: fractionToPercent(min) } : {}),
          ...(max !== undefined ? { max: fractionToPercent(max) } : {}),
        };
      }
      const integer = type === 'integer';
      const step = integer ? 1 : max !== undefined && max <= 1 ? 0.05 : 0.1;
      return {
        kind: 'number',
        integer,
        step,
        ...(typeof schema.unitLabel === 'string' ? { unitLabel: schema.unitLabel } : {}),
        ...(min !== undefined ? { min } : {}),
        ...(max !== undefined ? { max } : {}),
      };
    }
    case 'string': {
      if (key === 'sourceNodeId' || key.endsWith('NodeId')) return { kind: 'node-ref' };
      // A string held to a pattern is a name or a path, never a template, even when its help
      // explains how templates use it (an input field's name: "steps use it as {{ input.<name> }}").
      const mentionsTemplate =
        !schema.pattern &&
        (/\{\{/.test(schema.description ?? '') || /\{\{/.test(String(schema.default ?? '')));
      if (key === 'prompt' || key === 'system' || /Template$/.test(key) || mentionsTemplate) {
        return templateKind(schema);
      }
      if (LONG_TEXT_KEYS.has(key) || (schema.maxLength ?? 0) > 2_000) return { kind: 'textarea' };
      return { kind: 'text' };
    }
    case 'array': {
      const items = unwrapSchema(schema.items ?? {});
      const itemType = typeOf(items);
      if (items.enum) {
        return {
          kind: isRoleEnum(items.enum) ? 'roles' : 'multiselect',
          options: optionsOf(items, items.enum),
        };
      }
      if (itemType === 'string') return { kind: 'string-list' };
      if (itemType === 'object' && items.properties) {
        return {
          kind: 'object-list',
          itemFields: buildFormFields(items),
          ...(items.title ? { itemLabel: items.title } : {}),
        };
      }
      return { kind: 'json' };
    }
    default:
      return { kind: 'json' };
  }
}

/** The controls for an object schema, in declaration order, labelled from titles. */
export function buildFormFields(schema: JsonSchema): FormField[] {
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {}).map(([key, raw]) => {
    const fieldSchema = unwrapSchema(raw);
    return {
      key,
      label: fieldSchema.title ?? humanize(key),
      ...(fieldSchema.description ? { help: fieldSchema.description } : {}),
      required: required.has(key),
      schema: fieldSchema,
      ...(fieldSchema.group === 'advanced' ? { group: 'advanced' as const } : {}),
      ...kindOf(key, fieldSchema),
    };
  });
}

export interface FieldIssue {
  path: (string | number)[];
  message: string;
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

/**
 * Checks a value against the JSON Schema subset zod emits for node configs (types, required,
 * lengths, ranges, enums, patterns, item counts, uri/email formats). The server re-validates
 * with the real zod schema; this gives the designer the same answer while typing.
 */
export function validateValue(
  schema: JsonSchema,
  value: unknown,
  path: (string | number)[] = [],
): FieldIssue[] {
  const s = unwrapSchema(schema);
  const issues: FieldIssue[] = [];
  const add = (message: string, at = path) => issues.push({ path: at, message });
  if (value === undefined || value === null) return issues;
  const type = typeOf(s);
  if (s.enum && !s.enum.includes(value)) {
    add(
      `Choose one of: ${optionsOf(s, s.enum)
        .map((o) => o.label)
        .join(', ')}`,
    );
    return issues;
  }
  switch (type) {
    case 'string': {
      if (typeof value !== 'string') return [{ path, message: 'Enter text' }];
      const length =
        s.minLength !== undefined && s.minLength > 0 ? value.trim().length : value.length;
      if (s.minLength !== undefined && length < s.minLength) {
        add(s.minLength === 1 ? 'Required' : `At least ${s.minLength} characters`);
      } else if (s.maxLength !== undefined && value.length > s.maxLength) {
        add(`At most ${s.maxLength} characters`);
      } else if (s.pattern && value !== '' && !new RegExp(s.pattern).test(value)) {
        add('Not in the expected format');
      } else if (s.format === 'uri' && value !== '' && !/^https?:\/\/[^\s]+$/i.test(value)) {
        add('Enter a web address starting with http:// or https://');
      } else if (
        s.format === 'email' &&
        value !== '' &&
        !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)
      ) {
        add('Enter an email address');
      }
      break;
    }
    case 'integer':
    case 'number': {
      if (typeof value !== 'number' || Number.isNaN(value))
        return [{ path, message: 'Enter a number' }];
      // A bound in the unit the designer types in: "At most 100 %", not the fraction's 1.
      const bound = (n: number) =>
        s.widget === 'percent'
          ? `${fractionToPercent(n)} %`
          : s.widget === 'duration' && isTimeUnit(s.unit)
            ? describeDuration(n, s.unit)
            : typeof s.unitLabel === 'string'
              ? `${n} ${s.unitLabel}`
              : `${n}`;
      if (type === 'integer' && !Number.isInteger(value)) add('Enter a whole number');
      else if (s.minimum !== undefined && value < s.minimum) add(`At least ${bound(s.minimum)}`);
      else if (s.maximum !== undefined && value > s.maximum) add(`At most ${bound(s.maximum)}`);
      else if (s.exclusiveMinimum !== undefined && value <= s.exclusiveMinimum)
        add(`More than ${bound(s.exclusiveMinimum)}`);
      else if (s.exclusiveMaximum !== undefined && value >= s.exclusiveMaximum)
        add(`Less than ${bound(s.exclusiveMaximum)}`);
      break;
    }
    case 'boolean':
      if (typeof value !== 'boolean') add('Choose yes or no');
      break;
    case 'array': {
      if (!Array.isArray(value)) return [{ path, message: 'Expected a list' }];
      if (s.minItems !== undefined && value.length < s.minItems) {
        add(s.minItems === 1 ? 'Add at least one item' : `Add at least ${s.minItems} items`);
      }
      if (s.maxItems !== undefined && value.length > s.maxItems) add(`At most ${s.maxItems} items`);
      if (s.items)
        value.forEach((item, i) => issues.push(...validateValue(s.items!, item, [...path, i])));
      break;
    }
    case 'object': {
      if (typeof value !== 'object' || Array.isArray(value))
        return [{ path, message: 'Expected a group of fields' }];
      const record = value as Record<string, unknown>;
      for (const key of s.required ?? []) {
        if (isEmpty(record[key])) add('Required', [...path, key]);
      }
      for (const [key, child] of Object.entries(s.properties ?? {})) {
        const v = record[key];
        if (v !== undefined && v !== null && !(v === '' && (s.required ?? []).includes(key))) {
          issues.push(...validateValue(child, v, [...path, key]));
        }
      }
      break;
    }
  }
  return issues;
}

/**
 * A field path in the designer's words, using the schema's titles and naming a list's items as
 * the form heads them (ObjectList): ["rules", 0, "value"] -> "Rules › Rule 1 › Value",
 * ["fields", 1, "name"] -> "Input form › Field 2 › Name".
 */
export function describeFieldPath(schema: JsonSchema, path: readonly (string | number)[]): string {
  const parts: string[] = [];
  let current: JsonSchema | undefined = unwrapSchema(schema);
  for (const segment of path) {
    if (typeof segment === 'number') {
      const items: JsonSchema | undefined = current?.items
        ? unwrapSchema(current.items)
        : undefined;
      const listTitle = parts.at(-1);
      const itemLabel = items?.title ?? (listTitle ? listTitle.replace(/s$/, '') : 'Item');
      parts.push(`${itemLabel} ${segment + 1}`);
      current = items;
      continue;
    }
    const child: JsonSchema | undefined = current?.properties?.[segment];
    parts.push(child?.title ?? humanize(segment));
    current = child ? unwrapSchema(child) : undefined;
  }
  return parts.join(' › ');
}
