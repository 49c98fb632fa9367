using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Boltly.Platform.OpenApi;

/// <summary>A shape marked with <see cref="DiscriminatorValueAttribute"/> always carries its discriminator:
/// the property is required and holds that one value, so the shapes of a <c>oneOf</c> exclude each other.</summary>
public sealed class DiscriminatorSchemaTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.JsonTypeInfo.Type.GetCustomAttribute<DiscriminatorValueAttribute>() is not { } mark) return Task.CompletedTask;
        if (schema.Properties?.TryGetValue(mark.Property, out var property) != true || property is not OpenApiSchema p)
            throw new InvalidOperationException($"{context.JsonTypeInfo.Type.Name} has no JSON property '{mark.Property}' to tell it apart.");
        p.Type = JsonSchemaType.String;
        p.Enum = [JsonValue.Create(mark.Value)];
        p.Description ??= $"Always `{mark.Value}` for this shape.";
        schema.Required ??= new HashSet<string>();
        schema.Required.Add(mark.Property);
        return Task.CompletedTask;
    }
}
