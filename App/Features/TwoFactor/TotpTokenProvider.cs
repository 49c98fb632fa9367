using Boltly.Platform.Accounts;
using Boltly.Platform.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Boltly.Features.TwoFactor;

/// <summary>
/// Our authenticator provider for Identity, replacing the built-in one (which accepts ±90 s and
/// replays). A code is valid when it matches a step within ±1 of now and that step is later than
/// the last one this user used; the step is claimed with one conditional UPDATE, so of concurrent
/// submissions of the same code exactly one wins.
/// </summary>
public sealed class TotpTokenProvider(TotpAlgorithm totp, AuthenticatorSecretStore secrets,
    IDbContextFactory<AppDbContext> contexts) : IUserTwoFactorTokenProvider<AppUser>
{
    public const string ProviderName = "BoltlyTotp";

    /// <summary>Codes come from the person's authenticator app, never from us.</summary>
    public Task<string> GenerateAsync(string purpose, UserManager<AppUser> manager, AppUser user) => Task.FromResult(string.Empty);

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<AppUser> manager, AppUser user)
    {
        var secret = await secrets.GetAsync(manager, user);
        if (secret is null) return false;
        var step = totp.MatchingStep(secret, token);
        if (step is null) return false;

        await using var db = await contexts.CreateDbContextAsync();
        var claimed = await db.Users
            .Where(u => u.Id == user.Id && (u.LastTotpTimeStep == null || u.LastTotpTimeStep < step))
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.LastTotpTimeStep, step));
        if (claimed == 0) return false;
        // UserManager never writes this column (see AppUserConfiguration); keep the copy in memory honest.
        user.LastTotpTimeStep = step;
        return true;
    }

    /// <summary>
    /// Forgets the last step used, when a new secret is set up. The guard is per user, not per secret:
    /// kept, a step claimed with the old secret (a code one step ahead, say) would refuse the new
    /// secret's valid code. No code of a fresh secret has been used, so nothing can be replayed.
    /// </summary>
    public async Task ResetReplayGuardAsync(AppUser user)
    {
        await using var db = await contexts.CreateDbContextAsync();
        await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.LastTotpTimeStep, (long?)null));
        user.LastTotpTimeStep = null;
    }

    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<AppUser> manager, AppUser user) =>
        user.TwoFactorEnabled && await secrets.GetAsync(manager, user) is not null;
}
