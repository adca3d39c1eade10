using System.Buffers.Binary;

namespace Hounsfield.Dicom;

/// <summary>
/// Frame-level access to a data set's Pixel Data (PS3.5 §8, A.4): native or encapsulated, a frame
/// at a time, reading only that frame's bytes from the source.
/// </summary>
public sealed class DicomPixelData
{
    private readonly DicomDataset _dataset;

    /// <summary>Wraps the pixel data of <paramref name="dataset"/>.</summary>
    /// <exception cref="InvalidOperationException">The data set has no Pixel Data.</exception>
    public DicomPixelData(DicomDataset dataset)
    {
        if (!dataset.Contains(DicomTag.PixelData)) throw new InvalidOperationException("the data set has no Pixel Data (7FE0,0010)");
        _dataset = dataset;
    }

    /// <summary>Rows (0028,0010).</summary>
    public int Rows => _dataset.GetValueOrDefault(DicomTag.Rows, 0, 0);

    /// <summary>Columns (0028,0011).</summary>
    public int Columns => _dataset.GetValueOrDefault(DicomTag.Columns, 0, 0);

    /// <summary>Samples per Pixel (0028,0002), 1 when absent.</summary>
    public int SamplesPerPixel => _dataset.GetValueOrDefault(DicomTag.SamplesPerPixel, 0, 1);

    /// <summary>Bits Allocated (0028,0100).</summary>
    public int BitsAllocated => _dataset.GetValueOrDefault(DicomTag.BitsAllocated, 0, 8);

    /// <summary>Number of Frames (0028,0008), 1 when absent.</summary>
    public int NumberOfFrames => Math.Max(1, _dataset.GetValueOrDefault(DicomTag.NumberOfFrames, 0, 1));

    /// <summary>True when the pixel data is encapsulated (compressed) in fragments.</summary>
    public bool IsEncapsulated => _dataset.GetFragments(DicomTag.PixelData) is not null;

    /// <summary>
    /// Bytes per native frame. Frames of 1-bit data are packed without padding between frames, so
    /// for them this rounds up and <see cref="GetFrame"/> reads the bits that belong to the frame.
    /// </summary>
    public long FrameLength => (long)Rows * Columns * SamplesPerPixel * BitsAllocated / 8;

    /// <summary>
    /// The bytes of frame <paramref name="frame"/> (0-based): for native data the frame's slice of
    /// Pixel Data, for encapsulated data the frame's code stream.
    /// </summary>
    public byte[] GetFrame(int frame)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(frame);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(frame, NumberOfFrames);
        if (_dataset.GetFragments(DicomTag.PixelData) is { } fragments)
            return fragments.ReadFrame(frame, NumberOfFrames, ExtendedOffsetTable());
        return NativeFrame(frame);
    }

    private byte[] NativeFrame(int frame)
    {
        if (BitsAllocated == 1) return PackedBitFrame(frame);
        var length = FrameLength;
        var start = frame * length;
        var element = _dataset[DicomTag.PixelData];
        if (element.BulkData is { } bulk)
        {
            if (start + length > bulk.Length) throw new DicomFormatException($"Pixel Data holds {bulk.Length} bytes, too few for frame {frame + 1} of {length} bytes");
            var bytes = GC.AllocateUninitializedArray<byte>((int)length);
            bulk.Read(start, bytes);
            return bytes;
        }
        var inline = element.Bytes;
        if (start + length > inline.Length) throw new DicomFormatException($"Pixel Data holds {inline.Length} bytes, too few for frame {frame + 1} of {length} bytes");
        return inline.Slice((int)start, (int)length).ToArray();
    }

    // 1-bit frames are packed back to back, so a frame may start in the middle of a byte.
    private byte[] PackedBitFrame(int frame)
    {
        var bits = (long)Rows * Columns * SamplesPerPixel;
        var firstBit = frame * bits;
        var all = _dataset.GetBytes(DicomTag.PixelData).Span;
        var result = new byte[(bits + 7) / 8];
        for (long i = 0; i < bits; i++)
        {
            var source = firstBit + i;
            if (source / 8 >= all.Length) throw new DicomFormatException($"Pixel Data is too short for frame {frame + 1}");
            if ((all[(int)(source / 8)] >> (int)(source % 8) & 1) != 0) result[i / 8] |= (byte)(1 << (int)(i % 8));
        }
        return result;
    }

    private ulong[]? ExtendedOffsetTable()
    {
        var bytes = _dataset.GetBytes(DicomTag.ExtendedOffsetTable).Span;
        if (bytes.Length < 8) return null;
        var table = new ulong[bytes.Length / 8];
        for (var i = 0; i < table.Length; i++) table[i] = BinaryPrimitives.ReadUInt64LittleEndian(bytes[(i * 8)..]);
        return table;
    }
}
