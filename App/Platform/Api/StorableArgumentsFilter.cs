using System.Text.Json;
using Boltly.Platform.Errors;
using Boltly.Platform.Text;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Boltly.Platform.Api;

/// <summary>
/// Query and route values bound as strings (a search, a tag, a cursor) pass <see cref="TextRules.IsStorable"/>
/// too: a U+0000 there would reach PostgreSQL as a query parameter, which it refuses with an error.
/// JSON bodies are checked by <see cref="StorableStringConverter"/> while they are read.
/// </summary>
public sealed class StorableArgumentsFilter : IActionFilter
{
    public void OnActionExecuting(ActionExecutingContext context)
    {
        var errors = new ValidationErrors();
        foreach (var parameter in context.ActionDescriptor.Parameters)
        {
            if (context.ActionArguments.TryGetValue(parameter.Name, out var value) && value is string text && !TextRules.IsStorable(text))
                errors.Add(JsonNamingPolicy.SnakeCaseLower.ConvertName(parameter.BindingInfo?.BinderModelName ?? parameter.Name), TextRules.NulMessage);
        }
        errors.ThrowIfAny();
    }

    public void OnActionExecuted(ActionExecutedContext context) { }
}
