using System.Security.Claims;
using Boltly.Platform.Accounts;
using Boltly.Platform.Auth;
using Boltly.Platform.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Boltly.Features.Auth;

/// <summary>Adds the account to the dashboard cookie's principal, so the layout shows it without a query.</summary>
public sealed class AppClaimsPrincipalFactory(UserManager<AppUser> users, IOptions<IdentityOptions> options, AppDbContext db)
    : UserClaimsPrincipalFactory<AppUser>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        var accountName = await db.Accounts.Where(a => a.Id == user.AccountId).Select(a => a.Name).FirstOrDefaultAsync();
        identity.AddClaim(new Claim(BoltlyClaims.AccountId, user.AccountId.ToString()));
        identity.AddClaim(new Claim(BoltlyClaims.AccountName, accountName ?? ""));
        identity.AddClaim(new Claim(BoltlyClaims.CredentialKind, "cookie"));
        return identity;
    }
}
