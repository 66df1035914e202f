// One confirmation dialog for the whole console: the native <dialog> traps focus while open,
// Escape cancels, and focus returns to the control that asked.

const dialog = document.getElementById('confirm');
const text = document.getElementById('confirm-text');
const title = document.getElementById('confirm-title');
const ok = document.getElementById('confirm-ok');

export function confirmAction({ heading, question, confirmLabel }) {
  const opener = document.activeElement;
  title.textContent = heading;
  text.textContent = question;
  ok.textContent = confirmLabel || 'Confirm';
  dialog.returnValue = 'cancel';
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => {
      if (opener && typeof opener.focus === 'function') opener.focus();
      resolve(dialog.returnValue === 'confirm');
    }, { once: true });
    dialog.showModal();
    document.getElementById('confirm-cancel').focus();
  });
}
