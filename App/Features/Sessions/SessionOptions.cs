using System.ComponentModel.DataAnnotations;

namespace Boltly.Features.Sessions;

/// <summary>How long sessions live and how long a re-authentication counts (docs/sessions.md). App sessions live as long
/// as their refresh-token family (<c>Jwt:RefreshTokenDays</c>).</summary>
public sealed class SessionOptions
{
    public const string Section = "Sessions";

    /// <summary>A browser session unused this long ends (the cookie slides by the same amount).</summary>
    [Range(1, 720)] public int BrowserIdleHours { get; set; } = 12;

    /// <summary>A browser session ends this long after its sign-in, however active.</summary>
    [Range(1, 90)] public int BrowserAbsoluteDays { get; set; } = 7;

    /// <summary>The sudo window: how long a sign-in or re-authentication lets a session do the sensitive actions.</summary>
    [Range(1, 120)] public int ReauthenticationMinutes { get; set; } = 10;

    /// <summary>A sign-in from a device, or from a network, not seen for the user in this many days sends the new sign-in
    /// email.</summary>
    [Range(1, 3650)] public int NewDeviceDays { get; set; } = 90;

    /// <summary>How long a browser keeps its device cookie after its last sign-in (browsers cap cookies at 400 days).</summary>
    [Range(1, 400)] public int DeviceCookieDays { get; set; } = 400;

    /// <summary>The IPv4 prefix that makes a network for the new sign-in rule (/24).</summary>
    [Range(8, 32)] public int NetworkPrefixIPv4 { get; set; } = 24;

    /// <summary>The IPv6 prefix that makes a network for the new sign-in rule (/48, a site).</summary>
    [Range(16, 128)] public int NetworkPrefixIPv6 { get; set; } = 48;

    /// <summary>How often the batched <c>last_seen_at</c> writes run.</summary>
    [Range(1, 3600)] public int ActivityFlushSeconds { get; set; } = 60;

    /// <summary>Delay of the second eviction after a session ends (see <c>CacheRevocations</c>).</summary>
    [Range(1, 60)] public int RevocationReEvictSeconds { get; set; } = 2;
}
