using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Boltly.Features.Auth;

/// <summary>
/// Access tokens already validated by this instance, until their <c>exp</c>, keyed by their signature
/// segment (ADR 0022): a request with a cached token skips HS256 and claim parsing, while its lifetime and
/// every <see cref="Boltly.Platform.Auth.IAccessTokenCheck"/> (stamp, session) are still checked per request by
/// <see cref="JwtBearerSetup"/>. A hit needs the whole token to match and the same signing key as now; a
/// changed key empties the cache. At most <see cref="JwtOptions.ValidatedTokenCacheEntries"/> entries: when
/// full, expired ones are dropped and, if none were, new tokens are validated without being cached.
/// </summary>
public sealed class ValidatedAccessTokenCache
{
    private readonly ConcurrentDictionary<string, CachedAccessToken> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CachedAccessToken>.AlternateLookup<ReadOnlySpan<char>> _bySpan;
    private readonly IOptions<JwtOptions> _options;
    private readonly TimeProvider _clock;

    public ValidatedAccessTokenCache(IOptions<JwtOptions> options, TimeProvider clock)
    {
        _options = options;
        _clock = clock;
        _bySpan = _entries.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>How many tokens are cached (tests, diagnostics).</summary>
    public int Count => _entries.Count;

    /// <summary>True when exactly <paramref name="token"/> is cached (tests, diagnostics).</summary>
    public bool Holds(string token) => _bySpan.TryGetValue(Signature(token), out var entry) && entry.Token == token;

    /// <summary>The cached entry for exactly <paramref name="token"/> validated under <paramref name="currentKey"/>,
    /// or null. Lifetime and the per-request checks are the caller's.</summary>
    public CachedAccessToken? Find(ReadOnlySpan<char> token, SecurityKey? currentKey)
    {
        if (token.IsEmpty || _entries.IsEmpty || !_bySpan.TryGetValue(Signature(token), out var entry)) return null;
        if (!ReferenceEquals(entry.SigningKey, currentKey))
        {
            // The signing key changed (rotation): nothing validated under the old one is trusted any longer.
            _entries.Clear();
            return null;
        }
        return token.SequenceEqual(entry.Token) ? entry : null;
    }

    public void Add(CachedAccessToken entry)
    {
        var max = _options.Value.ValidatedTokenCacheEntries;
        if (max == 0) return;
        if (_entries.Count >= max)
        {
            var now = _clock.GetUtcNow().UtcDateTime;
            foreach (var (key, cached) in _entries)
                if (cached.Expires <= now) _entries.TryRemove(key, out _);
            if (_entries.Count >= max) return;
        }
        _entries[Signature(entry.Token).ToString()] = entry;
    }

    public void Remove(CachedAccessToken entry) =>
        _entries.TryRemove(new KeyValuePair<string, CachedAccessToken>(Signature(entry.Token).ToString(), entry));

    /// <summary>Forgets every token (the signing key changed).</summary>
    public void Clear() => _entries.Clear();

    private static ReadOnlySpan<char> Signature(ReadOnlySpan<char> token) => token[(token.LastIndexOf('.') + 1)..];
}
