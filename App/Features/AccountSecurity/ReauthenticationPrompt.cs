using Boltly.Features.AccountSecurity.Pages;
using Boltly.Features.Sessions;
using Boltly.Platform.Accounts;
using Boltly.Platform.Auth;
using Boltly.Platform.Http;
using Microsoft.AspNetCore.Identity;
using MudBlazor;

namespace Boltly.Features.AccountSecurity;

/// <summary>What an interactive page calls before a sensitive action, with the caller it resolved for that action: true at
/// once while the window is open (<see cref="ReauthenticationWindow.IsOpenAsync"/>), otherwise after the person confirms
/// in <see cref="ReauthenticationDialog"/>; false when they cancel. The action's service still calls
/// <see cref="ReauthenticationWindow.RequireOpenAsync"/> itself.</summary>
public sealed class ReauthenticationPrompt(ReauthenticationWindow window, IDialogService dialogs, UserManager<AppUser> users)
{
    public async Task<bool> EnsureAsync(Caller caller, string reason, ClientInfo client)
    {
        if (await window.IsOpenAsync(caller)) return true;
        var twoFactorEnabled = caller.UserId is { } userId && await users.FindByIdAsync(userId.ToString()) is { TwoFactorEnabled: true };
        var parameters = new DialogParameters<ReauthenticationDialog>
        {
            { d => d.Reason, reason },
            { d => d.Client, client },
            { d => d.TwoFactorEnabled, twoFactorEnabled },
        };
        var dialog = await dialogs.ShowAsync<ReauthenticationDialog>("Confirm it’s you", parameters, ReauthenticationDialog.Options);
        var result = await dialog.Result;
        return result is { Canceled: false };
    }
}
