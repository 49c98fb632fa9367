using System.Text;
using System.Text.Json;

namespace Boltly.Features.Webhooks;

/// <summary>The body of a delivery: <c>{"id": "evt_…", "type", "created_at", "account_id", "data": {…}}</c>.</summary>
public static class WebhookEnvelope
{
    public static byte[] Write(Guid eventId, string type, DateTimeOffset createdAt, Guid accountId, string data)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("id", WebhookEvent.PublicId(eventId));
            json.WriteString("type", type);
            json.WriteString("created_at", createdAt.ToUniversalTime());
            json.WriteString("account_id", accountId);
            json.WritePropertyName("data");
            json.WriteRawValue(Encoding.UTF8.GetBytes(data));
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }
}
