namespace Boltly.Platform.Auth;

/// <summary>A requirement that knows the contract's error for its refusal.</summary>
public interface IApiRefusal
{
    string ErrorCode { get; }
    string Message { get; }
}
