using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Hounsfield.Dicom;

/// <summary>Reverses byte order in place in units of 2, 4 or 8 bytes (big/little endian conversion).</summary>
public static class ByteSwap
{
    /// <summary>Swaps each <paramref name="unit"/>-byte group of <paramref name="bytes"/>; a trailing partial group is left alone.</summary>
    public static void InPlace(Span<byte> bytes, int unit)
    {
        var whole = bytes.Length - bytes.Length % Math.Max(unit, 1);
        switch (unit)
        {
            case 2:
                var shorts = MemoryMarshal.Cast<byte, ushort>(bytes[..whole]);
                BinaryPrimitives.ReverseEndianness(shorts, shorts);
                break;
            case 4:
                var ints = MemoryMarshal.Cast<byte, uint>(bytes[..whole]);
                BinaryPrimitives.ReverseEndianness(ints, ints);
                break;
            case 8:
                var longs = MemoryMarshal.Cast<byte, ulong>(bytes[..whole]);
                BinaryPrimitives.ReverseEndianness(longs, longs);
                break;
        }
    }
}
