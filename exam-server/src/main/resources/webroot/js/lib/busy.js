// A button while its action runs: disabled, and announced as busy to screen readers.

export function setBusy(button, busy) {
  button.disabled = busy;
  button.setAttribute('aria-busy', String(busy));
}
