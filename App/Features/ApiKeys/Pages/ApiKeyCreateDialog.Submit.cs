using Boltly.Platform.Errors;
using MudBlazor;

namespace Boltly.Features.ApiKeys.Pages;

/// <summary>The create dialog's submit (docs/dashboard.md): the checks the service will make, then the create, with the
/// dialog held open until its result so the one-time secret is never lost to an Escape or a click beside it.</summary>
public partial class ApiKeyCreateDialog
{
    private async Task SubmitAsync()
    {
        if (_busy) return;
        _submitted = true;
        _serverError = null;
        if (_allowlist is not null && !_allowlist.TakePending()) return;
        var request = _draft.ToRequest(Clock.GetUtcNow());
        _errors = CheckAll(request);
        if (_nameField is not null) await _nameField.ValidateAsync();
        if (_errors.Count > 0 || _draft.MissesCustomDate) return;

        _busy = true;
        var closed = false;
        await MudDialog.SetOptionsAsync(BusyOptions);
        try
        {
            var created = await Keys.CreateAsync(Caller, request, Client);
            MudDialog.Close(DialogResult.Ok(created));
            closed = true;
        }
        catch (KeyLimitReachedException ex)
        {
            _serverError = ex.Message;
        }
        catch (ReauthenticationRequiredException)
        {
            // The window closed while the form was open (docs/sessions.md).
            _serverError = "Your confirmation has expired. Cancel, then create the key again to confirm it’s you.";
        }
        catch (DomainValidationException ex)
        {
            // Valid a moment ago, refused now (a custom date that became the past): show the domain's words.
            _errors = ex.Errors;
            if (_nameField is not null) await _nameField.ValidateAsync();
            _serverError = ex.Errors.Keys.Any(k => k is NameField or ScopesField or ExpiryField or AllowlistField) ? null
                : ex.Errors.Values.SelectMany(m => m).FirstOrDefault() ?? ex.Message;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Logger.LogError(ex, "Creating an API key failed for user {UserId}", Caller.UserId);
            _serverError = "The key could not be created just now. Nothing was changed; try again in a moment.";
        }
        finally
        {
            _busy = false;
            if (!closed) await MudDialog.SetOptionsAsync(Options);
        }
    }
}
