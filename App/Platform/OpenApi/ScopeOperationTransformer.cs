using System.Text.Json.Nodes;
using Boltly.Platform.Auth;
using Boltly.Platform.Idempotency;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Boltly.Platform.OpenApi;

/// <summary>
/// Per operation: the scope it requires (<c>x-required-scope</c> and a line in the description), the
/// security schemes it accepts, its error responses, and the Idempotency-Key header on idempotent POSTs.
/// </summary>
public sealed class ScopeOperationTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var scope = metadata.OfType<RequireScopeAttribute>().Select(a => a.Scope).LastOrDefault();
        var sessionOnly = metadata.OfType<SessionOnlyAttribute>().Any();
        var anonymous = metadata.OfType<IAllowAnonymous>().Any();
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
        operation.Description = string.IsNullOrEmpty(operation.Description) ? access : $"{access}\n\n{operation.Description}";

        if (!anonymous)
        {
            operation.Security ??= [];
            if (!sessionOnly)
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BoltlyDocumentTransformer.ApiKeyScheme, document)] = [] });
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BoltlyDocumentTransformer.BearerScheme, document)] = [] });
        }

        operation.Responses ??= new OpenApiResponses();
        var method = context.Description.HttpMethod ?? "";
        var path = context.Description.RelativePath ?? "";
        var hasBodyOrQuery = context.Description.ParameterDescriptions.Any(p => p.Source.Id is "Body" or "Query");
        if (hasBodyOrQuery || metadata.OfType<IdempotentAttribute>().Any()) AddError(operation, document, "400", "VALIDATION_FAILED: a malformed body, a bad field, cursor or limit; `details` names each field.");
        if (!anonymous)
        {
            AddError(operation, document, "401", "UNAUTHORIZED: a missing, malformed, unknown, expired or revoked credential.");
            AddError(operation, document, "403", scope is not null ? $"INSUFFICIENT_SCOPE: the API key lacks `{scope}`." : sessionOnly ? "SESSION_REQUIRED: an API key was used." : "Forbidden.");
            AddError(operation, document, "429", "RATE_LIMIT_EXCEEDED: see Retry-After and the X-RateLimit-* headers.");
        }
        if (path.Contains('{')) AddError(operation, document, "404", "NOT_FOUND: no such resource in the caller's account (another account's id answers the same).");

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
            });
            AddError(operation, document, "409", "IDEMPOTENCY_CONFLICT (or the endpoint's own conflict, see the codes above).");
        }
        if (metadata.OfType<RefusesIdempotencyKeyAttribute>().FirstOrDefault() is { } refused)
        {
            operation.Description += $"\n\n**No `{IdempotentAttribute.HeaderName}`:** a request that sends it is refused with 400 VALIDATION_FAILED. {refused.Reason}";
            operation.Extensions["x-idempotency-key"] = new JsonNodeExtension(JsonValue.Create("refused"));
        }
        return Task.CompletedTask;
    }

    private static void AddError(OpenApiOperation operation, OpenApiDocument? document, string status, string description)
    {
        if (operation.Responses!.ContainsKey(status)) return;
        operation.Responses[status] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/json"] = new() { Schema = new OpenApiSchemaReference(BoltlyDocumentTransformer.ErrorSchema, document) },
            },
        };
    }
}
