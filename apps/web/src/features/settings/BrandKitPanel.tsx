import { useEffect, useId, useState } from 'react';
import { useBlocker } from 'react-router';
import type { BrandKit } from '@tandem/schema';
import { isApiError } from '../../api/client.js';
import { Button, Field, Modal, Spinner, useToast } from '../../ui/index.js';
import { getBrandKit, saveBrandKit } from './settings-api.js';
import { useFocusFirstInvalid } from './use-focus-first-invalid.js';
import {
  formatExamples,
  formatPreferredTerms,
  issuesByField,
  linesToList,
  listToLines,
  parseExamples,
  parsePreferredTerms,
} from './settings-view.js';

interface Form {
  name: string;
  voice: string;
  audience: string;
  preferredTerms: string;
  bannedPhrases: string;
  requiredDisclaimers: string;
  linkAllowList: string;
  examplePosts: string;
}

function toForm(kit: BrandKit | null): Form {
  return {
    name: kit?.name ?? 'Brand',
    voice: kit?.voice ?? '',
    audience: kit?.audience ?? '',
    preferredTerms: formatPreferredTerms(kit?.preferredTerms ?? []),
    bannedPhrases: listToLines(kit?.bannedPhrases ?? []),
    requiredDisclaimers: listToLines(kit?.requiredDisclaimers ?? []),
    linkAllowList: listToLines(kit?.linkAllowList ?? []),
    examplePosts: formatExamples(kit?.examplePosts ?? []),
  };
}

const BRAND_KIT_CONFLICT =
  'Someone else saved the brand kit while you were editing. Your changes are still here: Save again to replace their version, or reload the page to see theirs.';

/** One toast at a time: a second failed save replaces the first rather than stacking. */
const TOAST_GROUP = 'brand-kit';

/** The brand kit every AI step and brand check reads. */
export function BrandKitPanel() {
  const [kit, setKit] = useState<BrandKit | null>(null);
  const [form, setForm] = useState<Form | null>(null);
  /** The form as last loaded or saved: anything else is unsaved work. */
  const [savedForm, setSavedForm] = useState<Form | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  /** Shown until the next save: a toast would be gone before the admin decided what to do. */
  const [conflict, setConflict] = useState(false);
  const toast = useToast();
  const { container, refused } = useFocusFirstInvalid<HTMLFormElement>();
  const id = useId();
  useEffect(() => {
    getBrandKit().then(
      (loaded) => {
        setKit(loaded);
        setForm(toForm(loaded));
        setSavedForm(toForm(loaded));
      },
      (e: Error) => {
        toast.show(e.message, 'error');
        setForm(toForm(null));
        setSavedForm(toForm(null));
      },
    );
  }, [toast]);
  // Another Settings tab, or any page, was one click away from losing every edit without a word.
  const unsaved =
    form !== null &&
    savedForm !== null &&
    (Object.keys(form) as (keyof Form)[]).some((k) => form[k] !== savedForm[k]);
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      unsaved && currentLocation.pathname !== nextLocation.pathname,
  );
  useEffect(() => {
    if (!unsaved) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [unsaved]);
  if (!form) return <Spinner label="Loading the brand kit" />;

  const set = (key: keyof Form) => (e: { target: { value: string } }) =>
    setForm({ ...form, [key]: e.target.value });

  const save = async () => {
    const terms = parsePreferredTerms(form.preferredTerms);
    if (terms.errors.length) {
      setErrors({ preferredTerms: terms.errors.join(' ') });
      refused();
      return;
    }
    setBusy(true);
    setErrors({});
    setConflict(false);
    try {
      const saved = await saveBrandKit(kit, {
        name: form.name.trim(),
        voice: form.voice,
        audience: form.audience,
        preferredTerms: terms.terms,
        bannedPhrases: linesToList(form.bannedPhrases),
        requiredDisclaimers: linesToList(form.requiredDisclaimers),
        linkAllowList: linesToList(form.linkAllowList),
        examplePosts: parseExamples(form.examplePosts),
      });
      setKit(saved);
      // As the server stored it: a pasted link among the domains is kept as its domain only.
      setForm(toForm(saved));
      setSavedForm(toForm(saved));
      toast.show('Brand kit saved; the next AI steps use it', 'success', TOAST_GROUP);
    } catch (e) {
      if (isApiError(e, 'CONFLICT')) {
        // Someone saved the kit meanwhile. Their revision is read so a second Save goes through,
        // and the form keeps this admin's text: reloading, as the server suggests, would lose it.
        const latest = await getBrandKit().catch(() => null);
        if (latest) setKit(latest);
        setConflict(true);
        refused();
      } else if (isApiError(e, 'VALIDATION_FAILED') && e.issues.length > 0) {
        // Each problem shows under its field; the toast only points there, rather than
        // repeating the first problem in the API's words.
        setErrors(issuesByField(e.issues));
        refused();
        toast.show('Not saved: check the marked fields', 'error', TOAST_GROUP);
      } else toast.show((e as Error).message, 'error', TOAST_GROUP);
    } finally {
      setBusy(false);
    }
  };

  const area = (key: keyof Form, label: string, help: string, rows = 4) => (
    <Field label={label} htmlFor={`${id}-${key}`} help={help} error={errors[key]}>
      <textarea id={`${id}-${key}`} rows={rows} value={form[key]} onChange={set(key)} />
    </Field>
  );

  return (
    // noValidate: the app's messages stand under the fields; no browser bubbles.
    <form
      ref={container}
      noValidate
      className="card settings-form"
      aria-labelledby={`${id}-h`}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h2 id={`${id}-h`}>Brand kit</h2>
      <Field label="Name" htmlFor={`${id}-name`} required error={errors.name}>
        <input id={`${id}-name`} value={form.name} onChange={set('name')} />
      </Field>
      {area('voice', 'Voice', 'How the brand sounds, in a few sentences.', 3)}
      {area('audience', 'Audience', 'Who the content is for.', 2)}
      {area('preferredTerms', 'Preferred terms', 'One per line: use = instead of', 4)}
      {area('bannedPhrases', 'Banned phrases', 'One per line. Checks flag them.', 4)}
      {area('requiredDisclaimers', 'Required disclaimers', 'One per line.', 2)}
      {area(
        'linkAllowList',
        'Allowed link domains',
        'One domain per line, like example.com (its subdomains count too); links elsewhere are flagged. A pasted link keeps only its domain.',
        3,
      )}
      {area(
        'examplePosts',
        'Example posts',
        'Separate posts with a line of three dashes (---).',
        6,
      )}
      {conflict && (
        <p className="notice notice-danger" role="alert">
          {BRAND_KIT_CONFLICT}
        </p>
      )}
      <div>
        <Button type="submit" variant="primary" busy={busy}>
          Save brand kit
        </Button>
      </div>
      <Modal
        open={blocker.state === 'blocked'}
        title="Leave without saving?"
        onClose={() => blocker.reset?.()}
        footer={
          <>
            <Button variant="ghost" onClick={() => blocker.proceed?.()}>
              Leave and lose the changes
            </Button>
            <Button variant="primary" onClick={() => blocker.reset?.()}>
              Stay
            </Button>
          </>
        }
      >
        <p>Your changes to the brand kit are not saved yet. Stay to save them.</p>
      </Modal>
    </form>
  );
}
