using Boltly.Components.Shared;
using Boltly.Platform.Auth;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.JSInterop;
using MudBlazor;

namespace Boltly.Features.ApiKeys.Pages;

/// <summary>A key's page (docs/dashboard.md): loading its settings, and its actions.</summary>
public partial class ApiKeyDetail
{
    private ApiKey? _key;
    private bool _notFound;
    private bool _loadFailed;
    private DateTimeOffset _now;
    private Guid _keyId;
    // Whether the caller's role may revoke this key (RolePermissions), read with every load.
    private bool _mayManage;

    [Parameter] public string Id { get; set; } = "";

    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        (_key, _notFound) = (null, false);
        if (!Guid.TryParse(Id, out _keyId))
        {
            _notFound = true;
            return;
        }
        await LoadAsync();
    }

    private async Task RetryAsync()
    {
        _loadFailed = false;
        StateHasChanged();
        await LoadAsync();
    }

    // Any failure shows an error with a way to try again: an exception here would end the circuit.
    private async Task LoadAsync()
    {
        try
        {
            // Resolved for each load, never kept from the first render (docs/sessions.md).
            if (await CallerAsync() is not { } caller) return;
            _now = Clock.GetUtcNow();
            var key = await Keys.GetAsync(caller, _keyId);
            if (key is null)
            {
                _notFound = true;
                return;
            }
            _key = key;
            _mayManage = await Roles.MayManageKeyAsync(caller, key.CreatedByUserId);
            await LoadGraceAsync(caller, key);
            _loadFailed = false;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Logger.LogError(ex, "Loading API key {KeyId} failed", _keyId);
            _loadFailed = true;
        }
    }

    private async Task RevokeAsync()
    {
        // Resolved for this action (docs/sessions.md): a session that ended since the page opened is refused here.
        if (_key is null || await CallerAsync() is not { } caller) return;
        var key = _key;
        var parameters = new DialogParameters<ApiKeyRevokeDialog> { { d => d.Name, key.Name }, { d => d.Prefix, key.Prefix } };
        await JS.InvokeVoidAsync("boltly.rememberFocus");
        var dialog = await Dialogs.ShowAsync<ApiKeyRevokeDialog>("Revoke key", parameters, ApiKeyRevokeDialog.Options);
        var result = await dialog.Result;
        if (result is null || result.Canceled
            || !await Reauthentication.EnsureAsync(caller, "Revoking an API key needs you to confirm it’s you.", Client.Current))
        {
            await JS.InvokeVoidAsync("boltly.restoreFocus", "[data-testid=key-detail-revoke]", "h1");
            return;
        }
        try
        {
            if (await Keys.RevokeAsync(caller, key.Id, Client.Current))
                Snackbar.Add($"“{key.Name}” ({key.Prefix}…) is revoked. It no longer works.", Severity.Success);
            else
                Snackbar.Add("That key no longer exists in this account.", Severity.Warning);
        }
        catch (Boltly.Platform.Errors.ReauthenticationRequiredException)
        {
            Snackbar.Add("Your confirmation has expired. Revoke the key again to confirm it’s you.", Severity.Warning);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Logger.LogError(ex, "Revoking API key {Prefix} failed for user {UserId}", key.Prefix, caller.UserId);
            Snackbar.Add("The key could not be revoked just now. Try again in a moment.", Severity.Error);
        }
        await LoadAsync();
        StateHasChanged();
        // The revoke button is gone now: focus goes to the heading.
        await JS.InvokeVoidAsync("boltly.restoreFocus", "h1");
    }

    private string When(DateTimeOffset at) => $"{RelativeTime.Format(at, _now)} ({RelativeTime.Absolute(at)})";

    private static string StatusText(string status) => status switch
    {
        ApiKeyStatus.Active => "Active: requests with this key are accepted.",
        ApiKeyStatus.Expired => "Expired: requests with this key are refused with 401.",
        ApiKeyStatus.Rolling => "Rolling: replaced by a new key, and accepted until its grace ends.",
        _ => "Revoked: requests with this key are refused with 401.",
    };

    private async Task<Caller?> CallerAsync()
    {
        try
        {
            return await Callers.ResolveAsync((await AuthState).User);
        }
        catch (SessionEndedException)
        {
            Snackbar.Add("Your session has ended. Sign in again.", Severity.Warning);
            return null;
        }
    }
}
