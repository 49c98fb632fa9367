// Small browser helpers for the dashboard (clipboard, downloads).
window.boltly = {
  copyText: async (text) => { await navigator.clipboard.writeText(text); return true; },
  // Focus an element of a dialog that is still rendering or fading in: focus() on an invisible element is
  // ignored, and the dialog's focus trap parks focus on its own placeholder once it starts. For a second,
  // take focus back whenever it rests on nothing the person chose (the page body or a tabindex=-1 holder).
  focusSoon: (selector) => {
    const deadline = performance.now() + 1000;
    const idle = (a) => !a || a === document.body || a.getAttribute('tabindex') === '-1';
    const attempt = () => {
      const el = document.querySelector(selector);
      if (el && document.activeElement !== el && idle(document.activeElement)) el.focus();
      if (performance.now() < deadline) requestAnimationFrame(attempt);
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
