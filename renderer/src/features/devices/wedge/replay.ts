/**
 * Puts characters the wedge held back (they turned out to be typing) where the person meant
 * them: into the focused text field as real input (React sees an `input` event), or, elsewhere,
 * as a keydown on the focused element so keyboard shortcuts still work.
 */
const TEXT_INPUT_TYPES = new Set(['text', 'search', 'email', 'tel', 'url', 'password', 'number']);

export function isTextEntry(el: Element | null): el is HTMLInputElement | HTMLTextAreaElement | HTMLElement {
  if (!el) return false;
  if (el instanceof HTMLTextAreaElement) return !el.readOnly && !el.disabled;
  if (el instanceof HTMLInputElement) return TEXT_INPUT_TYPES.has(el.type) && !el.readOnly && !el.disabled;
  return el instanceof HTMLElement && el.isContentEditable;
}

/** Native controls a Space presses (custom role=button widgets handle their own keydown). */
function isPressable(el: Element): el is HTMLElement {
  if (el instanceof HTMLButtonElement) return true;
  return (
    el instanceof HTMLInputElement && ['checkbox', 'radio', 'button', 'submit', 'reset'].includes(el.type)
  );
}

function insertText(el: HTMLInputElement | HTMLTextAreaElement | HTMLElement, text: string): void {
  // execCommand keeps the field's undo history and fires the events React listens to.
  if (document.execCommand('insertText', false, text)) return;
  if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) {
    const proto = el instanceof HTMLInputElement ? HTMLInputElement.prototype : HTMLTextAreaElement.prototype;
    const start = el.selectionStart ?? el.value.length;
    const end = el.selectionEnd ?? el.value.length;
    const next = el.value.slice(0, start) + text + el.value.slice(end);
    Object.getOwnPropertyDescriptor(proto, 'value')?.set?.call(el, next);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }
}

/**
 * Replays held keys at the current focus, with the modifiers they were pressed with.
 * `dispatching` marks the synthetic events as ours, so the wedge does not look at them again.
 */
export function replayKeys(keys: readonly KeyboardEventInit[], dispatching: { active: boolean }): void {
  if (keys.length === 0) return;
  const target = document.activeElement ?? document.body;
  if (isTextEntry(target)) {
    insertText(target, keys.map((k) => k.key ?? '').join(''));
    return;
  }
  dispatching.active = true;
  try {
    for (const init of keys) {
      const proceed = target.dispatchEvent(
        new KeyboardEvent('keydown', { ...init, bubbles: true, cancelable: true }),
      );
      // A synthetic Space does not press a button; do what the person's Space would have done.
      if (proceed && init.key === ' ' && isPressable(target)) target.click();
    }
  } finally {
    dispatching.active = false;
  }
}

/**
 * The original keydowns behind the characters the detector holds, oldest first, so a replay
 * carries Shift, code and location as pressed. The detector drops GS (Ctrl+]) on release, so a
 * replayed character takes the first held event with its key and skips any before it.
 */
export class HeldKeys {
  private events: KeyboardEventInit[] = [];

  hold(e: Pick<KeyboardEvent, 'key' | 'code' | 'shiftKey' | 'location'>): void {
    if (e.key.length === 1)
      this.events.push({ key: e.key, code: e.code, shiftKey: e.shiftKey, location: e.location });
  }

  take(chars: readonly string[]): KeyboardEventInit[] {
    return chars.map((ch) => {
      const at = this.events.findIndex((e) => e.key === ch);
      if (at === -1) return { key: ch };
      return this.events.splice(0, at + 1)[at] ?? { key: ch };
    });
  }

  /** A finished scan consumed every held key. */
  clear(): void {
    this.events = [];
  }
}
