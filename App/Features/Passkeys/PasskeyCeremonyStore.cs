using System.Security.Cryptography;
using System.Text.Json;
using Boltly.Platform.Auth;
using Boltly.Platform.Redis;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Boltly.Features.Passkeys;

/// <summary>
/// Passkey ceremonies kept on the server (docs/passkeys.md, ADR 0026): the state Identity's handler makes with its options
/// (the challenge, and the user it was issued for) lives in Redis under a random ceremony id for the ceremony's timeout;
/// the browser holds only that id, in a short-lived HttpOnly cookie of its own per kind. Completing a ceremony takes the
/// state with one <c>GETDEL</c>: of two presentations of the same answer exactly one finds it, on any instance, and a
/// missing, expired or used ceremony is refused. A ceremony for a user who does not exist yet (a passkey registered while
/// accepting an invitation) has no cookie: it is kept under a key its caller derives from its own secret, one at a time.
/// </summary>
public sealed class PasskeyCeremonyStore(IConnectionMultiplexer redis, IOptions<RedisOptions> redisOptions, IOptions<PasskeyOptions> options)
{
    private const int IdBytes = 16;
    private static readonly HostPrefixCookieManager Cookies = new();

    /// <summary>The cookie that names this browser's ceremony of <paramref name="kind"/> (before any <c>__Host-</c> prefix).</summary>
    public static string CookieName(PasskeyCeremonyKind kind) => kind switch
    {
        PasskeyCeremonyKind.Registration => "boltly.passkey-registration",
        PasskeyCeremonyKind.SignIn => "boltly.passkey-sign-in",
        PasskeyCeremonyKind.NewUserRegistration => "boltly.passkey-new-user",
        _ => "boltly.passkey-reauthentication",
    };

    /// <summary>Keeps <paramref name="state"/> for a new ceremony of <paramref name="kind"/> issued to
    /// <paramref name="userId"/> (null for a sign-in) and gives the browser its id.</summary>
    public async Task BeginAsync(HttpContext context, PasskeyCeremonyKind kind, Guid? userId, string? state)
    {
        var id = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(IdBytes));
        var timeout = options.Value.CeremonyTimeout;
        var value = JsonSerializer.Serialize(new StoredCeremony(state, userId));
        await redis.GetDatabase().StringSetAsync(Key(kind, id), value, timeout);
        Cookies.AppendResponseCookie(context, CookieName(kind), id, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps,
            Path = "/",
            MaxAge = timeout,
            IsEssential = true,
        });
    }

    /// <summary>Takes this browser's ceremony of <paramref name="kind"/>, once: its state when it exists, has not been
    /// used and was issued to <paramref name="userId"/>; otherwise null. The ceremony is gone either way.</summary>
    public async Task<string?> TakeAsync(HttpContext context, PasskeyCeremonyKind kind, Guid? userId)
    {
        var id = Cookies.GetRequestCookie(context, CookieName(kind));
        Cookies.DeleteCookie(context, CookieName(kind), new CookieOptions { Path = "/", Secure = context.Request.IsHttps });
        if (string.IsNullOrEmpty(id) || id.Length > IdBytes * 2) return null;
        var value = await redis.GetDatabase().StringGetDeleteAsync(Key(kind, id));
        if (value.IsNullOrEmpty) return null;
        var stored = JsonSerializer.Deserialize<StoredCeremony>(value.ToString());
        return stored is not null && stored.UserId == userId ? stored.State : null;
    }

    /// <summary>Keeps <paramref name="state"/> for a new ceremony of <paramref name="kind"/> named by <paramref name="key"/>
    /// (a hash of the caller's secret, never the secret), issued to <paramref name="userId"/>; no cookie. A ceremony begun
    /// again under the same key replaces the last one, whose answer is then refused.</summary>
    public Task BeginKeyedAsync(PasskeyCeremonyKind kind, string key, Guid userId, string state) =>
        redis.GetDatabase().StringSetAsync(Key(kind, key), JsonSerializer.Serialize(new StoredCeremony(state, userId)), options.Value.CeremonyTimeout);

    /// <summary>Takes the ceremony of <paramref name="kind"/> named by <paramref name="key"/>, once: its state and the user
    /// it was issued to, or null when it is missing, expired or used. Of two takers at once exactly one gets it.</summary>
    public async Task<(string State, Guid UserId)?> TakeKeyedAsync(PasskeyCeremonyKind kind, string key)
    {
        var value = await redis.GetDatabase().StringGetDeleteAsync(Key(kind, key));
        if (value.IsNullOrEmpty) return null;
        return JsonSerializer.Deserialize<StoredCeremony>(value.ToString()) is { State: { } state, UserId: { } userId } ? (state, userId) : null;
    }

    private RedisKey Key(PasskeyCeremonyKind kind, string id) => $"{redisOptions.Value.KeyPrefix}passkey-ceremony:{kind}:{id}";

    private sealed record StoredCeremony(string? State, Guid? UserId);
}
