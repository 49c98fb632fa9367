using System.Net.Mail;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Boltly.Platform.Errors;
using Boltly.Platform.Text;
namespace Boltly.Features.Contacts;

/// <summary>What a contact may hold: E.164 phone, a plausible email, short tags, a small flat attribute object.</summary>
public static partial class ContactRules
{
    public const int NameLength = 200;
    public const int EmailLength = 254;
    public const int MaxTags = 50;
    public const int MaxAttributes = 50;
    public const int AttributeKeyLength = 64;
    public const int AttributeValueLength = 1024;
    public const int AttributesBytes = 8192;

    [GeneratedRegex(@"^\+[1-9][0-9]{6,14}$")]
    private static partial Regex E164();

    [GeneratedRegex(@"^[a-z0-9][a-z0-9_\-:.]{0,63}$")]
    private static partial Regex TagShape();

    public static string? Phone(string? phone, ValidationErrors errors, string field = "phone")
    {
        var value = phone?.Trim();
        if (string.IsNullOrEmpty(value)) { errors.Add(field, "A phone number is required, in E.164 format (for example +14155550100)."); return null; }
        if (!E164().IsMatch(value)) { errors.Add(field, "The phone number must be in E.164 format: + then 7 to 15 digits, for example +14155550100."); return null; }
        return value;
    }

    /// <summary>Empty or whitespace means "no name".</summary>
    public static string? Name(string? name, ValidationErrors errors)
    {
        var value = name?.Trim();
        if (string.IsNullOrEmpty(value)) return null;
        if (value.Length > NameLength) errors.Add("name", $"The name can be at most {NameLength} characters.");
        else if (TextRules.NameProblem(value) is { } problem) errors.Add("name", problem);
        return value;
    }

    /// <summary>Empty or whitespace means "no email".</summary>
    public static string? Email(string? email, ValidationErrors errors)
    {
        var value = email?.Trim();
        if (string.IsNullOrEmpty(value)) return null;
        if (value.Length > EmailLength || !MailAddress.TryCreate(value, out var parsed) || parsed.Address != value
            || !value.Contains('@') || value.Split('@')[1] is not { Length: > 0 } domain || !domain.Contains('.'))
            errors.Add("email", "The email address is not valid.");
        return value;
    }

    public static string? Tag(string? tag, ValidationErrors errors, string field = "tag")
    {
        var value = tag?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(value) || !TagShape().IsMatch(value))
        {
            errors.Add(field, "A tag is 1 to 64 characters: letters, digits, '_', '-', ':' or '.', starting with a letter or digit.");
            return null;
        }
        return value;
    }

    public static string[] Tags(IReadOnlyList<string?>? tags, ValidationErrors errors, string field = "tags")
    {
        if (tags is null) return [];
        var result = new List<string>();
        for (var i = 0; i < tags.Count; i++)
            if (Tag(tags[i], errors, $"{field}[{i}]") is { } t && !result.Contains(t)) result.Add(t);
        if (result.Count > MaxTags) errors.Add(field, $"At most {MaxTags} tags.");
        return result.ToArray();
    }

    /// <summary>
    /// Merges <paramref name="changes"/> into <paramref name="current"/> (a JSON object text): a null
    /// value removes the key. The result must be flat (string, number or boolean values) and bounded.
    /// </summary>
    public static string Attributes(string current, JsonObject? changes, ValidationErrors errors)
    {
        if (changes is null) return current;
        var merged = JsonNode.Parse(current) as JsonObject ?? [];
        foreach (var (key, value) in changes)
        {
            var field = $"attributes.{key}";
            if (!TextRules.IsStorable(key))
            {
                errors.Add("attributes", TextRules.NulMessage);
                continue;
            }
            if (key.Length is 0 or > AttributeKeyLength || key.Any(char.IsControl))
            {
                errors.Add("attributes", $"Attribute names are 1 to {AttributeKeyLength} characters without control characters.");
                continue;
            }
            if (value is null) { merged.Remove(key); continue; }
            if (value is not JsonValue v || v.GetValueKind() is not (JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False))
            {
                errors.Add(field, "An attribute value is a string, a number or a boolean (no objects or arrays).");
                continue;
            }
            // Free-form JSON does not pass the API's string converter: U+0000 is refused here (jsonb cannot hold it).
            if (v.GetValueKind() == JsonValueKind.String && !TextRules.IsStorable(v.GetValue<string>()))
            {
                errors.Add(field, TextRules.NulMessage);
                continue;
            }
            if (v.GetValueKind() == JsonValueKind.String && v.GetValue<string>().Length > AttributeValueLength)
            {
                errors.Add(field, $"An attribute value can be at most {AttributeValueLength} characters.");
                continue;
            }
            merged[key] = value.DeepClone();
        }
        if (merged.Count > MaxAttributes) errors.Add("attributes", $"At most {MaxAttributes} attributes.");
        var text = merged.ToJsonString();
        if (System.Text.Encoding.UTF8.GetByteCount(text) > AttributesBytes) errors.Add("attributes", $"The attributes can be at most {AttributesBytes} bytes of JSON.");
        return text;
    }
}
