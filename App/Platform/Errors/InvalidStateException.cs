namespace Boltly.Platform.Errors;

/// <summary>The resource is not in a state that allows the operation (409 INVALID_STATE), e.g. sending a broadcast twice.</summary>
public sealed class InvalidStateException(string message) : Exception(message);
