// WebAuthn ceremonies for passkeys (docs/passkeys.md). No inline script (the CSP refuses it): statically rendered
// forms opt in with data-passkey="create|get|reauthenticate" and data-passkey-options="<options endpoint>" (a
// "reauthenticate" form also names data-passkey-verify, and loads the page again once verified); on submit this asks the
// server for options (with the form's antiforgery token, and its data-passkey-option inputs as the JSON body), runs
// navigator.credentials.create()/get(), writes the answer into the form's [data-passkey-credential] input (or a failure
// into [data-passkey-error]) and posts the form.
(() => {
  const supported = () => typeof window.PublicKeyCredential === 'function'
    && typeof PublicKeyCredential.parseCreationOptionsFromJSON === 'function'
    && typeof PublicKeyCredential.parseRequestOptionsFromJSON === 'function';

  const tokenIn = (root) => (root && root.querySelector('input[name="__RequestVerificationToken"]'))
    || document.querySelector('input[name="__RequestVerificationToken"]');

  async function post(url, token, body) {
    const headers = { 'RequestVerificationToken': token ? token.value : '' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(url, {
      method: 'POST', credentials: 'same-origin', headers, body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) {
      let message = `The server answered ${response.status}.`;
      try {
        // The contract's error: the field's own words when it names one, else its message.
        const refusal = await response.json();
        message = Object.values(refusal.details || {}).flat()[0] || refusal.message || message;
      } catch { /* not JSON */ }
      const error = new Error(message);
      error.fromServer = true;
      throw error;
    }
    return response.status === 204 ? null : response.json();
  }

  // A form's inputs marked data-passkey-option="<field>" are the options request's JSON body (e.g. an invitation's token).
  const optionsBody = (form) => {
    const fields = form ? [...form.querySelectorAll('[data-passkey-option]')] : [];
    return fields.length === 0 ? undefined : Object.fromEntries(fields.map((f) => [f.dataset.passkeyOption, f.value]));
  };

  async function ceremony(mode, optionsUrl, token, body) {
    if (!supported()) throw new Error('This browser does not support passkeys.');
    const json = await post(optionsUrl, token, body);
    return mode === 'create'
      ? navigator.credentials.create({ publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(json) })
      : navigator.credentials.get({ publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(json) });
  }

  const explain = (error) => error.fromServer ? error.message
    : error.name === 'NotAllowedError' ? 'The passkey request was cancelled or timed out.'
    : error.message || 'The passkey request failed.';

  document.addEventListener('submit', async (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.dataset.passkey) return;
    event.preventDefault();
    if (form.dataset.passkeyBusy === '1') return;
    form.dataset.passkeyBusy = '1';
    if (form.dataset.passkey === 'reauthenticate') {
      // A static page's confirm form (data-passkey-verify): the answer goes to the verify endpoint, which opens the
      // session's re-authentication window; then the page is loaded again and finds it open. A failure stays in the form.
      const result = await window.boltlyPasskeys.reauthenticate(form, form.dataset.passkeyOptions, form.dataset.passkeyVerify);
      if (result.ok) { window.location.replace(window.location.href); return; }
      const message = form.querySelector('[data-passkey-message]');
      if (message) message.textContent = result.message;
      form.dataset.passkeyBusy = '';
      return;
    }
    const credential = form.querySelector('[data-passkey-credential]');
    const failure = form.querySelector('[data-passkey-error]');
    try {
      const answer = await ceremony(form.dataset.passkey, form.dataset.passkeyOptions, tokenIn(form), optionsBody(form));
      credential.value = JSON.stringify(answer);
      failure.value = '';
    } catch (error) {
      credential.value = '';
      failure.value = explain(error);
    }
    // submit() fires no submit event: the form goes to the server once, with the answer or the failure.
    form.submit();
  }, true);

  window.boltlyPasskeys = {
    // For an interactive component (Features/Passkeys/Pages/PasskeyReauthentication.razor): { ok, message }.
    reauthenticate: async (root, optionsUrl, verifyUrl) => {
      try {
        const token = tokenIn(root);
        const answer = await ceremony('get', optionsUrl, token);
        await post(verifyUrl, token, { credential: JSON.stringify(answer) });
        return { ok: true, message: null };
      } catch (error) {
        return { ok: false, message: explain(error) };
      }
    },
  };
})();
