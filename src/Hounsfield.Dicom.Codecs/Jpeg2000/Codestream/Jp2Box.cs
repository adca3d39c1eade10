using System.Buffers.Binary;

namespace Hounsfield.Dicom.Codecs.Jpeg2000.Codestream;

/// <summary>Finds the contiguous code stream box ('jp2c') of a JP2 file (T.800 Annex I); other data is returned as is.</summary>
internal static class Jp2Box
{
    private const uint Signature = 0x6A502020, Codestream = 0x6A703263;

    /// <summary>The code stream inside a JP2 file, or <paramref name="data"/> when it is not one.</summary>
    public static ReadOnlyMemory<byte> FindCodestream(ReadOnlyMemory<byte> data)
    {
        var s = data.Span;
        if (s.Length < 12 || BinaryPrimitives.ReadUInt32BigEndian(s[4..]) != Signature) return data;
        long pos = 0;
        while (pos + 8 <= s.Length)
        {
            long length = BinaryPrimitives.ReadUInt32BigEndian(s[(int)pos..]);
            var type = BinaryPrimitives.ReadUInt32BigEndian(s[(int)(pos + 4)..]);
            var header = 8;
            if (length == 1)
            {
                if (pos + 16 > s.Length) break;
                length = (long)BinaryPrimitives.ReadUInt64BigEndian(s[(int)(pos + 8)..]);
                header = 16;
            }
            else if (length == 0)
            {
                length = s.Length - pos;
            }
            if (length < header || pos + length > s.Length) break;
            if (type == Codestream) return data.Slice((int)pos + header, (int)length - header);
            pos += length;
        }
        throw new DicomCodecException("the JP2 file has no complete code stream box");
    }
}
