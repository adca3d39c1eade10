using Hounsfield.Archive.Access;

namespace Hounsfield.Archive.Configuration;

/// <summary>A known remote application entity: where it listens and what it may do with us.</summary>
public sealed class RemoteAEOptions
{
    /// <summary>Its AE title when it differs from the entry's name (the name is what C-MOVE requests give as destination).</summary>
    public string? AETitle { get; set; }

    /// <summary>Host name or address.</summary>
    public string Host { get; set; } = "";

    /// <summary>Its DICOM port.</summary>
    public int Port { get; set; }

    /// <summary>Reach it over TLS (with our certificate from <see cref="NetworkOptions.Tls"/> and its trusted CAs).</summary>
    public bool Tls { get; set; }

    /// <summary>May it be the destination of a C-MOVE (default true)?</summary>
    public bool MoveDestination { get; set; } = true;

    /// <summary>Services it may use when calling us; null leaves the decision to <see cref="AccessOptions.DefaultServices"/>.</summary>
    public List<ArchiveService>? Services { get; set; }
}
