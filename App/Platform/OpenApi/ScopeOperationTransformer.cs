using System.Text.Json.Nodes;
using Boltly.Platform.Idempotency;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Boltly.Platform.OpenApi;

/// <summary>
/// Per operation: who may call it, in prose (the description's first line) and machine-readable
/// (<c>x-boltly-scopes</c>, <c>x-boltly-session-only</c>, and the older <c>x-required-scope</c> /
/// <c>x-session-only</c>), the security schemes it accepts (none for sign-in: an explicit empty list),
/// and the Idempotency-Key header on idempotent POSTs.
/// </summary>
public sealed class ScopeOperationTransformer : IOpenApiOperationTransformer
{
    public const string ScopesExtension = "x-boltly-scopes";
    public const string SessionOnlyExtension = "x-boltly-session-only";

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var (scope, sessionOnly, anonymous, reauthentication) = OperationAccess.Of(context.Description);
        operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
        var document = context.Document;

        string access;
        if (scope is not null)
        {
            operation.Extensions["x-required-scope"] = new JsonNodeExtension(JsonValue.Create(scope));
            access = $"**Required scope:** `{scope}` (API keys need it; sessions act with every scope of their user).";
        }
        else if (sessionOnly)
        {
            operation.Extensions["x-session-only"] = new JsonNodeExtension(JsonValue.Create(true));
            access = "**Session only:** a JWT or dashboard session; an API key gets 403 SESSION_REQUIRED.";
        }
        else if (anonymous) access = "**No credential needed.**";
        else access = "**Any valid API key or session.**";
        if (reauthentication)
            access += " **Sensitive:** a session must have signed in or re-authenticated (`POST /v1/auth/reauthenticate`) within " +
                "the last 10 minutes, otherwise 403 REAUTHENTICATION_REQUIRED.";
        operation.Description = string.IsNullOrEmpty(operation.Description) ? access : $"{access}\n\n{operation.Description}";
        operation.Extensions[ScopesExtension] = new JsonNodeExtension(scope is null ? new JsonArray() : new JsonArray(scope));
        operation.Extensions[SessionOnlyExtension] = new JsonNodeExtension(JsonValue.Create(sessionOnly));

        // Sign-in needs no credential: an explicit empty requirement says so (and overrides any default).
        operation.Security = [];
        if (!anonymous)
        {
            if (!sessionOnly)
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BoltlyDocumentTransformer.ApiKeyScheme, document)] = [] });
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BoltlyDocumentTransformer.BearerScheme, document)] = [] });
        }

        var method = context.Description.HttpMethod ?? "";
        if (HttpMethods.IsPost(method) && metadata.OfType<IdempotentAttribute>().Any())
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = IdempotentAttribute.HeaderName,
                In = ParameterLocation.Header,
                Required = false,
                Description = "Makes a retry safe for 24 hours per API key or user: the same key and request return the first response " +
                    "(with Idempotent-Replayed: true) and create nothing; the same key with a different request is 409 IDEMPOTENCY_CONFLICT.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 255 },
                Example = JsonValue.Create("3f1c2d9e-6b7a-4c1e-9f0a-2b4d6e8f0a1c"),
            });
        }
        if (metadata.OfType<RefusesIdempotencyKeyAttribute>().FirstOrDefault() is { } refused)
        {
            operation.Description += $"\n\n**No `{IdempotentAttribute.HeaderName}`:** a request that sends it is refused with 400 VALIDATION_FAILED. {refused.Reason}";
            operation.Extensions["x-idempotency-key"] = new JsonNodeExtension(JsonValue.Create("refused"));
        }
        return Task.CompletedTask;
    }
}
