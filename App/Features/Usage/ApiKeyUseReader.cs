using Boltly.Features.ApiKeys;
using Boltly.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Boltly.Features.Usage;

/// <summary>The request log's answer to "where was this key used from since then" (<see cref="IApiKeyUse"/>): the last
/// request, and the requests grouped by address and user agent, at most <see cref="MaxSources"/> groups.</summary>
public sealed class ApiKeyUseReader(IDbContextFactory<AppDbContext> contexts) : IApiKeyUse
{
    public const int MaxSources = 50;

    public async Task<KeyUse> SinceAsync(Guid accountId, Guid? keyId, DateTimeOffset since, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateForAccountAsync(accountId, ct);
        var requests = db.RequestLog.AsNoTracking().Where(r => r.At >= since);
        if (keyId is { } id) requests = requests.Where(r => r.ApiKeyId == id);
        var last = await requests.OrderByDescending(r => r.At)
            .Select(r => new KeyRequest(r.At, r.Method, r.Path, r.Status, r.ClientAddress, r.UserAgent)).FirstOrDefaultAsync(ct);
        if (last is null) return KeyUse.None;
        var sources = await requests.Where(r => r.ClientAddress != null)
            .GroupBy(r => new { r.ClientAddress, r.UserAgent })
            .Select(g => new { g.Key.ClientAddress, g.Key.UserAgent, Requests = g.Count(), LastAt = g.Max(r => r.At) })
            .OrderByDescending(g => g.LastAt).Take(MaxSources).ToListAsync(ct);
        return new KeyUse(last, sources.Select(s => new KeyUseSource(s.ClientAddress!, s.UserAgent, s.Requests, s.LastAt)).ToList());
    }
}
