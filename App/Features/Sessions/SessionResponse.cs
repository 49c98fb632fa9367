namespace Boltly.Features.Sessions;

/// <summary>One session in <c>GET /v1/auth/sessions</c>; <c>current</c> marks the caller's own.</summary>
public sealed record SessionResponse(Guid Id, string Kind, string DeviceName, string? ClientAddress, string? UserAgent,
    DateTimeOffset CreatedAt, DateTimeOffset LastSeenAt, DateTimeOffset ExpiresAt, bool Current)
{
    public static SessionResponse From(UserSession s, Guid? current) => new(s.Id, s.Kind == SessionKind.App ? "app" : "browser",
        s.DeviceName, s.ClientAddress, s.UserAgent, s.CreatedAt, s.LastSeenAt, s.ExpiresAt, s.Id == current);
}
