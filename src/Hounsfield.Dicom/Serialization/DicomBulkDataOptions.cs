namespace Hounsfield.Dicom.Serialization;

/// <summary>
/// How large values are referenced rather than written in place (PS3.18 F.2.6 BulkDataURI,
/// PS3.19 A.1.5 BulkData), and how such references are turned back into values when read.
/// </summary>
public sealed class DicomBulkDataOptions
{
    /// <summary>Writes every value in place and leaves every reference read as an unresolved marker.</summary>
    public static DicomBulkDataOptions Default { get; } = new();

    /// <summary>
    /// Values longer than this many bytes are offered to <see cref="UriFor"/>; shorter ones are
    /// always written in place. Default 64 KiB, the same as <see cref="DicomReadOptions.BulkDataThreshold"/>.
    /// </summary>
    public long Threshold { get; init; } = 64 * 1024;

    /// <summary>
    /// Writing: maps an element whose value is longer than <see cref="Threshold"/> and whose VR
    /// may be referenced (DS, FL, FD, IS, LT, OB, OD, OF, OL, OV, OW, SL, SS, ST, SV, UC, UL, UN,
    /// US, UT, UV) to the URI to write instead of the value; null keeps the value in place.
    /// Encapsulated pixel data counts with the total length of its fragments.
    /// </summary>
    public Func<DicomElement, string?>? UriFor { get; init; }

    /// <summary>
    /// Reading: turns a BulkDataURI into the element's value. Returning null (or giving no
    /// resolver) leaves a marker: a <see cref="DicomBulkData"/> whose
    /// <see cref="DicomBulkData.Source"/> is a <see cref="DicomBulkDataUriSource"/> naming the URI.
    /// <see cref="DicomBulkDataUri.ResolveFile"/> resolves the <c>file:</c> URIs our own writers make.
    /// </summary>
    public DicomBulkDataResolver? Resolver { get; init; }
}

/// <summary>Resolves a bulk data reference read from DICOM JSON or XML; null when it cannot.</summary>
public delegate DicomBulkData? DicomBulkDataResolver(DicomBulkDataReference reference);

/// <summary>A bulk data reference met while reading: the URI and the element it stands for.</summary>
/// <param name="Uri">The BulkDataURI; for a PS3.19 <c>BulkData uuid="…"</c>, <c>urn:uuid:…</c>.</param>
/// <param name="Tag">The element's tag (after private block assignment).</param>
/// <param name="VR">The element's VR.</param>
public readonly record struct DicomBulkDataReference(string Uri, DicomTag Tag, DicomVR VR);
