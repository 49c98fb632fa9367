using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Boltly.Platform.RateLimiting;

/// <summary>
/// Every rate limit of the product, in one place: its name (as the <c>RateLimit-Policy</c> header shows it),
/// what it counts per, its limit and its window, all from <see cref="RateLimitOptions"/>. Callers say what
/// they count (a key, a user, a client address); the bucket names are made here and nowhere else.
/// Every per-address bucket counts an IPv6 client per /64 (<see cref="AddressBucket(string?)"/>).
/// See docs/rate-limits.md and docs/security.md.
/// </summary>
public sealed class RateLimitPolicies(WindowRateLimiter limiter, IOptions<RateLimitOptions> options)
{
    private const int Ipv6PrefixBytes = 8; // a /64: one customer's network, however many addresses it uses

    /// <summary>An API key's own budget (<see cref="RateLimitOptions.ApiKeyPerWindow"/> a window), shared by every instance.</summary>
    public ValueTask<RateLimitDecision> HitApiKeyAsync(Guid keyId) =>
        limiter.HitAsync(RateLimitPolicy.ApiKey, Named(_keyBuckets, "key:", keyId), options.Value.ApiKeyPerWindow, options.Value.WindowSeconds);

    /// <summary>A user's budget on <c>/v1</c> with a session (JWT or the dashboard cookie).</summary>
    public ValueTask<RateLimitDecision> HitSessionAsync(Guid userId) =>
        limiter.HitAsync(RateLimitPolicy.Session, Named(_userBuckets, "user:", userId), options.Value.SessionPerWindow, options.Value.WindowSeconds);

    // A key's or user's bucket name, made once rather than per request (ADR 0033); bounded like the limiter's notes.
    private readonly ConcurrentDictionary<Guid, string> _keyBuckets = new();
    private readonly ConcurrentDictionary<Guid, string> _userBuckets = new();

    private static string Named(ConcurrentDictionary<Guid, string> names, string prefix, Guid id)
    {
        if (names.TryGetValue(id, out var name)) return name;
        if (names.Count > 100_000) names.Clear();
        return names[id] = prefix + id;
    }

    /// <summary>Requests with an invalid API key, per client address; never charged to a real key.</summary>
    public async ValueTask<RateLimitDecision> HitInvalidKeyAsync(IPAddress? clientAddress)
    {
        var decision = await limiter.HitAsync(RateLimitPolicy.InvalidKey, InvalidKeyBucket(clientAddress), options.Value.InvalidKeyPerWindow,
            options.Value.WindowSeconds);
        if (!decision.Allowed) Volatile.Write(ref _invalidKeyRefusedWindow, limiter.CurrentWindow(options.Value.WindowSeconds));
        return decision;
    }

    /// <summary>The refusal for an address already over its invalid-key limit in this window, without counting
    /// and without any lookup (so a flood of made-up keys costs no cache or database work); null otherwise.
    /// Known from this instance's own counting: another instance's refusals reach it with its next count.
    /// While no address is over that limit in this window, nothing is looked up or formatted (ADR 0033).</summary>
    public RateLimitDecision? InvalidKeyRefusal(IPAddress? clientAddress)
    {
        if (Volatile.Read(ref _invalidKeyRefusedWindow) != limiter.CurrentWindow(options.Value.WindowSeconds)) return null;
        return limiter.RefusedUntilWindowEnd(RateLimitPolicy.InvalidKey, InvalidKeyBucket(clientAddress), options.Value.InvalidKeyPerWindow,
            options.Value.WindowSeconds);
    }

    // The window in which this instance last refused an address for invalid keys.
    private long _invalidKeyRefusedWindow = -1;

    /// <summary>Sign-in attempts per client address: the password step and the second step share it, so
    /// alternating between them buys no extra guesses.</summary>
    public ValueTask<RateLimitDecision> HitSignInAsync(string? clientAddress) =>
        limiter.HitAsync(RateLimitPolicy.SignIn, "signin:" + AddressBucket(clientAddress), options.Value.SignInPerWindow, options.Value.WindowSeconds);

