using Microsoft.JSInterop;
using MudBlazor;

namespace Boltly.Features.Webhooks.Pages;

/// <summary>Sending events again (a test, one delivery, or everything that failed) and rotating a subscription's secret
/// (docs/webhooks.md).</summary>
public sealed partial class Webhooks
{
    private async Task RotateAsync(WebhookSubscription w)
    {
        if (await CallerAsync() is not { } caller) return;
        // Sudo mode (docs/sessions.md): the new secret is a credential for the account's events.
        if (!await Reauthentication.EnsureAsync(caller, "Rotating a signing secret needs you to confirm it’s you.", Client.Current)) return;
        var parameters = new DialogParameters<RotateSecretDialog>
        {
            { d => d.Caller, caller },
            { d => d.WebhookId, w.Id },
            { d => d.Url, w.Url },
            { d => d.Client, Client.Current },
        };
        await JS.InvokeVoidAsync("boltly.rememberFocus");
        var dialog = await Dialogs.ShowAsync<RotateSecretDialog>("Rotate the signing secret", parameters, RotateSecretDialog.Options);
        if (await dialog.Result is { Canceled: false })
            Snackbar.Add("Signing secret rotated.", Severity.Success);
        await JS.InvokeVoidAsync("boltly.restoreFocus");
    }

    private async Task RedeliverFailedAsync()
    {
        if (_selected is null || await CallerAsync() is not { } caller) return;
        var window = Settings.Value.RedeliverWindowHours;
        var parameters = new DialogParameters<RedeliverDialog> { { d => d.Url, _selected.Url }, { d => d.WindowHours, window } };
        await JS.InvokeVoidAsync("boltly.rememberFocus");
        var dialog = await Dialogs.ShowAsync<RedeliverDialog>("Redeliver failed events", parameters, RedeliverDialog.Options);
        if (await dialog.Result is { Canceled: false, Data: int hours })
        {
            // The dialog's longest choice is the window itself: a moment less, so the request is inside it when it arrives.
            var since = Clock.GetUtcNow().AddHours(-hours).AddSeconds(hours == window ? 5 : 0);
            var count = await Deliveries.RedeliverFailedAsync(caller, _selected.Id, since);
            Snackbar.Add(count switch
            {
                null => "That endpoint no longer exists.",
                0 => "Nothing failed in that time.",
                1 => "1 event is being sent again.",
                _ => $"{count} events are being sent again.",
            }, count is null ? Severity.Warning : Severity.Info);
            await ReloadDeliveriesAsync();
            await RefreshSoonAsync();
        }
        await JS.InvokeVoidAsync("boltly.restoreFocus");
    }

    private async Task TestAsync(WebhookSubscription w)
    {
        if (await CallerAsync() is not { } caller) return;
        if (await Deliveries.TestAsync(caller, w.Id) is null) { Snackbar.Add("That endpoint no longer exists.", Severity.Warning); return; }
        Snackbar.Add("Test event sent. Its delivery is listed below.", Severity.Info);
        _selected = w;
        await ReloadDeliveriesAsync();
        await RefreshSoonAsync();
    }

    private async Task RetryAsync(WebhookDeliveryView d)
    {
        if (_selected is null || await CallerAsync() is not { } caller) return;
        await Deliveries.RetryAsync(caller, _selected.Id, d.Delivery.Id);
        Snackbar.Add("Sending the event again now.", Severity.Info);
        await ReloadDeliveriesAsync();
        await RefreshSoonAsync();
    }
}
