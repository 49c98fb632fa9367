using Boltly.Platform.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Boltly.Features.Auth;

/// <summary>
/// Makes an <c>mfa_token</c> single use. Its nonce is claimed with a conditional insert into
/// Identity's user-token table (primary key user, provider, name): of concurrent claims of one nonce
/// exactly one inserts a row, on every instance, with no extra table or Redis round trip. Expired
/// claims of the same user are swept on the way.
/// </summary>
public sealed class MfaChallengeClaims(IDbContextFactory<AppDbContext> contexts, TimeProvider clock)
{
    private const string LoginProvider = "Boltly.MfaChallenge";

    /// <summary>True for the first claim of this challenge, false for every later one.</summary>
    public async Task<bool> TryClaimAsync(MfaChallenge challenge, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var table = db.Model.FindEntityType(typeof(IdentityUserToken<Guid>))!.GetTableName();
        var nonce = challenge.Nonce.ToString("N");
        // ISO 8601 in UTC sorts as text, so "expired" is a string comparison.
        var expires = challenge.ExpiresAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        var now = clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);

#pragma warning disable EF1002 // the table name comes from our own model, every value is a parameter
        await db.Database.ExecuteSqlRawAsync(
            $"DELETE FROM \"{table}\" WHERE user_id = {{0}} AND login_provider = {{1}} AND value < {{2}}",
            [challenge.UserId, LoginProvider, now], ct);
        var inserted = await db.Database.ExecuteSqlRawAsync(
            $"INSERT INTO \"{table}\" (user_id, login_provider, name, value) VALUES ({{0}}, {{1}}, {{2}}, {{3}}) ON CONFLICT DO NOTHING",
            [challenge.UserId, LoginProvider, nonce, expires], ct);
#pragma warning restore EF1002
        return inserted == 1;
    }
}
