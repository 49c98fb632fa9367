using Boltly.Platform.Pagination;

namespace Boltly.Features.Sessions;

/// <summary>One sign-in, kept on the server (docs/sessions.md): a dashboard cookie or an app's refresh-token family.</summary>
public sealed class UserSession : IKeysetRow
{
    public Guid Id { get; set; } = Boltly.Platform.Data.MonotonicUuidV7.NewId();
    public Guid UserId { get; set; }
    public Guid AccountId { get; set; }
    public SessionKind Kind { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>To the minute, written in batches (<see cref="SessionActivityTracker"/>).</summary>
    public DateTimeOffset LastSeenAt { get; set; }
    /// <summary>The last proof of identity: the sign-in or a re-authentication. Opens the sudo window.</summary>
    public DateTimeOffset AuthenticatedAt { get; set; }
    /// <summary>The session ends here at the latest, whatever its activity.</summary>
    public DateTimeOffset ExpiresAt { get; set; }
    public string? ClientAddress { get; set; }
    public string? UserAgent { get; set; }
    /// <summary>A readable name such as "Chrome on Linux" (<see cref="DeviceNames"/>).</summary>
    public string DeviceName { get; set; } = "";
    /// <summary>The device the sign-in came from: a browser's device cookie id, an app's refresh-token family
    /// (<see cref="DeviceCookie"/>). Null for sessions older than device recognition.</summary>
    public Guid? DeviceId { get; set; }
    /// <summary>The client address's network, such as <c>203.0.113.0/24</c> (<see cref="ClientNetwork"/>).</summary>
    public string? Network { get; set; }
    /// <summary>The refresh-token family of an app session; null for a browser.</summary>
    public Guid? RefreshFamilyId { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    /// <summary>Why it ended, one of <see cref="SessionEndReasons"/>.</summary>
    public string? EndReason { get; set; }
}
