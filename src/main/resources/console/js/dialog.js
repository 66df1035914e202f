// One confirmation dialog for the whole console: the native <dialog> traps focus while open,
// Escape cancels, and focus returns to the control that asked. `consequences` lists what goes with
// the action, so nobody deletes more than they meant to.

const dialog = document.getElementById('confirm');
const text = document.getElementById('confirm-text');
const list = document.getElementById('confirm-consequences');
const title = document.getElementById('confirm-title');
const ok = document.getElementById('confirm-ok');

export function confirmAction({ heading, question, confirmLabel, consequences = [], danger = false }) {
  const opener = document.activeElement;
  title.textContent = heading;
  text.textContent = question;
  list.replaceChildren(...consequences.map((line) => {
    const item = document.createElement('li');
    item.textContent = line;
    return item;
  }));
  list.hidden = consequences.length === 0;
  ok.textContent = confirmLabel || 'Confirm';
  ok.classList.toggle('button--danger', danger);
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
