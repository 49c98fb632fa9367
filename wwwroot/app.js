// Small browser helpers for the dashboard (clipboard, downloads).
window.boltly = {
  copyText: async (text) => { await navigator.clipboard.writeText(text); return true; },
  // Focus an element of a dialog that is still rendering or fading in: focus() on an invisible element is
  // ignored, and the dialog's focus trap parks focus on its own placeholder once it starts, which on a busy
  // machine can be seconds later. Until the person presses a key or a pointer (or 10 s pass, or the element
  // goes away), take focus back whenever it rests on nothing the person chose (the page body or a
  // tabindex=-1 holder). Timers, not animation frames: those pause in a background tab.
  focusSoon: (target) => {
    const find = typeof target === 'function' ? target : () => document.querySelector(target);
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
      const el = find();
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
  // A dialog gives focus back to what opened it (WCAG 2.4.3): remember it before showing the dialog, restore it
  // once the dialog is gone. If the opener went away or is disabled now (a revoked key's button, the create button
  // at the limit), the first usable fallback takes focus instead.
  openers: [],
  rememberFocus: () => { boltly.openers.push(document.activeElement); },
  restoreFocus: (...fallbacks) => {
    const opener = boltly.openers.pop();
    const usable = (el) => el && el.isConnected && !el.disabled && el.checkVisibility();
    boltly.focusSoon(() => usable(opener) ? opener : fallbacks.map((s) => document.querySelector(s)).find(usable));
  },
  downloadText: (fileName, text) => {
    const url = URL.createObjectURL(new Blob([text], { type: 'text/plain' }));
    const a = document.createElement('a');
    a.href = url; a.download = fileName; document.body.appendChild(a); a.click(); a.remove();
    URL.revokeObjectURL(url);
  }
};

// The skip link moves focus to its target (main, tabindex=-1) and stops there: left to itself, the fragment
// would reach Blazor's router as a navigation. Capture phase, so this runs before the router sees the click.
document.addEventListener('click', (event) => {
  const link = event.target instanceof Element ? event.target.closest('a.skip-link') : null;
  const target = link && document.getElementById(decodeURIComponent(link.hash.slice(1)));
  if (!target) return;
  event.preventDefault();
  event.stopPropagation();
  target.focus();
}, true);

// Tab and Shift+Tab wrap inside the open dialog here in the browser. MudBlazor's own trap wraps through the
// server (a focus event, then a round trip), and a Tab pressed before the answer comes back would leave the dialog.
document.addEventListener('keydown', (event) => {
  if (event.key !== 'Tab') return;
  const dialogs = document.querySelectorAll('.mud-dialog-container .mud-dialog');
  const dialog = dialogs[dialogs.length - 1];
  if (!dialog) return;
  const tabbable = [...dialog.querySelectorAll('a[href], button, input, select, textarea, [tabindex]')].filter((el) =>
    el.tabIndex >= 0 && !el.disabled && el.checkVisibility({ visibilityProperty: true }) && el.offsetWidth > 0 && el.offsetHeight > 0
    && !(el.type === 'radio' && !el.checked && dialog.querySelector(`input[type=radio][name="${el.name}"]:checked`)));
  if (tabbable.length === 0) return;
  const first = tabbable[0], last = tabbable[tabbable.length - 1], active = document.activeElement;
  const inside = dialog.contains(active);
  if (!inside || active === (event.shiftKey ? first : last)) {
    event.preventDefault();
    (event.shiftKey ? last : first).focus();
  }
}, true);

// The layout is rendered statically (docs/performance.md), so its drawer has no circuit behind it. MudDrawer's
// static markup starts "initial": open from the md breakpoint up and hidden below it, by CSS alone. The menu
// button (and, on a narrow screen, the overlay) flips it here; a desktop choice to close it outlives navigation,
// and on a narrow screen a navigation closes it again, as MudDrawer did.
boltly.drawerClosedOnDesktop = false;
boltly.narrow = () => window.matchMedia('(max-width: 959.98px)').matches;
boltly.setDrawer = (open) => {
  const drawer = document.querySelector('.mud-drawer');
  if (!drawer) return;
  drawer.classList.remove('mud-drawer--initial');
  drawer.classList.toggle('mud-drawer--open', open);
  drawer.classList.toggle('mud-drawer--closed', !open);
  const overlay = document.querySelector('.mud-drawer-overlay');
  overlay?.classList.remove('mud-drawer--initial');
  overlay?.classList.toggle('mud-drawer-overlay--open', open);
  drawer.closest('.mud-layout')?.classList.toggle('mud-drawer-open-responsive-md-left', open);
  document.querySelector('[data-drawer-toggle]')?.setAttribute('aria-expanded', open ? 'true' : 'false');
};
boltly.drawerOpen = () => {
  const drawer = document.querySelector('.mud-drawer');
  if (!drawer) return false;
  return drawer.classList.contains('mud-drawer--initial') ? !boltly.narrow() : drawer.classList.contains('mud-drawer--open');
};
document.addEventListener('click', (event) => {
  const element = event.target instanceof Element ? event.target : null;
  if (element?.closest('[data-drawer-toggle]')) {
    const open = !boltly.drawerOpen();
    if (!boltly.narrow()) boltly.drawerClosedOnDesktop = !open;
    boltly.setDrawer(open);
  } else if (element?.closest('.mud-drawer-overlay')) {
    boltly.setDrawer(false);
  }
});

// After an enhanced navigation (a static layout: no router in a circuit), what FocusOnNavigate did: the page's
// heading takes focus, so a screen reader starts at the new page (docs/accessibility.md). Not after a form post
// to the same page. An interactive page's circuit replaces its prerendered markup (the heading too) when it
// attaches, which drops focus to the body: focusSoon puts it back on the new heading until the person acts.
// The drawer gets back the state chosen on a wide screen.
let lastPath = location.pathname;
window.Blazor?.addEventListener('enhancedload', () => {
  if (boltly.drawerClosedOnDesktop && !boltly.narrow()) boltly.setDrawer(false);
  if (location.pathname === lastPath) return;
  lastPath = location.pathname;
  const heading = () => {
    const h1 = document.querySelector('main h1');
    if (h1 && !h1.hasAttribute('tabindex')) h1.setAttribute('tabindex', '-1');
    return h1;
  };
  heading()?.focus({ preventScroll: true }); // from the link that was followed
  boltly.focusSoon(heading);
});
