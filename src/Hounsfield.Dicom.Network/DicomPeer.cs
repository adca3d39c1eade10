using System.Globalization;

namespace Hounsfield.Dicom.Network;

/// <summary>A remote application entity written <c>AET@HOST:PORT</c> (IPv6 hosts in brackets: <c>AET@[::1]:104</c>).</summary>
public sealed record DicomPeer(string AETitle, string Host, int Port)
{
    /// <summary>Parses <c>AET@HOST:PORT</c>.</summary>
    /// <exception cref="FormatException">The text is not of that form, or the AE title or port is invalid.</exception>
    public static DicomPeer Parse(string text)
    {
        var at = text.LastIndexOf('@');
        var colon = text.LastIndexOf(':');
        if (at <= 0 || colon < at || colon == text.Length - 1)
            throw new FormatException($"'{text}' is not a peer: write AET@HOST:PORT, e.g. ORTHANC@localhost:4242");
        var aet = text[..at];
        var host = text[(at + 1)..colon].Trim('[', ']');
        if (!int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
            throw new FormatException($"'{text[(colon + 1)..]}' is not a TCP port");
        if (aet.Length > 16 || aet.Trim().Length == 0 || aet.Contains('\\') || aet.Any(char.IsControl))
            throw new FormatException($"'{aet}' is not an AE title: 1 to 16 characters, no backslash or control characters");
        if (host.Length == 0) throw new FormatException($"'{text}' names no host");
        return new DicomPeer(aet, host, port);
    }

    /// <summary><c>AET@HOST:PORT</c>.</summary>
    public override string ToString() => $"{AETitle}@{(Host.Contains(':') ? $"[{Host}]" : Host)}:{Port}";
}
