using System.Text;
using System.Text.Json;
using Boltly.Platform.Events;

namespace Boltly.Features.Webhooks;

/// <summary>The body of a delivery: <see cref="EventEnvelope{TData}"/>, <c>{"id": "evt_…", "type", "created_at",
/// "account_id", "data": {…}}</c>. The property names are the record's (snake_case, as the API and the OpenAPI document
/// name them); <c>data</c> is written as stored, byte for byte.</summary>
public static class WebhookEnvelope
{
    private static readonly JsonEncodedText IdName = Name(nameof(EventEnvelope<object>.Id));
    private static readonly JsonEncodedText TypeName = Name(nameof(EventEnvelope<object>.Type));
    private static readonly JsonEncodedText CreatedAtName = Name(nameof(EventEnvelope<object>.CreatedAt));
    private static readonly JsonEncodedText AccountIdName = Name(nameof(EventEnvelope<object>.AccountId));
    private static readonly JsonEncodedText DataName = Name(nameof(EventEnvelope<object>.Data));

    public static byte[] Write(Guid eventId, string type, DateTimeOffset createdAt, Guid accountId, string data)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString(IdName, WebhookEvent.PublicId(eventId));
            json.WriteString(TypeName, type);
            json.WriteString(CreatedAtName, createdAt.ToUniversalTime());
            json.WriteString(AccountIdName, accountId);
            json.WritePropertyName(DataName);
            json.WriteRawValue(Encoding.UTF8.GetBytes(data));
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private static JsonEncodedText Name(string property) => JsonEncodedText.Encode(JsonNamingPolicy.SnakeCaseLower.ConvertName(property));
}
