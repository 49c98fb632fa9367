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

    /// <summary>A sign-in from a device not seen for the user in this many days sends the new-device email.</summary>
    [Range(1, 3650)] public int NewDeviceDays { get; set; } = 90;

    /// <summary>How often the batched <c>last_seen_at</c> writes run.</summary>
    [Range(1, 3600)] public int ActivityFlushSeconds { get; set; } = 60;

    /// <summary>Delay of the second eviction after a session ends (see <c>CacheRevocations</c>).</summary>
    [Range(1, 60)] public int RevocationReEvictSeconds { get; set; } = 2;
}
