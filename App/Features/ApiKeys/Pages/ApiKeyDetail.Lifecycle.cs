using Boltly.Platform.Auth;
using Boltly.Platform.Errors;
using Microsoft.JSInterop;
using MudBlazor;

namespace Boltly.Features.ApiKeys.Pages;

/// <summary>A key's page, its lifecycle actions (docs/dashboard.md): roll with a grace, the rolling key's "still in use"
/// panel and "End the grace now", and the allowlist editor. Each action resolves its caller and confirms it is them.</summary>
public partial class ApiKeyDetail
{
    private ApiKey? _successor;
    private KeyUse _use = KeyUse.None;

    private IApiKeyUse? UseReader => UseReaders.FirstOrDefault();

    /// <summary>For a rolling key: its successor and the old key's use since the roll (the successor's creation).</summary>
    private async Task LoadGraceAsync(Caller caller, ApiKey key)
    {
        (_successor, _use) = (null, KeyUse.None);
        if (!ApiKeyActivity.IsRolling(key, _now)) return;
        if (key.ReplacedById is { } successorId) _successor = await Keys.GetAsync(caller, successorId);
        if (UseReader is { } reader)
            _use = await reader.SinceAsync(caller.AccountId, key.Id, _successor?.CreatedAt ?? _now.AddDays(-KeyOptions.Value.SeenAddressesDays));
    }

    private async Task RollAsync()
    {
        if (_key is null || await CallerAsync() is not { } caller) return;
        var key = _key;
        var parameters = new DialogParameters<ApiKeyRollDialog>
        {
            { d => d.Name, key.Name }, { d => d.Prefix, key.Prefix }, { d => d.ExpiresAt, key.ExpiresAt },
        };
        await JS.InvokeVoidAsync("boltly.rememberFocus");
        var dialog = await Dialogs.ShowAsync<ApiKeyRollDialog>("Roll key", parameters, ApiKeyRollDialog.Options);
        var result = await dialog.Result;
        if (result is not { Canceled: false, Data: int grace }
            || !await Reauthentication.EnsureAsync(caller, "Rolling an API key needs you to confirm it’s you.", Client.Current))
        {
            await JS.InvokeVoidAsync("boltly.restoreFocus", "[data-testid=key-detail-roll]", "h1");
            return;
        }
        RolledApiKey? rolled = null;
        try
        {
            rolled = await Rolls.RollAsync(caller, key.Id, new ApiKeyRoll(grace, null), Client.Current);
            if (rolled is null) Snackbar.Add("That key no longer exists in this account.", Severity.Warning);
        }
        catch (Exception ex) when (ex is InvalidStateException or DomainValidationException or ReauthenticationRequiredException)
        {
            Snackbar.Add(ex is ReauthenticationRequiredException ? "Your confirmation has expired. Roll the key again to confirm it’s you." : ex.Message,
                Severity.Warning);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Logger.LogError(ex, "Rolling API key {Prefix} failed for user {UserId}", key.Prefix, caller.UserId);
            Snackbar.Add("The key could not be rolled just now. Nothing was changed; try again in a moment.", Severity.Error);
        }
        await LoadAsync();
        StateHasChanged();
        if (rolled is not null)
        {
            var reveal = await Dialogs.ShowAsync<ApiKeyRevealDialog>("Your new API key", new DialogParameters<ApiKeyRevealDialog>
            {
                { d => d.Name, rolled.NewKey.Key.Name }, { d => d.Secret, rolled.NewKey.Secret }, { d => d.PortalUrl, Navigation.BaseUri },
            }, ApiKeyRevealDialog.Options);
            await reveal.Result;
        }
        await JS.InvokeVoidAsync("boltly.restoreFocus", "[data-testid=grace-panel] h2", "h1");
    }

    private async Task EndGraceAsync()
    {
        if (_key is null || await CallerAsync() is not { } caller) return;
        var key = _key;
        var confirmed = await Dialogs.ShowMessageBoxAsync("End the grace now?",
            $"The old key {key.Prefix}… stops working at once, everywhere. Anything still using it gets 401 from now on.",
            yesText: "End the grace now", cancelText: "Cancel");
        if (confirmed != true
            || !await Reauthentication.EnsureAsync(caller, "Ending a key’s grace needs you to confirm it’s you.", Client.Current)) return;
        try
        {
            if (await Rolls.EndGraceAsync(caller, key.Id, Client.Current))
                Snackbar.Add($"{key.Prefix}… no longer works.", Severity.Success);
        }
        catch (Exception ex) when (ex is InvalidStateException or ReauthenticationRequiredException)
        {
            Snackbar.Add(ex is ReauthenticationRequiredException ? "Your confirmation has expired. Try again to confirm it’s you." : ex.Message,
                Severity.Warning);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Logger.LogError(ex, "Ending the grace of API key {Prefix} failed for user {UserId}", key.Prefix, caller.UserId);
            Snackbar.Add("The grace could not be ended just now. Try again in a moment.", Severity.Error);
        }
        await LoadAsync();
        StateHasChanged();
        await JS.InvokeVoidAsync("boltly.restoreFocus", "h1");
    }

    private async Task EditAllowlistAsync()
    {
        if (_key is null || await CallerAsync() is not { } caller) return;
        if (!await Reauthentication.EnsureAsync(caller, "Changing a key’s allowed addresses needs you to confirm it’s you.", Client.Current)) return;
        var key = _key;
        var days = KeyOptions.Value.SeenAddressesDays;
        var seen = UseReader is { } reader
            ? (await reader.SinceAsync(caller.AccountId, key.Id, Clock.GetUtcNow().AddDays(-days))).Sources.Select(s => s.Address).Distinct().ToList()
            : [];
        var parameters = new DialogParameters<ApiKeyAllowlistDialog>
        {
            { d => d.Key, key }, { d => d.Caller, caller }, { d => d.Client, Client.Current }, { d => d.Seen, seen }, { d => d.SeenDays, days },
        };
        await JS.InvokeVoidAsync("boltly.rememberFocus");
        var dialog = await Dialogs.ShowAsync<ApiKeyAllowlistDialog>("Allowed addresses", parameters, ApiKeyAllowlistDialog.Options);
        var result = await dialog.Result;
        if (result is { Canceled: false }) Snackbar.Add("The allowed addresses are saved. They apply everywhere within a second.", Severity.Success);
        await LoadAsync();
        StateHasChanged();
        await JS.InvokeVoidAsync("boltly.restoreFocus", "[data-testid=key-detail-allowlist]", "h1");
    }
}
