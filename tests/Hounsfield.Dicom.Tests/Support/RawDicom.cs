using System.Buffers.Binary;
using System.Text;

namespace Hounsfield.Dicom.Tests.Support;

/// <summary>
/// Builds DICOM bytes by hand, element by element, so tests control every header byte
/// (including the broken ones the reader has to tolerate or reject).
/// </summary>
public sealed class RawDicom
{
    private readonly MemoryStream _bytes = new();

    public RawDicom(bool bigEndian = false) => BigEndian = bigEndian;

    public bool BigEndian { get; }

    public long Length => _bytes.Length;

    public byte[] ToArray() => _bytes.ToArray();

    /// <summary>128 zero bytes and "DICM".</summary>
    public RawDicom Preamble()
    {
        _bytes.Write(new byte[128]);
        return Prefix();
    }

    /// <summary>"DICM" alone.</summary>
    public RawDicom Prefix()
    {
        _bytes.Write("DICM"u8);
        return this;
    }

    /// <summary>
    /// File meta information in explicit VR little endian. <paramref name="groupLength"/>: null writes the
    /// correct (0002,0000), -1 leaves it out, any other value is written as is.
    /// </summary>
    public RawDicom Meta(string transferSyntaxUid, long? groupLength = null, string sopClass = "1.2.840.10008.5.1.4.1.1.7", string sopInstance = "1.2.3.4")
    {
        var body = new RawDicom();
        body.Explicit(0x00020001, "OB", [0, 1]);
        body.Explicit(0x00020002, "UI", Uid(sopClass));
        body.Explicit(0x00020003, "UI", Uid(sopInstance));
        body.Explicit(0x00020010, "UI", Uid(transferSyntaxUid));
        body.Explicit(0x00020012, "UI", Uid("1.2.3.999"));
        if (groupLength != -1)
        {
            var meta = new RawDicom();
            meta.Explicit(0x00020000, "UL", U32((uint)(groupLength ?? body.Length)));
            Append(meta.ToArray());
        }
        return Append(body.ToArray());
    }

    public RawDicom Append(ReadOnlySpan<byte> bytes)
    {
        _bytes.Write(bytes);
        return this;
    }

    /// <summary>An explicit VR element with the header length taken from the value.</summary>
    public RawDicom Explicit(uint tag, string vr, ReadOnlySpan<byte> value) => ExplicitHeader(tag, vr, (uint)value.Length).Append(value);

    /// <summary>An explicit VR element header with any length.</summary>
    public RawDicom ExplicitHeader(uint tag, string vr, uint length)
    {
        Tag(tag);
        _bytes.Write(Encoding.ASCII.GetBytes(vr));
        if (IsLong(vr))
        {
            _bytes.Write(new byte[2]);
            U32Raw(length);
        }
        else
        {
            U16Raw((ushort)length);
        }
        return this;
    }

    /// <summary>An implicit VR element.</summary>
    public RawDicom Implicit(uint tag, ReadOnlySpan<byte> value) => ImplicitHeader(tag, (uint)value.Length).Append(value);

    /// <summary>An implicit VR element header (tag, 32-bit length) with any length.</summary>
    public RawDicom ImplicitHeader(uint tag, uint length)
    {
        Tag(tag);
        U32Raw(length);
        return this;
    }

    public RawDicom Item(uint length = 0xFFFFFFFF) => ImplicitHeader(0xFFFEE000, length);

    public RawDicom ItemEnd() => ImplicitHeader(0xFFFEE00D, 0);

    public RawDicom SequenceEnd() => ImplicitHeader(0xFFFEE0DD, 0);

    public RawDicom Tag(uint tag)
    {
        U16Raw((ushort)(tag >> 16));
        U16Raw((ushort)tag);
        return this;
    }

    private void U16Raw(ushort v)
    {
        Span<byte> b = stackalloc byte[2];
        if (BigEndian) BinaryPrimitives.WriteUInt16BigEndian(b, v);
        else BinaryPrimitives.WriteUInt16LittleEndian(b, v);
        _bytes.Write(b);
    }

    private void U32Raw(uint v)
    {
        Span<byte> b = stackalloc byte[4];
        if (BigEndian) BinaryPrimitives.WriteUInt32BigEndian(b, v);
        else BinaryPrimitives.WriteUInt32LittleEndian(b, v);
        _bytes.Write(b);
    }

    public static bool IsLong(string vr) => vr is "OB" or "OD" or "OF" or "OL" or "OV" or "OW" or "SQ" or "SV" or "UC" or "UN" or "UR" or "UT" or "UV";

    /// <summary>ASCII text, padded with a space to even length.</summary>
    public static byte[] Text(string s) => Pad(Encoding.ASCII.GetBytes(s), (byte)' ');

    /// <summary>A UID, padded with NUL to even length.</summary>
    public static byte[] Uid(string s) => Pad(Encoding.ASCII.GetBytes(s), 0);

    /// <summary>ASCII bytes exactly as given (odd lengths stay odd).</summary>
    public static byte[] Ascii(string s) => Encoding.ASCII.GetBytes(s);

    public static byte[] U16(params ushort[] values)
    {
        var b = new byte[values.Length * 2];
        for (var i = 0; i < values.Length; i++) BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(i * 2), values[i]);
        return b;
    }

    public static byte[] U32(params uint[] values)
    {
        var b = new byte[values.Length * 4];
        for (var i = 0; i < values.Length; i++) BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(i * 4), values[i]);
        return b;
    }

    private static byte[] Pad(byte[] b, byte pad) => (b.Length & 1) == 0 ? b : [.. b, pad];
}
