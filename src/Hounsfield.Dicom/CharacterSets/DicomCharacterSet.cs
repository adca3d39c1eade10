using System.Text;

namespace Hounsfield.Dicom;

/// <summary>Interim character set (ASCII/Latin-1/UTF-8) until the full PS3.3 C.12.1.1.2 implementation lands.</summary>
public sealed class DicomCharacterSet
{
    private readonly Encoding _encoding;

    private DicomCharacterSet(string term, Encoding encoding)
    {
        Terms = [term];
        _encoding = encoding;
    }

    /// <summary>ISO_IR 6.</summary>
    public static DicomCharacterSet Default { get; } = new("", Encoding.Latin1);

    /// <summary>ISO_IR 192.</summary>
    public static DicomCharacterSet Utf8 { get; } = new("ISO_IR 192", new UTF8Encoding(false));

    /// <summary>The terms.</summary>
    public IReadOnlyList<string> Terms { get; }

    /// <summary>Warnings.</summary>
    public IReadOnlyList<string> Warnings { get; } = [];

    /// <summary>From (0008,0005).</summary>
    public static DicomCharacterSet FromSpecificCharacterSet(string? value) =>
        value?.Trim() == "ISO_IR 192" ? Utf8 : Default;

    /// <summary>Decodes.</summary>
    public string Decode(ReadOnlySpan<byte> bytes, DicomVR vr) =>
        vr.IsCharacterSetSensitive() ? _encoding.GetString(bytes) : Encoding.Latin1.GetString(bytes);

    /// <summary>Encodes.</summary>
    public byte[] Encode(string text, DicomVR vr) =>
        vr.IsCharacterSetSensitive() ? _encoding.GetBytes(text) : Encoding.Latin1.GetBytes(text);
}
