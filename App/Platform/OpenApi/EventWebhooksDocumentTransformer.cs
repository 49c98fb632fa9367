using System.Text.Json;
using System.Text.Json.Nodes;
using Boltly.Platform.Events;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace Boltly.Platform.OpenApi;

/// <summary>
/// The document's <c>webhooks</c> section (OpenAPI 3.1): one <c>POST</c> per registered event type
/// (<see cref="EventTypeCatalog"/>), whose body is <see cref="EventEnvelope{TData}"/> with that type's data, its schema
/// generated from the very types the outbox accepts, a component <c>{Type}Event</c> each, with the sample as example and
/// the signature headers as parameters (docs/webhooks.md).
/// </summary>
public sealed class EventWebhooksDocumentTransformer(EventTypeCatalog catalog, IOptions<Microsoft.AspNetCore.Mvc.JsonOptions> json)
    : IOpenApiDocumentTransformer
{
    private static readonly (string Name, string Description)[] Headers =
    [
        ("webhook-id", "Standard Webhooks: the event id (`evt_…`), the same on every attempt and redelivery."),
        ("webhook-timestamp", "Standard Webhooks: when this attempt was signed, in Unix seconds."),
        ("webhook-signature", "Standard Webhooks: `v1,<base64 HMAC-SHA256 of \"<webhook-id>.<webhook-timestamp>.<body>\">`, keyed with the " +
            "base64-decoded bytes after `whsec_`; several, space-separated, while a rotated secret overlaps."),
        ("Boltly-Signature", "`t=<unix seconds>,v1=<hex HMAC-SHA256 of \"<t>.<body>\">` keyed with the secret's UTF-8 bytes; one `v1` per " +
            "signing secret while a rotated secret overlaps."),
        ("Boltly-Event-Id", "The event id, as `webhook-id`."),
        ("Boltly-Event-Type", "The event type, as the body's `type`."),
    ];

    public async Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Webhooks ??= new Dictionary<string, IOpenApiPathItem>();
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        foreach (var type in catalog.All)
        {
            var sampleId = EventTypeCatalog.SampleEnvelope(type).Id;
            var schema = await context.GetOrCreateSchemaAsync(typeof(EventEnvelope<>).MakeGenericType(type.DataType), null, cancellationToken);
            schema.Description = type.Description;
            if (schema.Properties is { } properties)
            {
                properties["type"] = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [JsonValue.Create(type.Name)], Description = "The event type." };
                // The id is an event id, not a row's uuid (whose example the schema transformer gives every "id").
                properties["id"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.String, Pattern = "^evt_[0-9a-f]{32}$", Examples = [JsonValue.Create(sampleId)],
                    Description = "The event id: the same on every attempt and redelivery, also sent as `webhook-id`.",
                };
                // data refers to the component of its type: the one the endpoints returning that resource use.
                if (properties.TryGetValue("data", out var data))
                {
                    document.Components!.Schemas!.TryAdd(type.DataType.Name, data);
                    properties["data"] = new OpenApiSchemaReference(type.DataType.Name, document);
                }
            }
            var component = ComponentName(type.Name);
            document.AddComponent(component, schema);
            var sample = JsonSerializer.SerializeToNode(EventTypeCatalog.SampleEnvelope(type), json.Value.JsonSerializerOptions);
            var operation = new OpenApiOperation
            {
                OperationId = char.ToLowerInvariant(component[0]) + component[1..],
                Summary = type.Name,
                Description = type.Description + " Sent as a signed `POST` to every enabled subscription that asked for it.",
                Tags = new HashSet<OpenApiTagReference> { new(ApiTags.Webhooks, document) },
                Parameters = [.. Headers.Select(h => (IOpenApiParameter)new OpenApiParameter
                {
                    Name = h.Name, In = ParameterLocation.Header, Required = true, Description = h.Description,
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                })],
                RequestBody = new OpenApiRequestBody
                {
                    Required = true,
                    Description = "The event: verify the signature over these raw bytes before parsing them.",
                    Content = new Dictionary<string, OpenApiMediaType>
                    {
                        ["application/json"] = new() { Schema = new OpenApiSchemaReference(component, document), Example = sample },
                    },
                },
                Responses = new OpenApiResponses
                {
                    ["2XX"] = new OpenApiResponse { Description = "Received: any 2xx within 10 seconds is delivered." },
                    ["4XX"] = new OpenApiResponse { Description = "Not received: retried with backoff for 3 days (410 Gone disables the subscription at once)." },
                    ["5XX"] = new OpenApiResponse { Description = "Not received: retried with backoff for 3 days." },
                },
                Security = [],
            };
            document.Webhooks[type.Name] = new OpenApiPathItem
            {
                Operations = new Dictionary<HttpMethod, OpenApiOperation> { [HttpMethod.Post] = operation },
            };
        }
    }

    /// <summary><c>api_key.created</c> → <c>ApiKeyCreatedEvent</c>.</summary>
    public static string ComponentName(string eventType) =>
        string.Concat(eventType.Split('.', '_').Select(w => char.ToUpperInvariant(w[0]) + w[1..])) + "Event";
}
