namespace Boltly.Platform.OpenApi;

/// <summary>
/// A 409 a feature answers, as the OpenAPI document shows it: the example body and what the code means. A feature
/// registers one when the text depends on its configuration (ApiKeys: the key limit), so the document says what the
/// running portal does; Platform does not know the feature.
/// </summary>
/// <param name="Name">The example's name.</param>
/// <param name="Code">The error code (<c>Platform/Errors/ErrorCodes</c>); an operation lists it when its description names it.</param>
/// <param name="Message">The example's message, as the API writes it.</param>
/// <param name="Meaning">The code's meaning in the response's description.</param>
public sealed record DocumentedConflict(string Name, string Code, string Message, string Meaning);
