using System.Buffers.Binary;
using System.Text;

namespace Hounsfield.Interop.Tests.Network;

/// <summary>
/// C-ECHO command sets encoded by hand in Implicit VR Little Endian (PS3.7 §9.3.5), so the
/// association interop tests exercise P-DATA both ways independently of our DIMSE layer.
/// </summary>
internal static class HandMadeEcho
{
    private const string Verification = "1.2.840.10008.1.1";

    public static byte[] Request(ushort messageId) => Command(0x0030, messageId, isResponse: false);

    public static byte[] Response(ushort respondingTo) => Command(0x8030, respondingTo, isResponse: true);

    private static byte[] Command(ushort commandField, ushort id, bool isResponse)
    {
        var body = new MemoryStream();
        var uid = Encoding.ASCII.GetBytes(Verification + "\0"); // padded to even length
        Element(body, 0x0002, uid);
        Element(body, 0x0100, U16(commandField));
        Element(body, isResponse ? (ushort)0x0120 : (ushort)0x0110, U16(id));
        Element(body, 0x0800, U16(0x0101)); // no data set
        if (isResponse) Element(body, 0x0900, U16(0x0000)); // status: success
        var all = new MemoryStream();
        var length = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(length, (uint)body.Length);
        Element(all, 0x0000, length);
        body.WriteTo(all);
        return all.ToArray();
    }

    /// <summary>Finds a US value in an implicit VR LE command group; null when absent.</summary>
    public static ushort? ReadUS(byte[] command, ushort element)
    {
        for (var at = 0; at + 8 <= command.Length;)
        {
            var e = BinaryPrimitives.ReadUInt16LittleEndian(command.AsSpan(at + 2));
            var len = (int)BinaryPrimitives.ReadUInt32LittleEndian(command.AsSpan(at + 4));
            if (e == element && len == 2) return BinaryPrimitives.ReadUInt16LittleEndian(command.AsSpan(at + 8));
            at += 8 + len;
        }
        return null;
    }

    private static byte[] U16(ushort v)
    {
        var b = new byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(b, v);
        return b;
    }

    private static void Element(Stream s, ushort element, byte[] value)
    {
        Span<byte> header = stackalloc byte[8];
        BinaryPrimitives.WriteUInt16LittleEndian(header, 0x0000);
        BinaryPrimitives.WriteUInt16LittleEndian(header[2..], element);
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], (uint)value.Length);
        s.Write(header);
        s.Write(value);
    }
}
