import { useMemo, useState } from 'react';
import type { LibraryEntry } from '@tandem/schema';
import { Button } from '../../ui/index.js';
import { libraryPreviewUrl } from './library-api.js';
import { hasRemoteImages } from './library-view.js';

/**
 * An HTML entry as a page, in a frame. Its remote images stay hidden until asked for, as in an
 * email client: loading one tells whoever sent it that the page was opened. The choice holds
 * while this entry is open: give each entry its own `key`, so the next one starts hidden.
 */
export function LibraryHtmlPreview({ entry }: { entry: LibraryEntry }) {
  const remote = useMemo(() => hasRemoteImages(entry.text), [entry.text]);
  const [shown, setShown] = useState(false);
  const showImages = remote && shown;
  return (
    <>
      {remote && (
        // One button whose words change, so the keyboard focus stays on it either way.
        <div className="notice notice-info library-images-bar">
          <span role="status">
            {showImages ? 'Remote images are shown.' : 'Remote images are hidden.'}
          </span>
          <Button size="sm" onClick={() => setShown(!showImages)}>
            {showImages ? 'Hide images' : 'Show images'}
          </Button>
        </div>
      )}
      {/*
       * Sandboxed with no permissions, here and by the page's own policy: the HTML was
       * sanitized when saved, and even so it cannot run scripts, submit forms or reach this
       * page from in there.
       */}
      <iframe
        className="library-html"
        sandbox=""
        src={libraryPreviewUrl(entry.id, showImages)}
        title={`${entry.title}, as a page`}
      />
    </>
  );
}
