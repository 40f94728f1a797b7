// A message box (class "notice") with its kind: '' (info), 'ok', 'bad' or 'wait'. An empty text
// hides it.

const KINDS = ['ok', 'bad', 'wait'];

export function paintNotice(box, text, kind = '') {
  box.textContent = text || '';
  box.hidden = !text;
  box.dataset.kind = kind;
  box.classList.add('notice');
  KINDS.forEach((k) => box.classList.toggle(k, kind === k));
}
