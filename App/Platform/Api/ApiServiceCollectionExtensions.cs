using System.Text.Json;
using System.Text.Json.Serialization;
using Boltly.Platform.Errors;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace Boltly.Platform.Api;

public static class ApiServiceCollectionExtensions
{
    /// <summary>Controllers under /v1: snake_case JSON, the contract's validation errors.</summary>
    public static WebApplicationBuilder AddBoltlyApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ApiOptions>().BindConfiguration(ApiOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<PortalOptions>().BindConfiguration(PortalOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services
            .AddControllers(o =>
            {
                // Validation errors name the JSON field ("email"), not the C# property ("Email").
                o.ModelMetadataDetailsProviders.Add(new SystemTextJsonValidationMetadataProvider(JsonNamingPolicy.SnakeCaseLower));
                o.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true;
                o.Filters.Add<DomainExceptionFilter>();
                o.Filters.Add<StorableArgumentsFilter>();
            })
            .AddJsonOptions(o =>
            {
                o.JsonSerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
                o.JsonSerializerOptions.DictionaryKeyPolicy = null;
                o.JsonSerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
                o.JsonSerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
                // A field the endpoint does not know is refused, not dropped: a typo or a client newer than the
                // server must not pass silently (docs/security-http.md).
                o.JsonSerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
                o.JsonSerializerOptions.Converters.Add(new StorableStringConverter());
                o.AllowInputFormatterExceptionMessages = false;
            })
            // After the default provider, so the bench-only controllers it found can be taken out again.
            .ConfigureApplicationPartManager(m => m.FeatureProviders.Add(new BenchOnlyControllers(builder.Environment)))
            .ConfigureApiBehaviorOptions(o =>
            {
                // Bare client errors (415, 404 from NotFound()) get the contract's body from ApiErrorMiddleware.
                o.SuppressMapClientErrors = true;
                o.InvalidModelStateResponseFactory = context =>
                {
                    var details = new Dictionary<string, string[]>(StringComparer.Ordinal);
                    foreach (var (key, entry) in context.ModelState)
                    {
                        if (entry.Errors.Count == 0) continue;
                        foreach (var error in entry.Errors)
                        {
                            var (field, message) = error.Exception is JsonException json
                                ? JsonInputErrors.Describe(key, json)
                                : (FieldName(key), Message(key, error.ErrorMessage));
                            details[field] = details.TryGetValue(field, out var earlier) ? [.. earlier, message] : [message];
                        }
                    }
                    return new ObjectResult(new ApiError(ErrorCodes.ValidationFailed, "The request is not valid.", details))
                    {
                        StatusCode = StatusCodes.Status400BadRequest,
                        ContentTypes = { "application/json" },
                    };
                };
            });
        return builder;
    }

    private static string FieldName(string key)
    {
        var name = key.StartsWith("$.", StringComparison.Ordinal) ? key[2..] : key.TrimStart('$');
        if (name.Length == 0) return "body";
        return string.Join('.', name.Split('.').Select(part => JsonNamingPolicy.SnakeCaseLower.ConvertName(part)));
    }

    // DataAnnotations name the C# property ("The Email field is required."); say the JSON field instead.
    private static string Message(string key, string message)
    {
        if (string.IsNullOrEmpty(message)) return "The value is not valid.";
        var property = key.Split('.')[^1];
        return property.Length > 0 && !property.StartsWith('$')
            ? message.Replace($"The {property} field", $"The {FieldName(property)} field", StringComparison.Ordinal)
            : message;
    }
}
