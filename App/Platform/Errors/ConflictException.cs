namespace Boltly.Platform.Errors;

/// <summary>A request that conflicts with the current state (409), with the contract's error code.</summary>
public class ConflictException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}
