using System.Reflection;
using System.Text.Json.Nodes;
using Boltly.Platform.Errors;
using Boltly.Platform.Http;
using Boltly.Platform.Idempotency;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Boltly.Platform.OpenApi;

/// <summary>
/// Per operation: the operationId of aliased routes (<see cref="OperationIdAttribute"/>), one response
/// schema for a status with several shapes (<c>oneOf</c> with a discriminator), every error response it can
/// give as <c>ApiError</c> with an example, and the rate-limit headers on the responses that carry them
/// (docs/openapi.md).
/// </summary>
public sealed class ResponseOperationTransformer(IEnumerable<DocumentedConflict> featureConflicts) : IOpenApiOperationTransformer
{
    // The features' own first (their text follows their configuration), then the platform's; invalid_state, the
    // fallback, stays last.
    private readonly (string Name, string Code, string Message, JsonObject? Details)[] _conflicts =
        [.. featureConflicts.Select(c => (c.Name, c.Code, c.Message, (JsonObject?)null)), .. Conflicts];

    private readonly Dictionary<string, string> _conflictMeaning = featureConflicts
        .Aggregate(new Dictionary<string, string>(ConflictMeaning, StringComparer.Ordinal), (all, c) => { all[c.Code] = c.Meaning; return all; });

    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var description = context.Description;
        var document = context.Document!;
        var metadata = description.ActionDescriptor.EndpointMetadata;
        var access = OperationAccess.Of(description);
        operation.OperationId ??= AliasedOperationId(description);
        operation.Responses ??= new OpenApiResponses();
        await DescribeShapesAsync(operation, context, document, cancellationToken);

        var hasBody = description.ParameterDescriptions.Any(p => p.Source == BindingSource.Body);
        var hasQuery = description.ParameterDescriptions.Any(p => p.Source == BindingSource.Query);
        var idempotent = HttpMethods.IsPost(description.HttpMethod ?? "") && metadata.OfType<IdempotentAttribute>().Any();
        var declared = operation.Responses.Keys.ToHashSet(StringComparer.Ordinal);
        var isApi = (description.RelativePath ?? "").StartsWith("v1/", StringComparison.Ordinal);

