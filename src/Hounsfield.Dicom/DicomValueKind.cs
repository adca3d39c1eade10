namespace Hounsfield.Dicom;

/// <summary>Where an element's value lives.</summary>
public enum DicomValueKind : byte
{
    /// <summary>Bytes held in memory, little endian.</summary>
    Inline,
    /// <summary>A sequence of items (SQ).</summary>
    Sequence,
    /// <summary>Encapsulated pixel data: an offset table and fragments.</summary>
    Fragments,
    /// <summary>A large binary value left in its file or stream, read on demand.</summary>
    Bulk,
}
