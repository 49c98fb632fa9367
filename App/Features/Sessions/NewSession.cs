using Boltly.Platform.Http;

namespace Boltly.Features.Sessions;

/// <summary>What a sign-in knows about the session it starts. <paramref name="DeviceId"/> is a browser's device cookie
/// id; an app's device is its refresh-token family.</summary>
public sealed record NewSession(Guid UserId, Guid AccountId, string? Email, SessionKind Kind, ClientInfo Client,
    DateTimeOffset? ExpiresAt = null, Guid? RefreshFamilyId = null, Guid? DeviceId = null);
