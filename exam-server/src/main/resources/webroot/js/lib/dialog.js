// Modal <dialog>s that may be asked to open while open (a seat clicked again, a new warning) or to
// close while closed (the page moves on).

/** Opens the dialog modally; true when it was closed before. */
export function openModal(dialog) {
  if (dialog.open) {
    return false;
  }
  dialog.showModal();
  return true;
}

export function closeModal(dialog) {
  if (dialog && dialog.open) {
    dialog.close();
  }
}