        if (hasBody || hasQuery || idempotent || declared.Contains("400"))
            Error(operation, "400", "VALIDATION_FAILED: a malformed body, a bad field, cursor or limit; `details` names each field.",
                ("validation_failed", ErrorCodes.ValidationFailed, "The request is not valid.", new JsonObject { ["name"] = new JsonArray("The name field is required.") }));
        if (!access.Anonymous)
            Error(operation, "401", "UNAUTHORIZED: a missing, malformed, unknown, expired or revoked credential, or two different credentials.",
                ("unauthorized", ErrorCodes.Unauthorized, ErrorCodes.AuthenticationRequiredMessage, null));
        else if (metadata.OfType<DocumentedUnauthorizedAttribute>().FirstOrDefault() is { } own)
            Error(operation, "401", own.Description, ("unauthorized", ErrorCodes.Unauthorized, own.Message, null));
        else if (declared.Contains("401") && TakesRefreshToken(description))
            Error(operation, "401", "UNAUTHORIZED: the refresh token is invalid, expired or already used (a reused one revokes its whole family).",
                ("unauthorized", ErrorCodes.Unauthorized, "The refresh token is invalid, expired or already used.", null));
        else if (declared.Contains("401"))
            Error(operation, "401", "INVALID_CREDENTIALS: sign-in failed; the answer never says whether the email exists or which part was wrong.",
                ("invalid_credentials", ErrorCodes.InvalidCredentials, ErrorCodes.InvalidCredentialsMessage, null));
        var forbidden = new List<(string Text, (string Name, string Code, string Message, JsonObject? Details) Example)>();
        if (access.Scope is { } scope)
            forbidden.Add(($"INSUFFICIENT_SCOPE: the API key lacks `{scope}`.",
                ("insufficient_scope", ErrorCodes.InsufficientScope, $"This API key lacks the scope {scope}.", null)));
        else if (access.SessionOnly)
            forbidden.Add(("SESSION_REQUIRED: an API key was used; this operation needs a JWT or dashboard session.",
                ("session_required", ErrorCodes.SessionRequired, ErrorCodes.SessionRequiredMessage, null)));
        // Always for a sudo action; for one that asks only in some cases, when it declares a 403 and its description names the code.
        if (access.Reauthentication || (declared.Contains("403")
                && (operation.Description ?? "").Contains(ErrorCodes.ReauthenticationRequired, StringComparison.Ordinal)))
            forbidden.Add(("REAUTHENTICATION_REQUIRED: the session has not signed in or re-authenticated (POST /v1/auth/reauthenticate) recently enough.",
                ("reauthentication_required", ErrorCodes.ReauthenticationRequired, ErrorCodes.ReauthenticationRequiredMessage, null)));
        if (forbidden.Count > 0)
            Error(operation, "403", string.Join(" ", forbidden.Select(f => f.Text)), [.. forbidden.Select(f => f.Example)]);
        if ((description.RelativePath ?? "").Contains('{') || declared.Contains("404"))
            Error(operation, "404", "NOT_FOUND: no such resource in the caller's account (another account's id answers the same).",
                ("not_found", ErrorCodes.NotFound, "No such resource.", null));
        if (idempotent || declared.Contains("409"))
        {
            // The operation's own conflicts are the ones its description names.
            List<(string Name, string Code, string Message, JsonObject? Details)> own = declared.Contains("409")
                ? _conflicts.Where(c => (operation.Description ?? "").Contains(c.Code, StringComparison.Ordinal)).DefaultIfEmpty(_conflicts[^1]).ToList()
                : [];
            if (idempotent) own.Add(("idempotency_conflict", ErrorCodes.IdempotencyConflict, "This Idempotency-Key was used with a different request.", null));
            Error(operation, "409", string.Join("; ", own.Select(c => $"{c.Code}: {_conflictMeaning[c.Code]}")) + ".", [.. own]);
        }
        if (hasBody || declared.Contains("413"))
            Error(operation, "413", "PAYLOAD_TOO_LARGE: the body is over the configured limit (64 KiB by default).",
                ("payload_too_large", ErrorCodes.PayloadTooLarge, "The request body is over the limit of 65536 bytes.", null));
        if (access.RateLimited || declared.Contains("429"))
            Error(operation, "429", access.RateLimited
                    ? "RATE_LIMIT_EXCEEDED: the credential's budget for this window is spent; retry after `Retry-After` seconds."
                    : "RATE_LIMIT_EXCEEDED: too many requests of this kind (sign-in attempts, mail, reports) from this client address; retry after `Retry-After` seconds.",
                ("rate_limit_exceeded", ErrorCodes.RateLimitExceeded, "Rate limit exceeded, retry in 42 seconds", null));
        Error(operation, "503", "SERVICE_UNAVAILABLE: the database is unreachable; try again shortly.",
            ("service_unavailable", ErrorCodes.ServiceUnavailable, "The database is unavailable. Try again shortly.", null));

