using System.Net;
using System.Net.Sockets;

namespace Boltly.Features.Sessions;

/// <summary>
/// The network a client address belongs to, as the new-sign-in rule compares them (docs/sessions.md): its IPv4 /24 or
/// IPv6 /48 by default (<see cref="SessionOptions"/>), written as a prefix such as <c>203.0.113.0/24</c>. An IPv4 address
/// mapped into IPv6 is its IPv4 network.
/// </summary>
public static class ClientNetwork
{
    /// <summary>The network of <paramref name="address"/>, or null when it is not an IP address.</summary>
    public static string? Of(string? address, int ipv4PrefixLength, int ipv6PrefixLength)
    {
        if (!IPAddress.TryParse(address, out var ip)) return null;
        if (ip.IsIPv4MappedToIPv6) ip = ip.MapToIPv4();
        var length = ip.AddressFamily == AddressFamily.InterNetwork ? ipv4PrefixLength : ipv6PrefixLength;
        var bytes = ip.GetAddressBytes();
        for (var bit = length; bit < bytes.Length * 8; bit++) bytes[bit / 8] &= (byte)~(0x80 >> (bit % 8));
        return $"{new IPAddress(bytes)}/{length}";
    }
}
