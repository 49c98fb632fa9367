using System.Text.Json;
using System.Text.RegularExpressions;

namespace Boltly.Platform.Api;

/// <summary>
/// What to tell the client about a body the serializer refused. The serializer's own messages name .NET
/// types, so they are never shown (AllowInputFormatterExceptionMessages is off); an unknown field and an
/// unstorable string get a sentence of ours naming the field.
/// </summary>
public static partial class JsonInputErrors
{
    /// <param name="path">The JSON path the serializer reported ("$.tags[1]"): the names as the client sent them.</param>
    public static (string Field, string Message) Describe(string path, JsonException exception)
    {
        var field = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        if (field.Length == 0) field = "body";
        if (exception is UnstorableTextException) return (field, exception.Message);
        if (UnmappedProperty().Match(exception.Message) is { Success: true } unknown)
        {
            var name = unknown.Groups[1].Value;
            // The path may stop at the enclosing object or already name the property.
            var named = field == "body" ? name : field.EndsWith(name, StringComparison.Ordinal) ? field : $"{field}.{name}";
            return (named, $"Unknown field \"{name}\": this endpoint does not accept it.");
        }
        return (field, "The value is not valid.");
    }

    // System.Text.Json's UnmappedMemberHandling.Disallow message (its runtime resources are English only).
    [GeneratedRegex("^The JSON property '(.*)' could not be mapped to any \\.NET member")]
    private static partial Regex UnmappedProperty();
}
