namespace Hounsfield.Dicom.Network;

/// <summary>Limits and per-association options for a <see cref="DicomListener"/>.</summary>
public sealed class DicomListenerOptions
{
    /// <summary>Options for each accepted association (timeouts, maximum PDU length).</summary>
    public AssociationOptions Association { get; set; } = new();

    /// <summary>Most associations at once across all ports; 0 = no limit. Default 200.</summary>
    public int MaxAssociations { get; set; } = 200;

    /// <summary>Most associations at once from one calling AE title; 0 = no limit.</summary>
    public int MaxAssociationsPerCallingAE { get; set; }

    /// <summary>Most associations at once from one remote IP address; 0 = no limit.</summary>
    public int MaxAssociationsPerHost { get; set; }

    /// <summary>Listen backlog. Default 128.</summary>
    public int Backlog { get; set; } = 128;
}
