using Boltly.Platform.Http;

namespace Boltly.Features.Sessions;

/// <summary>What a sign-in knows about the session it starts.</summary>
public sealed record NewSession(Guid UserId, Guid AccountId, string? Email, SessionKind Kind, ClientInfo Client,
    DateTimeOffset? ExpiresAt = null, Guid? RefreshFamilyId = null);
