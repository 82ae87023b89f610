import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { WouldSend } from './WouldSend.js';

describe('WouldSend', () => {
  it('says it was not sent, where it would have gone, and what, with HTML as text', () => {
    const html = renderToStaticMarkup(
      <WouldSend
        wouldSend={{
          target: 'ann@example.com',
          request: {
            to: ['ann@example.com'],
            subject: 'Spring <b>launch</b>',
            html: '<p onclick="x()">Hi</p><script>alert(1)</script>',
          },
        }}
      />,
    );
    expect(html).toContain('Not sent — test run');
    expect(html).toContain('Would go to');
    expect(html).toContain('ann@example.com');
    expect(html).toContain('Spring &lt;b&gt;launch&lt;/b&gt;');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<p onclick');
    expect(html).toContain('HTML source, not rendered');
  });

  it('pretty-prints a JSON body', () => {
    const html = renderToStaticMarkup(
      <WouldSend wouldSend={{ target: 'Slack', request: { body: '{"text":"Hi"}' } }} />,
    );
    expect(html).toContain('{\n  &quot;text&quot;: &quot;Hi&quot;\n}');
  });
});
