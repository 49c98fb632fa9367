using System.Net;
using Boltly.Platform.Auth;
using Boltly.Platform.Errors;

namespace Boltly.Features.ApiKeys;

/// <summary>A key used from an address outside its allowlist: 403 IP_NOT_ALLOWED, the message naming the address.</summary>
public sealed record IpNotAllowedRefusal(IPAddress? Address) : IApiRefusal
{
    public string ErrorCode => ErrorCodes.IpNotAllowed;

    public string Message => Address is null
        ? "This API key may be used only from the addresses in its allowlist, and this request's address is unknown."
        : $"This API key may not be used from {(Address.IsIPv4MappedToIPv6 ? Address.MapToIPv4() : Address)}: the address is not in its allowlist.";
}
