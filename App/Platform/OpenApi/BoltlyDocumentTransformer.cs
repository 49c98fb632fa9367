using System.Text.Json.Nodes;
using Boltly.Platform.Api;
using Boltly.Platform.Auth;
using Boltly.Platform.Http;
using Boltly.Platform.RateLimiting;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace Boltly.Platform.OpenApi;

/// <summary>The document's info, its server (<c>Portal:PublicUrl</c>, never the requesting host), the tags
/// with their descriptions, both security schemes, the contract's error schema, and the scope catalog.</summary>
public sealed class BoltlyDocumentTransformer(IOptions<PortalOptions> portal, IOptions<RateLimitOptions> limits) : IOpenApiDocumentTransformer
{
    public const string ApiKeyScheme = "ApiKey";
    public const string BearerScheme = "Bearer";
    public const string ErrorSchema = "ApiError";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "Boltly Portal API";
        document.Info.Version = "v1";
        document.Info.Description =
            "The REST API of Boltly Portal. Authenticate with an API key (`X-API-Key: sk_live_…`) or a JWT access token " +
            "(`Authorization: Bearer …`). Each endpoint names the scope an API key needs (`x-required-scope`); sessions act with " +
            "every scope of their user. Errors are `{\"error\", \"message\", \"details\"?}`. Lists take `limit` and `cursor` " +
            "(at most 10 per page with an API key, 100 with a session). Every operation states its access in " +
            "`x-boltly-scopes` (the scopes an API key needs) and `x-boltly-session-only`. Authenticated responses carry " +
            "`X-RateLimit-Limit`, `X-RateLimit-Remaining`, `X-RateLimit-Reset`, `RateLimit-Policy` and `RateLimit`; a 429 adds " +
            "`Retry-After`. POST endpoints honour `Idempotency-Key` for 24 hours, " +
            "except webhook creation, whose response holds a secret shown once (it refuses the header with 400). " +
            "Delivery to carriers is outside the product: outbound messages are recorded with status `queued`.";

        // Behind a proxy or in a test the requesting host is not where integrators reach the portal.
        document.Servers = [new OpenApiServer { Url = portal.Value.PublicUrl.TrimEnd('/'), Description = "Boltly Portal" }];

        var used = (document.Paths ?? []).Values.SelectMany(p => p.Operations?.Values.AsEnumerable() ?? [])
            .SelectMany(o => o.Tags ?? new HashSet<OpenApiTagReference>()).Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        var tags = new HashSet<OpenApiTag>();
        foreach (var (name, description) in ApiTags.All)
            if (used.Remove(name)) tags.Add(new OpenApiTag { Name = name, Description = description });
        // A tag outside ApiTags has no description: the lint test names it.
        foreach (var name in used.Order(StringComparer.Ordinal)) tags.Add(new OpenApiTag { Name = name });
        document.Tags = tags;

        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[ApiKeyScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = "X-API-Key",
            Description = "An API key: sk_live_ followed by 40 hex characters. Also accepted as Authorization: Bearer sk_live_….",
        };
        document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "A JWT access token from POST /v1/auth/login (15 minutes).",
        };

        document.Components.Headers ??= new Dictionary<string, IOpenApiHeader>();
        foreach (var (name, header) in RateLimitHeaders.Components(limits.Value)) document.Components.Headers[name] = header;
        document.Components.Headers[RequestIds.Header] = RateLimitHeaders.RequestId();

        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas[ErrorSchema] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Required = new HashSet<string> { "error", "message" },
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["error"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "A code, e.g. VALIDATION_FAILED, NOT_FOUND, INSUFFICIENT_SCOPE." },
                ["message"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "A sentence for people." },
                ["details"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Description = "Validation errors: field name → messages.",
                    AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
                },
            },
        };

        var scopes = new JsonArray();
        foreach (var s in ScopeCatalog.All) scopes.Add(new JsonObject { ["name"] = s.Name, ["description"] = s.Description });
        document.Extensions ??= new Dictionary<string, IOpenApiExtension>();
        document.Extensions["x-scopes"] = new JsonNodeExtension(scopes);
        return Task.CompletedTask;
    }
}
