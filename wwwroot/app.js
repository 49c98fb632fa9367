// Small browser helpers for the dashboard (clipboard, downloads).
window.boltly = {
  copyText: async (text) => { await navigator.clipboard.writeText(text); return true; },
  downloadText: (fileName, text) => {
    const url = URL.createObjectURL(new Blob([text], { type: 'text/plain' }));
    const a = document.createElement('a');
    a.href = url; a.download = fileName; document.body.appendChild(a); a.click(); a.remove();
    URL.revokeObjectURL(url);
  }
};
