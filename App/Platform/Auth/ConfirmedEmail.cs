using Boltly.Platform.Caching;
using Boltly.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Hybrid;

namespace Boltly.Platform.Auth;

/// <summary>
/// The confirmed-email rule, decided here and nowhere else (docs/authorization.md, "Confirmed email"): a user may sign in
/// before confirming their address, but changes to keys, webhooks and members need it confirmed. An API key meets the
/// rule (its scopes alone decide; no unconfirmed user can have made one). Whether a user's address is confirmed is
/// cached in both tiers and evicted everywhere when it is confirmed (<see cref="ConfirmedAsync"/>). Endpoints declare
/// the rule with <see cref="RequiresConfirmedEmailAttribute"/>; the domain services of those changes call
/// <see cref="RequireAsync"/>, so a dashboard page cannot skip it either.
/// </summary>
public sealed class ConfirmedEmail(HybridCache cache, IDbContextFactory<AppDbContext> contexts, CacheInvalidationBus bus)
{
    /// <summary>Where the dashboard's banner posts its "send a new link" form (mapped by the Registration feature).</summary>
    public const string ResendPath = "/account/confirm-email/resend";

    /// <summary>The query the resend redirects back with, so the banner says the mail is on its way.</summary>
    public const string ResentQueryName = "email_confirmation";

    /// <summary>Methods that change nothing, which the attribute lets through.</summary>
    public static bool IsRead(string method) => HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method);

    public async ValueTask<bool> IsMetByAsync(Caller caller, CancellationToken ct = default) =>
        caller.Kind == CredentialKind.ApiKey || (caller.UserId is { } userId && await IsConfirmedAsync(userId, ct));

    /// <summary>Throws <see cref="EmailUnconfirmedException"/> (403 EMAIL_UNCONFIRMED) unless the caller meets the rule.</summary>
    public async ValueTask RequireAsync(Caller caller, CancellationToken ct = default)
    {
        if (!await IsMetByAsync(caller, ct)) throw new EmailUnconfirmedException();
    }

    /// <summary>Whether the user's email address is confirmed (false for a user that does not exist).</summary>
    public ValueTask<bool> IsConfirmedAsync(Guid userId, CancellationToken ct = default) =>
        cache.GetOrCreateAsync(Key(userId), (userId, contexts), static async (state, token) =>
        {
            await using var db = await state.contexts.CreateDbContextAsync(token);
            return await db.Users.Where(u => u.Id == state.userId).Select(u => u.EmailConfirmed).FirstOrDefaultAsync(token);
        }, cancellationToken: ct);

    /// <summary>Call after a user's address was confirmed: every instance forgets the old answer.</summary>
    public Task ConfirmedAsync(Guid userId, CancellationToken ct = default) => bus.EvictEverywhereAsync(Key(userId), ct);

    private static string Key(Guid userId) => $"email-confirmed:{userId:N}";
}
