using System.ComponentModel.DataAnnotations;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Boltly.Platform.RateLimiting;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace Boltly.Platform.OpenApi;

/// <summary>
/// Every schema: whole numbers typed as integers only (System.Text.Json's web defaults also read "12" as 12,
/// which the generator writes as <c>integer | string</c> with a pattern; clients send numbers); a nullable
/// property without <c>[Required]</c> is optional (a request may leave it out; the generator lists every
/// constructor parameter as required); and an example on each property whose name the product uses
/// throughout, so that every request and response of the reference shows a realistic body.
/// </summary>
public sealed class BoltlySchemaTransformer(IOptions<RateLimitOptions> limits) : IOpenApiSchemaTransformer
{
    private static readonly Dictionary<string, JsonNode> Examples = new(StringComparer.Ordinal)
    {
        ["id"] = "0193a5f2-7c1e-7b3d-9a2f-4e6c8d0b1a2f",
        ["account_id"] = "0193a5f2-6a00-7000-8000-000000000001",
        ["user_id"] = "0193a5f2-6a00-7000-8000-000000000002",
        ["contact_id"] = "0193a5f2-7c1e-7b3d-9a2f-4e6c8d0b1a30",
        ["template_id"] = "0193a5f2-7c1e-7b3d-9a2f-4e6c8d0b1a31",
        ["conversation_id"] = "0193a5f2-7c1e-7b3d-9a2f-4e6c8d0b1a32",
        ["email"] = "ada@example.com",
        ["password"] = "correct horse battery staple",
        ["current_password"] = "correct horse battery staple",
        ["new_password"] = "a longer passphrase of mine",
        ["confirm_password"] = "a longer passphrase of mine",
        ["access_token"] = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIuLi4ifQ.c2lnbmF0dXJl",
        ["refresh_token"] = "rt_Zm9yIGV4YW1wbGUgb25seSwgbm90IGEgcmVhbCB0b2tlbg",
        ["token_type"] = "Bearer",
        ["expires_in"] = 900,
        ["refresh_expires_in"] = 604800,
        ["mfa_token"] = "eyJhbGciOiJIUzI1NiJ9.bWZh.c2lnbmF0dXJl",
        ["code"] = "123456",
        ["secret_key"] = "sk_live_0123456789abcdef0123456789abcdef1a2b3c4d",
        ["signing_secret"] = "whsec_Zm9yIGV4YW1wbGUgb25seQ",
        ["prefix"] = "sk_live_01234567",
        ["name"] = "Ada Lovelace",
        ["phone"] = "+14155550123",
        ["tag"] = "vip",
        ["tags"] = new JsonArray("vip", "newsletter"),
        ["audience_tags"] = new JsonArray("vip"),
        ["scopes"] = new JsonArray("contacts:read", "contacts:write"),
        ["events"] = new JsonArray("contact.created", "message.received"),
        ["url"] = "https://example.com/webhooks/boltly",
        ["body"] = "Hello {{name}}, your order has shipped.",
        ["language"] = "en",
        ["created_at"] = "2026-01-15T09:30:00+00:00",
        ["updated_at"] = "2026-01-15T09:45:00+00:00",
        ["expires_at"] = "2026-07-15T00:00:00+00:00",
        ["scheduled_at"] = "2026-02-01T08:00:00+00:00",
        ["has_more"] = true,
        ["next_cursor"] = "eyJpZCI6IjAxOTNhNWYyIn0",
        ["shared_key"] = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP",
        ["otpauth_uri"] = "otpauth://totp/Boltly%20Portal:ada%40example.com?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Boltly%20Portal&digits=6",
        ["recovery_codes_left"] = 10,
        ["enabled"] = true,
        ["reset_seconds"] = 42,
    };

    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        NarrowNumbers(schema);
        if (schema.Required is { Count: > 0 } required && context.JsonTypeInfo.Kind == JsonTypeInfoKind.Object)
            foreach (var property in context.JsonTypeInfo.Properties)
                if (!IsDeclaredRequired(property) && schema.Properties?.TryGetValue(property.Name, out var s) == true && AllowsNull(s))
                    required.Remove(property.Name);
        foreach (var (name, property) in schema.Properties ?? new Dictionary<string, IOpenApiSchema>())
        {
            if (property is not OpenApiSchema p) continue;
            NarrowNumbers(p);
            if (p.Examples is { Count: > 0 } || Example(name) is not { } example) continue;
            if (Fits(p, example)) p.Examples = [example.DeepClone()];
        }
        return Task.CompletedTask;
    }

    /// <summary>The example of a property by its name; a rate limit's figures are the per-key limit configured here.</summary>
    private JsonNode? Example(string name) => name switch
    {
        "limit" => limits.Value.ApiKeyPerWindow,
        "remaining" => limits.Value.ApiKeyPerWindow - 1,
        _ => Examples.GetValueOrDefault(name),
    };

    private static bool IsDeclaredRequired(JsonPropertyInfo property) =>
        property.IsRequired
        || property.AttributeProvider?.IsDefined(typeof(RequiredAttribute), inherit: true) == true
        || property.AssociatedParameter?.AttributeProvider?.IsDefined(typeof(RequiredAttribute), inherit: true) == true;

    private static bool AllowsNull(IOpenApiSchema schema) =>
        schema.Type?.HasFlag(JsonSchemaType.Null) == true || schema.OneOf?.Any(o => o.Type == JsonSchemaType.Null) == true;

    private static void NarrowNumbers(OpenApiSchema schema)
    {
        if (schema.Type is not { } type || !type.HasFlag(JsonSchemaType.String)) return;
        if (!type.HasFlag(JsonSchemaType.Integer) && !type.HasFlag(JsonSchemaType.Number)) return;
        schema.Type = type & ~JsonSchemaType.String;
        schema.Pattern = null;
    }

    /// <summary>An example only where it is of the property's type (the same name may differ between schemas).</summary>
    private static bool Fits(OpenApiSchema p, JsonNode example)
    {
        var type = p.Type ?? 0;
        if (p.Enum is { Count: > 0 }) return false;
        return example switch
        {
            JsonArray => type.HasFlag(JsonSchemaType.Array),
            JsonValue v when v.TryGetValue<string>(out var text) => type.HasFlag(JsonSchemaType.String)
                && (p.Format != "uuid" || Guid.TryParse(text, out _)) && (p.Format != "date-time" || DateTimeOffset.TryParse(text, out _))
                && (p.MaxLength is null || text.Length <= p.MaxLength) && (p.MinLength is null || text.Length >= p.MinLength),
            JsonValue v when v.TryGetValue<bool>(out _) => type.HasFlag(JsonSchemaType.Boolean),
            JsonValue => type.HasFlag(JsonSchemaType.Integer) || type.HasFlag(JsonSchemaType.Number),
            _ => false,
        };
    }
}
