using System.Net;
using Boltly.Platform.Auth;
using Boltly.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Boltly.Tests.Api;

/// <summary>
/// Deny by default, proven over the app's own endpoint list: every /v1 endpoint is session-only,
/// scope-protected, or on an explicit list; every anonymous endpoint anywhere is on a named public list;
/// everything else outside /v1 takes the dashboard cookie only; and each rule answers as the contract says.
/// </summary>
public sealed class EndpointPolicyTests(SharedPortal portal)
{
    /// <summary>Endpoints that need no credential (sign-in) or answer 404 for unknown paths.</summary>
    private static readonly HashSet<string> Public =
    [
        "POST v1/auth/login", "POST v1/auth/login/2fa", "POST v1/auth/refresh", "POST v1/auth/logout",
        "POST v1/auth/invitations/accept", "POST v1/auth/invitations/passkey-creation-options", // the invitation's token is the proof
        // Sign-up and password reset (docs/registration.md).
        "POST v1/auth/signup", "POST v1/auth/confirm-email", "POST v1/auth/password-reset", "POST v1/auth/password-reset/confirm",
        // Leaked-key reports: GitHub's signed partner report and the open report (docs/api-keys.md#leaked-keys).
        "POST v1/developer-access/leaked-keys", "POST v1/developer-access/leaked-keys/report",
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

    /// <summary>Every endpoint outside /v1 that answers without a credential, by name. Anything else outside
    /// /v1 must take the dashboard cookie (and only the cookie).</summary>
    private static readonly HashSet<string> PublicOutsideApi =
    [
        "GET openapi/{documentName}.json", // the OpenAPI document
        "GET docs/{documentName?}", "GET docs/scalar.js", "GET docs/scalar.aspnetcore.js", "GET docs/favicon.svg", // the API reference
        "* health/live", "* health/ready", "GET health/info",
        "GET account/login", "POST account/login", "GET account/login/2fa", "POST account/login/2fa",
        "GET account/login/recovery", "POST account/login/recovery", "POST account/logout",
        "GET account/signup", "POST account/signup", "GET account/confirm-email", "POST account/confirm-email",
        "GET account/forgot-password", "POST account/forgot-password", "GET account/reset-password", "POST account/reset-password",
        // The banner's resend checks the dashboard cookie itself and sends the signed-out to sign-in (docs/registration.md).
        "POST account/confirm-email/resend",
        // Passkey ceremonies: sign-in options are for the sign-in page; the others check the dashboard cookie
        // themselves and answer 401 as JSON (a refusal by the middleware would be a redirect) — PasskeyTests.
        "POST account/passkeys/sign-in-options", "POST account/passkeys/creation-options",
        "POST account/passkeys/reauthentication-options", "POST account/passkeys/reauthenticate",
        "GET error", "POST error",
        "GET invitations/accept", "POST invitations/accept", // the invitation mail's link: its token is the proof
    ];

    private sealed record AnyEndpoint(string Method, string Pattern, RouteEndpoint Endpoint)
    {
        public string Name => $"{Method} {Pattern}";
        public bool Anonymous => Endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
        public bool StaticAsset => Endpoint.Metadata.Any(m => m.GetType().Name == "StaticAssetDescriptor");
    }

    private IReadOnlyList<AnyEndpoint> AllEndpoints() =>
        portal.Host.Services.GetRequiredService<IEnumerable<EndpointDataSource>>()
            .SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"])
                .Select(m => new AnyEndpoint(m, e.RoutePattern.RawText!.TrimStart('/'), e)))
            .ToList();

    [Fact]
    public void Every_anonymous_endpoint_anywhere_is_on_a_named_public_list()
    {
        var anonymous = AllEndpoints().Where(e => e.Anonymous).ToList();
        Assert.Contains(anonymous, e => e.StaticAsset);
        var unlisted = anonymous.Where(e => !e.StaticAsset && !Public.Contains(e.Name) && !PublicOutsideApi.Contains(e.Name)).ToList();
        Assert.True(unlisted.Count == 0, "Anonymous but on no public list: " + string.Join(", ", unlisted.Select(e => e.Name)));
        // Static assets are files from the build, nothing of an account.
        Assert.All(anonymous.Where(e => e.StaticAsset), e => Assert.Matches("^(_content|_framework)/", e.Pattern));
    }

    [Fact]
    public async Task Every_protected_endpoint_outside_v1_takes_the_dashboard_cookie_only()
    {
        var policies = portal.Host.Services.GetRequiredService<IAuthorizationPolicyProvider>();
        var dashboard = AllEndpoints().Where(e => !e.Anonymous && !e.Pattern.StartsWith("v1/", StringComparison.Ordinal)).ToList();
        Assert.Contains(dashboard, e => e.Pattern == "settings/activity");
        Assert.Contains(dashboard, e => e.Pattern == "_blazor");
        foreach (var e in dashboard)
        {
            var policy = await AuthorizationPolicy.CombineAsync(policies, e.Endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>(),
                e.Endpoint.Metadata.GetOrderedMetadata<AuthorizationPolicy>()) ?? await policies.GetFallbackPolicyAsync();
            Assert.NotNull(policy);
            Assert.True(policy.Requirements.OfType<Microsoft.AspNetCore.Authorization.Infrastructure.DenyAnonymousAuthorizationRequirement>().Any(),
                $"{e.Name} lets anonymous callers in");
            if (policy.AuthenticationSchemes.Count > 0)
            {
                Assert.True(policy.AuthenticationSchemes.SequenceEqual([IdentityConstants.ApplicationScheme]),
                    $"{e.Name} authenticates with {string.Join(", ", policy.AuthenticationSchemes)}");
                continue;
            }
            // No scheme of its own (MapStaticAssets' development fallback): the default scheme decides, and
            // outside /v1 it forwards to the cookie whatever headers the request carries.
            var request = new DefaultHttpContext();
            request.Request.Path = "/" + System.Text.RegularExpressions.Regex.Replace(e.Pattern, "\\{[^}]+\\}", "site.css");
            request.Request.Headers["X-API-Key"] = Boltly.Features.ApiKeys.ApiKeyFormat.Generate().Secret;
            request.Request.Headers.Authorization = "Bearer eyJhbGciOiJIUzI1NiJ9.e30.x";
            Assert.Equal(IdentityConstants.ApplicationScheme, CredentialSelector.Select(request));
        }
    }

    [Fact]
    public async Task Session_only_endpoints_refuse_a_key_with_every_scope()
    {
        var client = portal.Host.CreateHttpClient();
        var user = await TestUser.CreateAsync(portal.Host);
        var key = await client.CreateKeyAsync(await client.AccessTokenAsync(user), [.. Boltly.Platform.Auth.ScopeCatalog.Names]);
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
