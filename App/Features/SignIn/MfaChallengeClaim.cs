using Boltly.Platform.Data;
using Microsoft.EntityFrameworkCore.Storage;

namespace Boltly.Features.SignIn;

/// <summary>A claimed <c>mfa_token</c> whose transaction is still open (<see cref="MfaChallengeClaims"/>):
/// <see cref="CommitAsync"/> uses the token up; disposing without committing gives it back.</summary>
public sealed class MfaChallengeClaim(AppDbContext db, IDbContextTransaction transaction) : IAsyncDisposable
{
    /// <summary>Not cancellable: a code that was accepted must use its token up.</summary>
    public Task CommitAsync() => transaction.CommitAsync(CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await transaction.DisposeAsync();
        await db.DisposeAsync();
    }
}
