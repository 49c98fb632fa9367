using System.Text.Json;
using System.Text.Json.Serialization;
using Boltly.Platform.Text;

namespace Boltly.Platform.Api;

/// <summary>
/// Every JSON string a controller binds, property names included, passes <see cref="TextRules.IsStorable"/>:
/// a U+0000 anywhere is a 400 naming the field (the serializer adds the path), never a 500 from PostgreSQL.
/// Free-form JSON (<c>JsonObject</c>) does not go through here; its owner checks it.
/// </summary>
public sealed class StorableStringConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Checked(reader.GetString());

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Checked(reader.GetString())!;

    public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
        writer.WritePropertyName(value);

    private static string? Checked(string? value) => TextRules.IsStorable(value) ? value : throw new UnstorableTextException();
}

/// <summary>A JSON string holding U+0000; its message is safe to show.</summary>
public sealed class UnstorableTextException() : JsonException(TextRules.NulMessage);
