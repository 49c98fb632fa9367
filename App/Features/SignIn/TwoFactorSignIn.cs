using System.Security.Claims;
using Boltly.Platform.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace Boltly.Features.SignIn;

/// <summary>The half-way state between password and code: a short-lived cookie naming the user,
/// in the shape <see cref="SignInManager{TUser}.GetTwoFactorAuthenticationUserAsync"/> reads.</summary>
public static class TwoFactorSignIn
{
    public static Task BeginAsync(HttpContext context, AppUser user)
    {
        var identity = new ClaimsIdentity(IdentityConstants.TwoFactorUserIdScheme);
        identity.AddClaim(new Claim(ClaimTypes.Name, user.Id.ToString()));
        return context.SignInAsync(IdentityConstants.TwoFactorUserIdScheme, new ClaimsPrincipal(identity),
            new AuthenticationProperties { ExpiresUtc = DateTimeOffset.UtcNow.AddMinutes(5), IsPersistent = false });
    }
}
