using System.Net;
using System.Net.Http.Json;
using Boltly.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Boltly.Tests.Api;

public sealed class PasswordChangeApiTests(SharedPortal portal)
{
    private readonly HttpClient _client = portal.Host.CreateHttpClient();
    private const string NewPassword = "lantern-orbit-velvet-44";

    [Fact]
    public async Task Change_revokes_refresh_tokens_and_refuses_older_access_tokens()
    {
        var user = await TestUser.CreateAsync(portal.Host);
        var other = await _client.LoginAsync(user); // another app's session
        var pair = await _client.LoginAsync(user);
        var access = (string)pair["access_token"]!;
        Assert.Equal(HttpStatusCode.OK, (await _client.SendWithBearerAsync(HttpMethod.Get, "/v1/developer-access/whoami", (string)other["access_token"]!)).StatusCode);

        var change = await _client.SendWithBearerAsync(HttpMethod.Post, "/v1/auth/change-password", access,
            new { current_password = user.Password, new_password = NewPassword });
        Assert.Equal(HttpStatusCode.NoContent, change.StatusCode);

        foreach (var old in new[] { access, (string)other["access_token"]! })
            await (await _client.SendWithBearerAsync(HttpMethod.Get, "/v1/developer-access/whoami", old)).AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        foreach (var refresh in new[] { (string)pair["refresh_token"]!, (string)other["refresh_token"]! })
            await (await _client.PostAsJsonAsync("/v1/auth/refresh", new { refresh_token = refresh })).AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");

        var oldPassword = await _client.PostAsJsonAsync("/v1/auth/login", new { email = user.Email, password = user.Password });
        await oldPassword.AssertErrorAsync(HttpStatusCode.Unauthorized, "INVALID_CREDENTIALS");
        var fresh = await _client.LoginAsync(user with { Password = NewPassword });
        Assert.Equal(HttpStatusCode.OK, (await _client.SendWithBearerAsync(HttpMethod.Get, "/v1/developer-access/whoami", (string)fresh["access_token"]!)).StatusCode);

        await using var scope = portal.Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var changed = await db.SecurityEvents.IgnoreQueryFilters().SingleAsync(e => e.UserId == user.UserId && e.Type == SecurityEventTypes.PasswordChanged && e.Outcome == SecurityEventOutcomes.Success);
        Assert.NotNull(changed.ClientAddress);
    }

    [Theory]
    [InlineData("Correct-Horse-Battery-9", "password1234", "password1234", "new_password")]
    [InlineData("Correct-Horse-Battery-9", "short-one", "short-one", "new_password")]
    [InlineData("Correct-Horse-Battery-9", NewPassword, "something-else-entirely", "confirm_password")]
    [InlineData("not-my-current-password", NewPassword, NewPassword, "current_password")]
    public async Task Refusals_name_the_field_with_a_reason(string current, string next, string confirm, string field)
    {
        var user = await TestUser.CreateAsync(portal.Host);
        var access = (string)(await _client.LoginAsync(user))["access_token"]!;
        var response = await _client.SendWithBearerAsync(HttpMethod.Post, "/v1/auth/change-password", access,
            new { current_password = current, new_password = next, confirm_password = confirm });
        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        var details = (await response.JsonAsync())["details"]!.AsObject();
        Assert.False(string.IsNullOrWhiteSpace((string?)details[field]![0]));
        // Nothing changed: the old token still works.
        Assert.Equal(HttpStatusCode.OK, (await _client.SendWithBearerAsync(HttpMethod.Get, "/v1/developer-access/whoami", access)).StatusCode);
    }
}
