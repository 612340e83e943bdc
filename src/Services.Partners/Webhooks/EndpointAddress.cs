using System.Net;
using System.Net.Sockets;
using Community.ServiceDefaults.Http;

namespace Community.Services.Partners.Webhooks;

/// <summary>
/// Where the platform may send a webhook: an absolute HTTPS URL on a public address. A private, loopback or link-local
/// address (or a name that resolves to one) would let a partner make the platform call into its own network, so it is
/// refused — when the endpoint is registered and again when each connection is made — except in local mode.
/// </summary>
public static class EndpointAddress
{
    /// <summary>Why the URL cannot be an endpoint, or null when it can (the name still has to resolve to public addresses).</summary>
    public static string? Problem(string url, bool localMode)
    {
        if (FieldErrors.HasControlCharacters(url) || url.Any(char.IsWhiteSpace))
        {
            return "must not contain spaces or control characters.";
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
        {
            return "must be an absolute https:// URL.";
        }

        if (uri.Scheme == "http" && !localMode)
        {
            return "must use https.";
        }

        if (!string.IsNullOrEmpty(uri.UserInfo) || !string.IsNullOrEmpty(uri.Fragment))
        {
            return "must not carry a user name, password or fragment.";
        }

        if (!localMode && (uri.IsLoopback || uri.Host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase) || !uri.Host.Contains('.', StringComparison.Ordinal) && uri.HostNameType == UriHostNameType.Dns))
        {
            return "must name a public host.";
        }

        if (!localMode && IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && !IsPublic(address))
        {
            return "must not point at a private, loopback or link-local address.";
        }

        return null;
    }

    /// <summary>Resolves the URL's host and checks every address it has (a name with one private address is refused).</summary>
    public static async Task<string?> ResolveProblemAsync(string url, bool localMode, CancellationToken cancellationToken)
    {
        if (Problem(url, localMode) is { } problem)
        {
            return problem;
        }

        if (localMode)
        {
            return null;
        }

        var host = new Uri(url).IdnHost;
        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
        }
        catch (SocketException)
        {
            return "names a host that does not resolve.";
        }

        return addresses.Length == 0 ? "names a host that does not resolve."
            : addresses.All(IsPublic) ? null
            : "resolves to a private, loopback or link-local address.";
    }

    private static readonly byte[] Nat64Prefix = [0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0];

    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.Broadcast))
        {
            return false;
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var bytes = address.GetAddressBytes();
            // 64:ff9b::/96 carries an IPv4 address (NAT64): judge that one.
            if (bytes[..12].SequenceEqual(Nat64Prefix))
            {
                return IsPublic(new IPAddress(bytes[12..]));
            }

            return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || (bytes[0] & 0xFE) == 0xFC);
        }

        var b = address.GetAddressBytes();
        return !(b[0] == 10 || b[0] == 0 || b[0] == 127
            || (b[0] == 172 && b[1] is >= 16 and <= 31)
            || (b[0] == 192 && b[1] == 168)
            || (b[0] == 169 && b[1] == 254)
            || (b[0] == 100 && b[1] is >= 64 and <= 127)
            || (b[0] == 198 && b[1] is 18 or 19)
            || b[0] >= 224);
    }
}