        foreach (var (status, response) in operation.Responses)
        {
            if (response is not OpenApiResponse r) continue;
            r.Headers ??= new Dictionary<string, IOpenApiHeader>();
            // Every counted response carries the limit headers; a refused credential (401) is not counted.
            if (access.RateLimited && status != "401")
                foreach (var name in RateLimitHeaders.Counted) r.Headers[name] = new OpenApiHeaderReference(name, document);
            if (status == "429") r.Headers[RateLimitHeaders.RetryAfter] = new OpenApiHeaderReference(RateLimitHeaders.RetryAfter, document);
            if (isApi) r.Headers[RequestIds.Header] = new OpenApiHeaderReference(RequestIds.Header, document);
        }
    }

    private static readonly (string Name, string Code, string Message, JsonObject? Details)[] Conflicts =
    [
        ("contact_exists", ErrorCodes.ContactExists, "A contact with this phone number already exists.", null),
        ("template_exists", ErrorCodes.TemplateExists, "A template with this name and language already exists.", null),
        ("invalid_state", ErrorCodes.InvalidState, "The resource's state does not allow this operation.", null),
    ];

    private static readonly Dictionary<string, string> ConflictMeaning = new(StringComparer.Ordinal)
    {
        [ErrorCodes.ContactExists] = "a contact with that phone number exists in the account",
        [ErrorCodes.TemplateExists] = "a template with that name and language exists",
        [ErrorCodes.InvalidState] = "the resource's state forbids the operation",
        [ErrorCodes.IdempotencyConflict] = "the Idempotency-Key was used with a different request",
    };

    private static bool TakesRefreshToken(ApiDescription description) =>
        description.ParameterDescriptions.Any(p => p.Source == BindingSource.Body && p.Type?.GetProperty("RefreshToken") is not null);

    /// <summary>An error response with the contract's body and a named example for each code it can carry.</summary>
    private static void Error(OpenApiOperation operation, string status, string description, params (string Name, string Code, string Message, JsonObject? Details)[] examples)
    {
        var media = new OpenApiMediaType
        {
            Schema = new OpenApiSchemaReference(BoltlyDocumentTransformer.ErrorSchema),
            Examples = new Dictionary<string, IOpenApiExample>(),
        };
        foreach (var (name, code, message, details) in examples)
        {
            var body = new JsonObject { ["error"] = code, ["message"] = message };
            if (details is not null) body["details"] = details;
            media.Examples[name] = new OpenApiExample { Summary = code, Value = body };
        }
        operation.Responses![status] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = media },
        };
    }

    /// <summary>For a status declared with several types that carry <see cref="DiscriminatorValueAttribute"/>:
    /// a component <c>{OperationId}Response</c>, <c>oneOf</c> those types with a discriminator mapping.</summary>
    private static async Task DescribeShapesAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, OpenApiDocument document,
        CancellationToken ct)
    {
        var byStatus = context.Description.ActionDescriptor.EndpointMetadata.OfType<ProducesResponseTypeAttribute>()
            .Where(p => p.Type != typeof(void))
            .GroupBy(p => p.StatusCode)
            .Where(g => g.Select(p => p.Type).Distinct().Count() > 1);
        foreach (var group in byStatus)
        {
            var shapes = group.Select(p => p.Type).Distinct().ToList();
            var marks = shapes.Select(t => (Type: t, Mark: t.GetCustomAttribute<DiscriminatorValueAttribute>())).ToList();
            if (marks.Any(m => m.Mark is null) || marks.Select(m => m.Mark!.Property).Distinct().Count() != 1)
                throw new InvalidOperationException($"{context.Description.RelativePath}: the {group.Key} shapes {string.Join(", ", shapes.Select(t => t.Name))} " +
                    $"each need a [{nameof(DiscriminatorValueAttribute)}] with one property name.");
            var property = marks[0].Mark!.Property;
            var oneOf = new List<IOpenApiSchema>();
            var mapping = new Dictionary<string, OpenApiSchemaReference>();
            foreach (var (type, mark) in marks)
            {
                // DiscriminatorSchemaTransformer makes the property required with its one value.
                document.AddComponent(type.Name, await context.GetOrCreateSchemaAsync(type, null, ct));
                oneOf.Add(new OpenApiSchemaReference(type.Name, document));
                mapping[mark!.Value] = new OpenApiSchemaReference(type.Name, document);
            }
            var name = char.ToUpperInvariant(operation.OperationId![0]) + operation.OperationId[1..] + "Response";
            document.AddComponent(name, new OpenApiSchema
            {
                Description = $"One of {string.Join(" or ", marks.Select(m => $"`{m.Mark!.Value}`"))}, told apart by `{property}`.",
                OneOf = oneOf,
                Discriminator = new OpenApiDiscriminator { PropertyName = property, Mapping = mapping },
            });
            var status = group.Key.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (operation.Responses![status] is OpenApiResponse response && response.Content?.TryGetValue("application/json", out var media) == true)
                media.Schema = new OpenApiSchemaReference(name, document);
        }
    }

    /// <summary><see cref="OperationIdAttribute"/>: the controller's first route is canonical; an alias route's id says so.</summary>
    private static string? AliasedOperationId(ApiDescription description)
    {
        if (description.ActionDescriptor.EndpointMetadata.OfType<OperationIdAttribute>().LastOrDefault() is not { } id) return null;
        if (description.ActionDescriptor is not ControllerActionDescriptor action) return id.Id;
        var canonical = action.ControllerTypeInfo.GetCustomAttributes<RouteAttribute>(inherit: false).FirstOrDefault()?.Template;
        var path = description.RelativePath ?? "";
        return canonical is null || path == canonical || path.StartsWith(canonical + "/", StringComparison.Ordinal) ? id.Id : id.Id + OperationIdAttribute.AliasSuffix;
    }
}
