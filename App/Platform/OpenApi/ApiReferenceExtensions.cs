using System.Text.Json;
using System.Text.Json.Serialization;
using Scalar.AspNetCore;

namespace Boltly.Platform.OpenApi;

public static class ApiReferenceExtensions
{
    public const string DocumentPath = "/openapi/v1.json";
    public const string ReferencePath = "/docs";

    /// <summary>The OpenAPI document of /v1, generated from the controllers: scopes, errors, security schemes.</summary>
    public static WebApplicationBuilder AddBoltlyApiReference(this WebApplicationBuilder builder)
    {
        // The document's schemas follow these options: the same snake_case the controllers speak.
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        });
        builder.Services.AddOpenApi("v1", o =>
        {
            o.ShouldInclude = description => description.RelativePath?.StartsWith("v1/", StringComparison.Ordinal) == true;
            o.AddDocumentTransformer<BoltlyDocumentTransformer>();
            o.AddDocumentTransformer<EventWebhooksDocumentTransformer>();
            o.AddOperationTransformer<ScopeOperationTransformer>();
            o.AddOperationTransformer<ResponseOperationTransformer>();
            o.AddSchemaTransformer<BoltlySchemaTransformer>();
            o.AddSchemaTransformer<DiscriminatorSchemaTransformer>();
        });
        return builder;
    }

    /// <summary>/openapi/v1.json and the Scalar reference at /docs, both without a credential.</summary>
    public static WebApplication MapBoltlyApiReference(this WebApplication app)
    {
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference(ReferencePath, o => o
            .WithTitle("Boltly Portal API reference")
            .WithOpenApiRoutePattern(DocumentPath)
            // Fonts from fonts.scalar.com would be a third-party request the CSP refuses (docs/security-http.md).
            .DisableDefaultFonts()
            .AddPreferredSecuritySchemes(BoltlyDocumentTransformer.ApiKeyScheme)).AllowAnonymous();
        return app;
    }
}
