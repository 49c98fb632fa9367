using System.Text.Json.Serialization;

namespace Boltly.Platform.Errors;

/// <summary>The contract's error body: <c>{"error": "CODE", "message": "…", "details"?: {field: [messages]}}</c>.</summary>
public sealed record ApiError(
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("details"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    IReadOnlyDictionary<string, string[]>? Details = null);
