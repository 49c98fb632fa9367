namespace Boltly.Features.Templates;

public sealed record NewTemplate(string? Name, string? Language, string? Category, string? Body);
