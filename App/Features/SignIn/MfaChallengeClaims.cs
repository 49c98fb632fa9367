using Boltly.Platform.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Boltly.Features.SignIn;

/// <summary>
/// Makes an <c>mfa_token</c> single use. Its nonce is claimed, before the code sent with it is looked at,
/// by an insert into Identity's user-token table (primary key user, provider, name) inside a transaction
/// that stays open while the code is checked: committed when the code is right, rolled back when it is
/// wrong (a typo does not burn the token). A replay of a token that already signed in finds the row and
/// is refused without touching a TOTP step or a recovery code; a concurrent use of the same token waits
/// on the row until the first one ends. Expired claims of the same user are swept on the way.
/// </summary>
public sealed class MfaChallengeClaims(IDbContextFactory<AppDbContext> contexts, TimeProvider clock)
{
    private const string LoginProvider = "Boltly.MfaChallenge";

    /// <summary>The open claim of this challenge, or null when it was already used.</summary>
    public async Task<MfaChallengeClaim?> BeginAsync(MfaChallenge challenge, CancellationToken ct = default)
    {
        var nonce = challenge.Nonce.ToString("N");
        // ISO 8601 in UTC sorts as text, so "expired" is a string comparison.
        var expires = challenge.ExpiresAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        var now = clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);

        await using (var sweep = await contexts.CreateDbContextAsync(ct))
        {
#pragma warning disable EF1002 // the table name comes from our own model, every value is a parameter
            await sweep.Database.ExecuteSqlRawAsync(
                $"DELETE FROM \"{Table(sweep)}\" WHERE user_id = {{0}} AND login_provider = {{1}} AND value < {{2}}",
                [challenge.UserId, LoginProvider, now], ct);
        }

        var db = await contexts.CreateDbContextAsync(ct);
        IDbContextTransaction? transaction = null;
        try
        {
            transaction = await db.Database.BeginTransactionAsync(ct);
            var inserted = await db.Database.ExecuteSqlRawAsync(
                $"INSERT INTO \"{Table(db)}\" (user_id, login_provider, name, value) VALUES ({{0}}, {{1}}, {{2}}, {{3}}) ON CONFLICT DO NOTHING",
                [challenge.UserId, LoginProvider, nonce, expires], ct);
#pragma warning restore EF1002
            if (inserted == 1) return new MfaChallengeClaim(db, transaction);
        }
        catch
        {
            if (transaction is not null) await transaction.DisposeAsync();
            await db.DisposeAsync();
            throw;
        }
        await transaction.DisposeAsync();
        await db.DisposeAsync();
        return null;
    }

    private static string Table(AppDbContext db) => db.Model.FindEntityType(typeof(IdentityUserToken<Guid>))!.GetTableName()!;
}
