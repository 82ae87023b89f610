import { renderToStaticMarkup } from 'react-dom/server';
import { MemoryRouter } from 'react-router';
import { describeNodeTypes } from '@tandem/nodes';
import type { ConnectionDirectoryEntry, UserDirectoryEntry } from '@tandem/schema';
import type { DeclaredOutputs } from '../../graph/declared-outputs.js';
import { buildFormFields } from '../../graph/schema-form.js';
import type { JsonSchema } from '../../graph/node-catalog.js';
import type { Loadable, PickerDirectory } from '../use-directory.js';
import { ConfigForm, type FormContext } from './ConfigForm.js';

/* The step settings form rendered to markup for its tests, with a directory to pick from. */

export const connections: ConnectionDirectoryEntry[] = [
  { id: 'con_cms', name: 'CMS hook', kind: 'webhook', disabled: false },
  { id: 'con_mail', name: 'Agency mail', kind: 'smtp', disabled: false },
  { id: 'con_news', name: 'Newsletter relay', kind: 'smtp', disabled: false },
];
export const people: UserDirectoryEntry[] = [
  { id: 'usr_dana', name: 'Dana Designer', roles: ['designer'], disabled: false },
  { id: 'usr_rae', name: 'Rae Reviewer', roles: ['reviewer', 'manager'], disabled: false },
];

export const ready = <T,>(items: T[]): Loadable<T> => ({ status: 'ready', items });

/** The step settings form of a real node type, rendered as the inspector renders it. */
export function renderForm(
  type: string,
  value: Record<string, unknown>,
  directory: Partial<PickerDirectory> = {},
  errors: Record<string, string> = {},
  warnings: Record<string, string> = {},
  declared: DeclaredOutputs | null = null,
  steps: Pick<FormContext, 'upstream' | 'stepIds'> & Partial<Pick<FormContext, 'suggestions'>> = {
    upstream: [],
    stepIds: new Set(),
  },
): string {
  const schema = describeNodeTypes().find((d) => d.type === type)!.configSchema as JsonSchema;
  return renderToStaticMarkup(
    <MemoryRouter>
      <ConfigForm
        fields={buildFormFields(schema)}
        value={value}
        onChange={() => undefined}
        context={{
          suggestions: [],
          ...steps,
          errors,
          warnings,
          readOnly: false,
          declared,
          directory: {
            connections: ready(connections),
            people: ready(people),
            canManageConnections: false,
            ...directory,
          },
        }}
        idPrefix="cfg"
      />
    </MemoryRouter>,
  );
}

/** The message with this id: its class and its words, the icon and the screen reader's word apart. */
export function noteOf(html: string, id: string): { className: string; text: string } | null {
  const match = new RegExp(`<p class="([^"]*)" id="${id}">(.*?)</p>`).exec(html);
  if (!match) return null;
  const words = match[2]!.replace(/<span class="sr-only">[^<]*<\/span>/, '');
  return { className: match[1]!, text: words.replace(/<[^>]+>/g, '') };
}

/** The markup of the <select> with this id, options included. */
export const selectOf = (html: string, id: string) =>
  new RegExp(`<select[^>]*id="${id}"[^>]*>.*?</select>`).exec(html)?.[0] ?? '';
