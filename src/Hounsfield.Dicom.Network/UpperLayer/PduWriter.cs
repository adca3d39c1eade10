using System.Buffers;
using System.Buffers.Binary;

namespace Hounsfield.Dicom.Network.UpperLayer;

/// <summary>
/// Encodes PDUs (PS3.8 §9.3). The encoded length is computed first so each PDU is written once
/// into an exactly sized buffer, then sent with a single write.
/// </summary>
public static class PduWriter
{
    /// <summary>Total encoded size of <paramref name="pdu"/>, header included.</summary>
    public static int GetEncodedLength(Pdu pdu) => Pdu.HeaderLength + pdu.BodyLength;

    /// <summary>Writes <paramref name="pdu"/> into <paramref name="destination"/> and returns the bytes written.</summary>
    public static int Write(Pdu pdu, Span<byte> destination)
    {
        var body = pdu.BodyLength;
        var total = Pdu.HeaderLength + body;
        if (destination.Length < total)
        {
            throw new ArgumentException($"destination holds {destination.Length} bytes, the PDU needs {total}", nameof(destination));
        }
        destination[0] = (byte)pdu.Type;
        destination[1] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(destination.Slice(2), (uint)body);
        var w = new PduSpanWriter(destination.Slice(Pdu.HeaderLength, body));
        pdu.WriteBody(ref w);
        if (w.Position != body)
        {
            // A mismatch here is a bug in a length computation, never a peer's fault.
            throw new InvalidOperationException($"{pdu.Type} wrote {w.Position} body bytes but announced {body}");
        }
        return total;
    }

    /// <summary>Encodes <paramref name="pdu"/> into a new array.</summary>
    public static byte[] Encode(Pdu pdu)
    {
        var bytes = new byte[GetEncodedLength(pdu)];
        Write(pdu, bytes);
        return bytes;
    }

    /// <summary>Encodes <paramref name="pdu"/> into a pooled buffer and writes it to <paramref name="stream"/>.</summary>
    public static async ValueTask WriteAsync(Stream stream, Pdu pdu, CancellationToken cancellationToken = default)
    {
        var length = GetEncodedLength(pdu);
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            Write(pdu, buffer);
            await stream.WriteAsync(buffer.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
