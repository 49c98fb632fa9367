namespace Boltly.Features.ApiKeys;

/// <summary>
/// Where a key (or any key of an account) was used from since a moment, read from the request log, which a higher
/// feature (Usage) owns: a rolling key's page asks whether the old key is still in use, and the allowlist editor offers
/// the addresses seen. ApiKeys knows only this interface; Usage registers the reader.
/// </summary>
public interface IApiKeyUse
{
    /// <summary>The last request and the addresses and user agents seen since <paramref name="since"/>, newest first;
    /// <paramref name="keyId"/> null: every key of the account.</summary>
    Task<KeyUse> SinceAsync(Guid accountId, Guid? keyId, DateTimeOffset since, CancellationToken ct = default);
}

/// <summary>A key's use in a period: its last request (null: none) and where requests came from.</summary>
public sealed record KeyUse(KeyRequest? Last, IReadOnlyList<KeyUseSource> Sources)
{
    public static readonly KeyUse None = new(null, []);
}

/// <summary>One logged request, as the grace panel names it.</summary>
public sealed record KeyRequest(DateTimeOffset At, string Method, string Path, int Status, string? Address, string? UserAgent);

/// <summary>Requests from one address with one user agent: how many, and the last one's time.</summary>
public sealed record KeyUseSource(string Address, string? UserAgent, int Requests, DateTimeOffset LastAt);
