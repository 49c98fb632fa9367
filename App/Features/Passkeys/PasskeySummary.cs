namespace Boltly.Features.Passkeys;

/// <summary>A registered passkey as Settings → Security lists it. <see cref="Id"/> is the credential id, base64url.</summary>
public sealed record PasskeySummary(string Id, string Name, DateTimeOffset CreatedAt);
