import type { ComponentChildren, JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';

export const FLASH_MS = 1500;

/**
 * True for FLASH_MS after `value` changes (not on the first render): the agent's cue that a figure
 * just moved. A further change while flashing restarts the time.
 */
export function useFlash(value: unknown): boolean {
  const previous = useRef<unknown>(value);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const [flashing, setFlashing] = useState(false);

  useEffect(() => {
    if (Object.is(previous.current, value)) {
      return;
    }
    previous.current = value;
    setFlashing(true);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setFlashing(false), FLASH_MS);
  }, [value]);

  useEffect(() => () => clearTimeout(timer.current), []);
  return flashing;
}

type Tag = 'span' | 'div' | 'strong';

interface FlashProps {
  /** What is compared to decide whether it changed (usually the formatted text). */
  value: string;
  testid?: string;
  as?: Tag;
  class?: string;
  title?: string;
  children?: ComponentChildren;
}

/** A figure that highlights itself for a moment when it changes. */
export function Flash({ value, testid, as = 'span', class: className, title, children }: FlashProps): JSX.Element {
  const flashing = useFlash(value);
  const Element = as;
  const classes = [className, flashing ? 'flash' : undefined].filter(Boolean).join(' ');
  return (
    <Element class={classes || undefined} data-testid={testid} title={title}>
      {children ?? value}
    </Element>
  );
}
