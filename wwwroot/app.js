// Small browser helpers for the dashboard (clipboard, downloads).
window.boltly = {
  copyText: async (text) => { await navigator.clipboard.writeText(text); return true; },
  // Focus an element of a dialog that is still rendering or fading in: focus() on an invisible element is
  // ignored, and the dialog's focus trap parks focus on its own placeholder once it starts, which on a busy
  // machine can be seconds later. Until the person presses a key or a pointer (or 10 s pass, or the element
  // goes away), take focus back whenever it rests on nothing the person chose (the page body or a
  // tabindex=-1 holder). Timers, not animation frames: those pause in a background tab.
  focusSoon: (selector) => {
    const deadline = performance.now() + 10000;
    const idle = (a) => !a || a === document.body || a.getAttribute('tabindex') === '-1';
    let seen = false, stopped = false;
    const stop = () => {
      stopped = true;
      window.removeEventListener('keydown', stop, true);
      window.removeEventListener('pointerdown', stop, true);
    };
    window.addEventListener('keydown', stop, true);
    window.addEventListener('pointerdown', stop, true);
    const attempt = () => {
      if (stopped) return;
      const el = document.querySelector(selector);
      if (el) {
        seen = true;
        if (document.activeElement !== el && idle(document.activeElement)) el.focus();
      } else if (seen) {
        return stop(); // the dialog closed
      }
      if (performance.now() < deadline) setTimeout(attempt, 25); else stop();
    };
    attempt();
  },
  downloadText: (fileName, text) => {
    const url = URL.createObjectURL(new Blob([text], { type: 'text/plain' }));
    const a = document.createElement('a');
    a.href = url; a.download = fileName; document.body.appendChild(a); a.click(); a.remove();
    URL.revokeObjectURL(url);
  }
};
