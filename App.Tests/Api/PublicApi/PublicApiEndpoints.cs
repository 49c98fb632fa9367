namespace Boltly.Tests.Api.PublicApi;

/// <summary>Every public API endpoint with the scope docs/authorization.md gives it, and a valid body, for the scope and isolation matrices.</summary>
public static class PublicApiEndpoints
{
    public sealed record Ids(string Contact, string Conversation, string Template, string Broadcast, string Webhook);

    public sealed record Endpoint(string Method, string Path, string Scope, Func<Ids, object?>? Body = null)
    {
        public string PathFor(Ids ids) => Path.Replace("{contact}", ids.Contact).Replace("{conversation}", ids.Conversation)
            .Replace("{template}", ids.Template).Replace("{broadcast}", ids.Broadcast).Replace("{webhook}", ids.Webhook);
        public override string ToString() => $"{Method} {Path}";
    }

    public static readonly IReadOnlyList<Endpoint> All =
    [
        new("GET", "/v1/contacts", "contacts:read"),
        new("GET", "/v1/contacts/{contact}", "contacts:read"),
        new("POST", "/v1/contacts", "contacts:write", _ => new { phone = PublicApiClient.Phone() }),
        new("PATCH", "/v1/contacts/{contact}", "contacts:write", _ => new { name = "Changed" }),
        new("DELETE", "/v1/contacts/{contact}", "contacts:manage"),
        new("POST", "/v1/contacts/{contact}/tags", "contacts:manage", _ => new { tag = "changed" }),
        new("DELETE", "/v1/contacts/{contact}/tags/vip", "contacts:manage"),
        new("GET", "/v1/conversations", "inbox:read"),
        new("POST", "/v1/conversations", "inbox:write", ids => new { contact_id = ids.Contact }),
        new("GET", "/v1/conversations/{conversation}", "inbox:read"),
        new("GET", "/v1/conversations/{conversation}/messages", "inbox:read"),
        new("POST", "/v1/conversations/{conversation}/messages", "inbox:write", _ => new { body = "Changed" }),
        new("PATCH", "/v1/conversations/{conversation}", "inbox:write", _ => new { status = "closed" }),
        new("GET", "/v1/messages", "inbox:read"),
        new("GET", "/v1/broadcasts", "broadcasts:read"),
        new("GET", "/v1/broadcasts/{broadcast}", "broadcasts:read"),
        new("GET", "/v1/broadcasts/{broadcast}/metrics", "broadcasts:read"),
        new("POST", "/v1/broadcasts", "broadcasts:create", ids => new { name = "b", template_id = ids.Template, audience_tags = new[] { "vip" }, variables = new[] { "a", "b" } }),
        new("POST", "/v1/broadcasts/{broadcast}/send", "broadcasts:send"),
        new("POST", "/v1/broadcasts/{broadcast}/retry", "broadcasts:send"),
        new("GET", "/v1/templates", "templates:read"),
        new("GET", "/v1/templates/{template}", "templates:read"),
        new("POST", "/v1/templates", "templates:create", _ => new { name = "t_" + Guid.NewGuid().ToString("N")[..8], language = "en", category = "utility", body = "Hi" }),
        new("POST", "/v1/templates/{template}/submit", "templates:create"),
        new("DELETE", "/v1/templates/{template}", "templates:manage"),
        new("GET", "/v1/developer-access/scopes", "tokens:read"),
        new("GET", "/v1/developer-access/webhooks", "tokens:read"),
        new("POST", "/v1/developer-access/webhooks", "tokens:create", _ => new { url = "https://hooks.example.com/boltly" }),
        new("POST", "/v1/developer-access/webhooks/{webhook}/rotate-secret", "tokens:create", _ => new { overlap_seconds = 60 }),
        new("POST", "/v1/developer-access/webhooks/{webhook}/redeliver", "tokens:create", _ => new { since = DateTimeOffset.UtcNow.AddHours(-1) }),
        new("GET", "/v1/developer-access/webhook-events", "tokens:read"),
        new("DELETE", "/v1/developer-access/webhooks/{webhook}", "tokens:create"),
    ];

    /// <summary>A contact tagged vip with a conversation and a message, a submitted template, a draft broadcast to vip, and a webhook subscription.</summary>
    public static async Task<Ids> SeedAsync(PublicApiClient api)
    {
        var contact = await api.CreateContactAsync(PublicApiClient.Phone(), "vip");
        var conversation = await api.StartConversationAsync(contact);
        await api.OkJsonAsync(HttpMethod.Post, $"/v1/conversations/{conversation}/messages", new { body = "Hello" }, expected: System.Net.HttpStatusCode.Created);
        var template = await api.CreateTemplateAsync("welcome", submit: true);
        var broadcast = await api.CreateBroadcastAsync(template, "vip");
        var webhook = (string)(await api.OkJsonAsync(HttpMethod.Post, "/v1/developer-access/webhooks", new { url = "https://hooks.example.com/seed" },
            expected: System.Net.HttpStatusCode.Created))["id"]!;
        return new Ids(contact, conversation, template, broadcast, webhook);
    }
}
