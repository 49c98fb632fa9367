using Boltly.Features.Passwords;
using Boltly.Platform.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;

namespace Boltly.Features.SignIn;

/// <summary>The end of the dashboard's second sign-in step, shared by the code and recovery-code pages:
/// the full session cookie replaces the half-way one, and every failure reads the same.</summary>
public static class TwoFactorSignInCompletion
{
    public static async Task HandleAsync(PasswordCheckResult result, SignInManager<AppUser> signIn, HttpContext context,
        NavigationManager navigation, string? returnUrl, Action<string> showError, string failure = "Invalid code.")
    {
        switch (result.Outcome)
        {
            case PasswordCheckOutcome.Succeeded:
                await context.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme);
                await signIn.SignInAsync(result.User!, isPersistent: false);
                navigation.NavigateTo(AccountRedirects.SafeLocal(returnUrl), forceLoad: true);
                return;
            case PasswordCheckOutcome.Throttled:
                showError($"Too many sign-in attempts from your network. Try again in {result.RetryAfterSeconds} seconds.");
                return;
            default:
                showError(failure);
                return;
        }
    }
}
