using System.Net;
using Boltly.Infrastructure.Auth;
using Boltly.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Boltly.Tests.Api;

/// <summary>
/// Deny by default, proven over the app's own endpoint list: every /v1 endpoint is session-only,
/// scope-protected, or on an explicit list; and each rule answers as the contract says.
/// </summary>
public sealed class EndpointPolicyTests(SharedPortal portal)
{
    /// <summary>Endpoints that need no credential (sign-in) or answer 404 for unknown paths.</summary>
    private static readonly HashSet<string> Public =
    [
        "POST v1/auth/login", "POST v1/auth/login/2fa", "POST v1/auth/refresh", "POST v1/auth/logout",
    ];

    /// <summary>Endpoints any valid credential may call, without a scope.</summary>
    private static readonly HashSet<string> AnyCredential = ["GET v1/developer-access/whoami"];

    public sealed record ApiEndpoint(string Method, string Pattern, bool SessionOnly, string[] Scopes, bool Anonymous)
    {
        public string Name => $"{Method} {Pattern}";
        public string SamplePath => "/" + System.Text.RegularExpressions.Regex.Replace(Pattern, "\\{[^}]+\\}", m =>
            m.Value.Contains("tag", StringComparison.Ordinal) ? "vip" : Guid.NewGuid().ToString());
    }

    private IReadOnlyList<ApiEndpoint> ApiEndpoints()
    {
        var sources = portal.Host.Services.GetRequiredService<IEnumerable<EndpointDataSource>>();
        return sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.TrimStart('/').StartsWith("v1/", StringComparison.Ordinal) == true)
            .SelectMany(e =>
            {
                var methods = e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"];
                var pattern = e.RoutePattern.RawText!.TrimStart('/');
                var authorize = e.Metadata.GetOrderedMetadata<IAuthorizeData>();
                return methods.Select(m => new ApiEndpoint(m, pattern,
                    authorize.OfType<SessionOnlyAttribute>().Any(),
                    authorize.OfType<RequireScopeAttribute>().Select(a => a.Scope).ToArray(),
                    e.Metadata.GetMetadata<IAllowAnonymous>() is not null));
            })
            .ToList();
    }

    [Fact]
    public void Every_v1_endpoint_is_session_only_scoped_or_explicitly_listed()
    {
        var endpoints = ApiEndpoints();
        Assert.NotEmpty(endpoints);
        var unprotected = endpoints.Where(e =>
            !e.SessionOnly && e.Scopes.Length == 0 && !(e.Anonymous && Public.Contains(e.Name)) && !AnyCredential.Contains(e.Name)).ToList();
        Assert.True(unprotected.Count == 0, "Neither session-only, scoped nor listed: " + string.Join(", ", unprotected.Select(e => e.Name)));
        // Anonymous access is only where the list says.
        Assert.All(endpoints.Where(e => e.Anonymous), e => Assert.Contains(e.Name, Public));
        Assert.All(endpoints.Where(e => e.SessionOnly), e => Assert.Empty(e.Scopes));
    }

    [Fact]
    public async Task Session_only_endpoints_refuse_a_key_with_every_scope()
    {
        var client = portal.Host.CreateHttpClient();
        var user = await TestUser.CreateAsync(portal.Host);
        var key = await client.CreateKeyAsync(await client.AccessTokenAsync(user), [.. Boltly.Domain.ApiKeys.ScopeCatalog.Names]);
        var sessionOnly = ApiEndpoints().Where(e => e.SessionOnly).ToList();
        Assert.NotEmpty(sessionOnly);
        foreach (var e in sessionOnly)
        {
            var response = await client.SendWithKeyAsync(new HttpMethod(e.Method), e.SamplePath, key.Secret, e.Method is "POST" or "PATCH" or "PUT" ? new { } : null);
            await response.AssertErrorAsync(HttpStatusCode.Forbidden, "SESSION_REQUIRED");
        }
    }

    [Fact]
    public async Task Scoped_endpoints_refuse_a_key_without_the_scope_and_name_it()
    {
        var client = portal.Host.CreateHttpClient();
        var user = await TestUser.CreateAsync(portal.Host);
        var jwt = await client.AccessTokenAsync(user);
        var contactsOnly = await client.CreateKeyAsync(jwt, ["contacts:read"]);
        var tokensOnly = await client.CreateKeyAsync(jwt, ["tokens:read"]);
        var scoped = ApiEndpoints().Where(e => e.Scopes.Length > 0).ToList();
        Assert.NotEmpty(scoped);
        foreach (var e in scoped)
        {
            var key = e.Scopes.Contains("contacts:read") ? tokensOnly : contactsOnly;
            var response = await client.SendWithKeyAsync(new HttpMethod(e.Method), e.SamplePath, key.Secret, e.Method is "POST" or "PATCH" or "PUT" ? new { } : null);
            await response.AssertErrorAsync(HttpStatusCode.Forbidden, "INSUFFICIENT_SCOPE");
            Assert.Contains(e.Scopes[0], (string?)(await response.JsonAsync())["message"]);
        }
    }

    [Fact]
    public async Task Without_a_credential_every_protected_endpoint_is_401_json()
    {
        var client = portal.Host.CreateHttpClient();
        foreach (var e in ApiEndpoints().Where(e => !e.Anonymous))
        {
            var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(e.Method), e.SamplePath));
            await response.AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        }
    }
}
