using System.Security.Claims;
using Boltly.Features.AccountSecurity.Pages;
using Boltly.Features.Sessions;
using Boltly.Platform.Accounts;
using Boltly.Platform.Http;
using Microsoft.AspNetCore.Identity;
using MudBlazor;

namespace Boltly.Features.AccountSecurity;

/// <summary>What an interactive page calls before a sensitive action: true at once while the window is open, otherwise
/// after the person confirms in <see cref="ReauthenticationDialog"/>; false when they cancel.</summary>
public sealed class ReauthenticationPrompt(ReauthenticationWindow window, IDialogService dialogs, UserManager<AppUser> users)
{
    public async Task<bool> EnsureAsync(ClaimsPrincipal user, string reason, ClientInfo client)
    {
        if (await window.IsOpenAsync(user)) return true;
        var twoFactorEnabled = await users.GetUserAsync(user) is { TwoFactorEnabled: true };
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
