import { describe, expect, it, vi } from 'vitest';
import type { MouseEvent, ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { Button, type ButtonProps } from './Button.js';

/** The <button> element Button renders, to call its click handler as the browser would. */
function rendered(props: ButtonProps) {
  const render = (Button as unknown as { render: (p: ButtonProps, ref: null) => ReactElement })
    .render;
  return render(props, null) as ReactElement<{ onClick: (e: MouseEvent) => void }>;
}

function click(props: ButtonProps) {
  const event = { preventDefault: vi.fn() } as unknown as MouseEvent<HTMLButtonElement>;
  rendered(props).props.onClick(event);
  return event;
}

describe('Button', () => {
  it('stays focusable while busy: aria-disabled, never the disabled attribute', () => {
    const html = renderToStaticMarkup(
      <Button busy onClick={() => {}}>
        Publishing…
      </Button>,
    );
    expect(html).toContain('aria-disabled="true"');
    expect(html).toContain('aria-busy="true"');
    expect(html).not.toMatch(/ disabled=/);
  });

  it('refuses clicks while busy, and a busy submit button does not send its form', () => {
    const onClick = vi.fn();
    const busyClick = click({ busy: true, type: 'submit', onClick });
    expect(onClick).not.toHaveBeenCalled();
    expect(busyClick.preventDefault).toHaveBeenCalled();

    const idleClick = click({ onClick });
    expect(onClick).toHaveBeenCalledTimes(1);
    expect(idleClick.preventDefault).not.toHaveBeenCalled();
  });

  it('says nothing about being busy when it is not', () => {
    const html = renderToStaticMarkup(<Button>Publish</Button>);
    expect(html).toBe('<button type="button" class="btn btn-secondary btn-md">Publish</button>');
  });
});
