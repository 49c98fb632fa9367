namespace Boltly.Features.Members;

/// <summary>A member as listed (<c>GET /v1/account/members</c>, the Members page).</summary>
public sealed record MemberView(Guid Id, string Email, string Role, DateTimeOffset JoinedAt, bool TwoFactorEnabled);
