using Boltly.Platform.RateLimiting;
using Microsoft.OpenApi;

namespace Boltly.Platform.OpenApi;

/// <summary>The rate-limit headers of every counted /v1 response (Platform/RateLimiting), as document
/// components the responses refer to.</summary>
internal static class RateLimitHeaders
{
    public const string RetryAfter = "Retry-After";
    public static readonly string[] Counted = ["X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset", "RateLimit-Policy", "RateLimit"];

    public static IEnumerable<(string Name, OpenApiHeader Header)> Components()
    {
        yield return ("X-RateLimit-Limit", Integer("Requests allowed in the window for this credential (120 a minute per API key by default).", 120));
        yield return ("X-RateLimit-Remaining", Integer("Requests left in the current window.", 119));
        yield return ("X-RateLimit-Reset", Integer("Whole seconds until the window resets.", 42));
        yield return ("RateLimit-Policy", Text("The policy, as in the IETF draft draft-ietf-httpapi-ratelimit-headers: quota q per window w seconds.", $"\"{RateLimitPolicy.ApiKey}\";q=120;w=60"));
        yield return ("RateLimit", Text("The current state, as in the IETF draft: r requests remaining, t seconds until the reset.", $"\"{RateLimitPolicy.ApiKey}\";r=119;t=42"));
        yield return (RetryAfter, Integer("Seconds to wait before retrying.", 42));
    }

    private static OpenApiHeader Integer(string description, int example) => new()
    {
        Description = description,
        Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "0" },
        Example = System.Text.Json.Nodes.JsonValue.Create(example),
    };

    private static OpenApiHeader Text(string description, string example) => new()
    {
        Description = description,
        Schema = new OpenApiSchema { Type = JsonSchemaType.String },
        Example = System.Text.Json.Nodes.JsonValue.Create(example),
    };
}
