namespace Hounsfield.Dicom;

/// <summary>
/// The compact storage of one element inside a <see cref="DicomDataset"/>: 24 bytes, no object per
/// element. Inline values are a slice (<see cref="Offset"/>, <see cref="Length"/>) of the byte array
/// in <see cref="Payload"/>, usually a block shared by many elements of one parse.
/// </summary>
internal struct DicomEntry
{
    public uint Tag;
    public DicomVR VR;
    public DicomValueKind Kind;
    public int Offset;
    public int Length;

    /// <summary>byte[] for inline values, <see cref="DicomSequence"/>, <see cref="DicomFragments"/> or <see cref="DicomBulkData"/>.</summary>
    public object? Payload;

    public static DicomEntry Inline(uint tag, DicomVR vr, byte[] block, int offset, int length) =>
        new() { Tag = tag, VR = vr, Kind = DicomValueKind.Inline, Payload = block, Offset = offset, Length = length };

    public static DicomEntry Of(uint tag, DicomVR vr, DicomValueKind kind, object payload, int length = -1) =>
        new() { Tag = tag, VR = vr, Kind = kind, Payload = payload, Length = length };

    public readonly ReadOnlySpan<byte> InlineSpan =>
        Kind == DicomValueKind.Inline && Payload is byte[] block ? block.AsSpan(Offset, Length) : default;

    public readonly ReadOnlyMemory<byte> InlineMemory =>
        Kind == DicomValueKind.Inline && Payload is byte[] block ? block.AsMemory(Offset, Length) : default;
}
