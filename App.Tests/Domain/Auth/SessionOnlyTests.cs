using Boltly.Platform.Auth;

namespace Boltly.Tests.Domain.Auth;

/// <summary>The session-only rule: the requirement, <see cref="Caller.IsSession"/> and the services' check are one rule.</summary>
public sealed class SessionOnlyTests
{
    private static Caller As(CredentialKind kind, Guid? userId) => new(Guid.NewGuid(), userId, kind, new HashSet<string>(), null);

    [Theory]
    [InlineData(CredentialKind.Cookie, true, true)]
    [InlineData(CredentialKind.Jwt, true, true)]
    [InlineData(CredentialKind.ApiKey, false, false)]
    [InlineData(CredentialKind.ApiKey, true, false)]
    [InlineData(CredentialKind.Cookie, false, false)]
    public void A_session_is_a_signed_in_user_never_a_key(CredentialKind kind, bool withUser, bool met)
    {
        var caller = As(kind, withUser ? Guid.NewGuid() : null);
        Assert.Equal(met, SessionOnly.IsMetBy(caller));
        Assert.Equal(met, caller.IsSession);
        if (met) Assert.Equal(caller.UserId, SessionOnly.RequireUser(caller));
        else Assert.Throws<SessionRequiredException>(() => SessionOnly.RequireUser(caller));
    }

    [Fact]
    public async Task Key_management_refuses_a_key_in_the_service_too()
    {
        var key = As(CredentialKind.ApiKey, null);
        // The service is reached without the endpoint's [SessionOnly]: the same rule refuses.
        var service = (ApiKeyService)System.Runtime.CompilerServices.RuntimeHelpers.GetUninitializedObject(typeof(ApiKeyService));
        await Assert.ThrowsAsync<SessionRequiredException>(() => service.ListAllAsync(key));
    }
}