    /// <summary>Sign-in attempts per account, named by its normalized email whether or not it exists (so the limit
    /// says nothing about existence); both sign-in steps share it. The bucket holds a digest, not the address.</summary>
    public ValueTask<RateLimitDecision> HitSignInAccountAsync(string signInName) =>
        limiter.HitAsync(RateLimitPolicy.SignInAccount, "signin-account:" + Digest(signInName.Trim().ToUpperInvariant()),
            options.Value.SignInPerAccountPerWindow, options.Value.WindowSeconds);

    /// <summary>Refresh and sign-out requests per client address.</summary>
    public ValueTask<RateLimitDecision> HitTokenAsync(string? clientAddress) =>
        limiter.HitAsync(RateLimitPolicy.Token, "token:" + AddressBucket(clientAddress), options.Value.TokenPerWindow, options.Value.WindowSeconds);

    /// <summary>Requests that may send an account mail (sign-up, confirmation resend, password reset, and their
    /// confirmations), per client address.</summary>
    public ValueTask<RateLimitDecision> HitAccountMailAsync(string? clientAddress) =>
        limiter.HitAsync(RateLimitPolicy.AccountMail, "account-mail:" + AddressBucket(clientAddress), options.Value.AccountMailPerWindow, options.Value.WindowSeconds);

    /// <summary>The same requests per email address they would mail, named by its normalized form whether or not an
    /// account has it (so the limit says nothing about existence). The bucket holds a digest, not the address.</summary>
    public ValueTask<RateLimitDecision> HitAccountMailRecipientAsync(string email) =>
        limiter.HitAsync(RateLimitPolicy.AccountMailRecipient, "account-mail-to:" + Digest(email.Trim().ToUpperInvariant()),
            options.Value.AccountMailPerRecipientPerWindow, options.Value.WindowSeconds);

    /// <summary>Open leaked-key reports per client address: anyone may report, nobody may flood.</summary>
    public ValueTask<RateLimitDecision> HitLeakReportAsync(string? clientAddress) =>
        limiter.HitAsync(RateLimitPolicy.LeakReport, "leak-report:" + AddressBucket(clientAddress), options.Value.LeakReportPerWindow, options.Value.WindowSeconds);

    /// <summary>Requests for an invitation's passkey creation options, per client address: each issues a ceremony kept in
    /// Redis, and nobody needs many a minute.</summary>
    public ValueTask<RateLimitDecision> HitInvitationPasskeyOptionsAsync(string? clientAddress) =>
        limiter.HitAsync(RateLimitPolicy.Invitation, "invitation-options:" + AddressBucket(clientAddress), options.Value.InvitationPerWindow,
            options.Value.WindowSeconds);

    /// <summary>Invitation accepts, per client address, counted apart from the options so a passkey accept (options, then
    /// accept) costs one of each: each checks a link and may hash a password or verify a passkey.</summary>
    public ValueTask<RateLimitDecision> HitInvitationAcceptAsync(string? clientAddress) =>
        limiter.HitAsync(RateLimitPolicy.Invitation, "invitation-accept:" + AddressBucket(clientAddress), options.Value.InvitationPerWindow,
            options.Value.WindowSeconds);

    /// <summary>Readiness probes per client address.</summary>
    public ValueTask<RateLimitDecision> HitHealthAsync(string? clientAddress) =>
        limiter.HitAsync(RateLimitPolicy.Health, "health:" + AddressBucket(clientAddress), options.Value.HealthPerWindow, options.Value.WindowSeconds);

    /// <summary>
    /// What a per-address limit counts per: an IPv4 address as it is (an IPv4-mapped IPv6 address as its IPv4
    /// form), an IPv6 address by its /64 prefix, since one subscriber is routed a whole /64 and could otherwise
    /// take a fresh address for every guess.
    /// </summary>
    public static string AddressBucket(string? clientAddress)
    {
        if (string.IsNullOrEmpty(clientAddress) || !IPAddress.TryParse(clientAddress, out var address)) return "unknown";
        return AddressBucket(address);
    }

    /// <summary><see cref="AddressBucket(string?)"/> of an address the connection already holds, without parsing it again.</summary>
    public static string AddressBucket(IPAddress? address)
    {
        if (address is null) return "unknown";
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, Ipv6PrefixBytes, bytes.Length - Ipv6PrefixBytes);
        return new IPAddress(bytes) + "/64";
    }

    private static string InvalidKeyBucket(IPAddress? clientAddress) => "badkey:" + AddressBucket(clientAddress);

    private static string Digest(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];
}
