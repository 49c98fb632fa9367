using Boltly.Platform.Data;
using Boltly.Platform.Http;
using Microsoft.EntityFrameworkCore;

namespace Boltly.Features.SecurityEvents;

/// <summary>Appends security events. Each call is its own small insert, so a failed business
/// transaction still leaves its failure on record.</summary>
public sealed class SecurityEventRecorder(IDbContextFactory<AppDbContext> contexts, TimeProvider clock)
{
    public async Task RecordAsync(string type, string outcome, ClientInfo client, Guid? userId = null,
        Guid? accountId = null, string? detail = null, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.SecurityEvents.Add(new SecurityEvent
        {
            OccurredAt = clock.GetUtcNow(),
            Type = type,
            Outcome = outcome,
            UserId = userId,
            AccountId = accountId,
            ClientAddress = Truncate(client.Address, 64),
            UserAgent = Truncate(client.UserAgent, 256),
            Detail = Truncate(detail, 256),
        });
        await db.SaveChangesAsync(ct);
    }

    private static string? Truncate(string? value, int max) =>
        value is null || value.Length <= max ? value : value[..max];
}
