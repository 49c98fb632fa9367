namespace Boltly.Tests.Infrastructure;

/// <summary>
/// Tests that run external tools (Redocly, Kiota, a <c>dotnet build</c> of a generated client) run
/// alone: a build takes both cores of the machine for a minute, and tests beside it that count seconds
/// of wall time (a token one second before its expiry) would then fail for no fault of the code.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ExternalBuilds
{
    public const string Name = "External builds";
}
