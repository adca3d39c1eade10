using System.Buffers;
using System.Buffers.Binary;

namespace Hounsfield.Dicom.Network.UpperLayer;

/// <summary>
/// Reads PDUs from a stream (PS3.8 §9.3) with strict length checks. The length in a PDU header is
/// validated against our limits before anything is allocated, and the body buffer grows only as
/// bytes actually arrive, so a header claiming 4 GB costs nothing until 4 GB are sent.
/// </summary>
/// <remarks>
/// The buffer is reused: the P-DATA-TF returned by <see cref="ReadAsync"/> points into it and is
/// valid only until the next call. One reader serves one connection and is not thread-safe.
/// </remarks>
public sealed class PduReader : IDisposable
{
    /// <summary>Default ceiling for A-ASSOCIATE-RQ/AC PDUs, which the maximum length does not govern.</summary>
    public const int DefaultMaxAssociatePduLength = 1 << 20;

    /// <summary>
    /// Hard ceiling for a P-DATA-TF when we advertised no maximum (0): PS3.8 then allows any length,
    /// but one PDU is buffered whole, so we still refuse absurd ones.
    /// </summary>
    public const int UnlimitedPDataGuard = 64 << 20;

    private const int InitialChunk = 64 * 1024;

    private readonly Stream _stream;
    private readonly byte[] _header = new byte[Pdu.HeaderLength];
    private readonly PDataTf _pData = new();
    private byte[] _buffer;

    /// <summary>Creates a reader over <paramref name="stream"/>.</summary>
    /// <param name="stream">The transport stream.</param>
    /// <param name="maxPDataLength">Our Maximum Length Received: the largest P-DATA-TF variable field accepted; 0 = no maximum.</param>
    public PduReader(Stream stream, uint maxPDataLength)
    {
        _stream = stream;
        MaxPDataLength = maxPDataLength;
        _buffer = ArrayPool<byte>.Shared.Rent(InitialChunk);
    }

    /// <summary>The largest P-DATA-TF length accepted (0 = no maximum, bounded by <see cref="UnlimitedPDataGuard"/>).</summary>
    public uint MaxPDataLength { get; set; }

    /// <summary>The largest A-ASSOCIATE-RQ/AC accepted.</summary>
    public int MaxAssociatePduLength { get; set; } = DefaultMaxAssociatePduLength;

    /// <summary>Bytes of the PDU being read so far, for diagnostics.</summary>
    public long BytesRead { get; private set; }

    /// <summary>
    /// Reads the next PDU. Returns null when the stream ends cleanly between PDUs. Throws
    /// <see cref="PduFormatException"/> for malformed PDUs and <see cref="TransportClosedException"/>
    /// when the stream ends inside one.
    /// </summary>
    public async ValueTask<Pdu?> ReadAsync(CancellationToken cancellationToken = default)
    {
        if (!await FillAsync(_header, 0, Pdu.HeaderLength, allowCleanEnd: true, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }
        var type = _header[0];
        var length = BinaryPrimitives.ReadUInt32BigEndian(_header.AsSpan(2));
        var bodyLength = ValidateHeader(type, length);
        var body = await ReadBodyAsync(bodyLength, cancellationToken).ConfigureAwait(false);
        return DecodeBody((PduType)type, body, _pData);
    }

    /// <summary>
    /// Decodes one complete PDU held in <paramref name="pdu"/> (header included), with the same
    /// checks as <see cref="ReadAsync"/>. A P-DATA-TF's values point into <paramref name="pdu"/>.
    /// </summary>
    public static Pdu Decode(ReadOnlyMemory<byte> pdu, uint maxPDataLength = 0, int maxAssociatePduLength = DefaultMaxAssociatePduLength)
    {
        var span = pdu.Span;
        if (span.Length < Pdu.HeaderLength)
        {
            throw new PduFormatException($"{span.Length} bytes are too few for a PDU header", AbortReason.InvalidPduParameterValue, 0);
        }
        var length = BinaryPrimitives.ReadUInt32BigEndian(span.Slice(2));
        var bodyLength = ValidateHeader(span[0], length, maxPDataLength, maxAssociatePduLength);
        if (bodyLength != span.Length - Pdu.HeaderLength)
        {
            throw new PduFormatException(
                $"PDU length field says {length} but {span.Length - Pdu.HeaderLength} bytes follow the header",
                AbortReason.InvalidPduParameterValue, 2);
        }
        return DecodeBody((PduType)span[0], pdu.Slice(Pdu.HeaderLength), new PDataTf());
    }

    private int ValidateHeader(byte type, uint length) => ValidateHeader(type, length, MaxPDataLength, MaxAssociatePduLength);

    /// <summary>Checks the PDU type and that its length is plausible for it and within our limits.</summary>
    private static int ValidateHeader(byte type, uint length, uint maxPDataLength, int maxAssociatePduLength)
    {
        switch ((PduType)type)
        {
            case PduType.AAssociateRq or PduType.AAssociateAc:
                if (length < AAssociatePdu.FixedLength || length > (uint)maxAssociatePduLength)
                {
                    throw new PduFormatException(
                        $"{((PduType)type).ToStandardName()} length {length} is outside {AAssociatePdu.FixedLength}..{maxAssociatePduLength}",
                        AbortReason.InvalidPduParameterValue, 2);
                }
                return (int)length;
            case PduType.AAssociateRj or PduType.AReleaseRq or PduType.AReleaseRp or PduType.AAbort:
                if (length != 4)
                {
                    throw new PduFormatException(
                        $"{((PduType)type).ToStandardName()} length is {length}, PS3.8 fixes it at 4", AbortReason.InvalidPduParameterValue, 2);
                }
                return 4;
            case PduType.PDataTf:
                var limit = maxPDataLength == 0 ? UnlimitedPDataGuard : Math.Min(maxPDataLength, (uint)int.MaxValue - Pdu.HeaderLength);
                if (length > limit)
                {
                    throw new PduFormatException(
                        $"P-DATA-TF length {length} exceeds the maximum length {limit} we accept",
                        AbortReason.InvalidPduParameterValue, 2);
                }
                if (length < PresentationDataValue.HeaderLength)
                {
                    throw new PduFormatException(
                        $"P-DATA-TF length {length} is too short for one PDV item", AbortReason.InvalidPduParameterValue, 2);
                }
                return (int)length;
            default:
                throw new PduFormatException($"unrecognized PDU type 0x{type:X2}", AbortReason.UnrecognizedPdu, 0);
        }
    }

    private static Pdu DecodeBody(PduType type, ReadOnlyMemory<byte> body, PDataTf pData)
    {
        var r = new PduSpanReader(body.Span, Pdu.HeaderLength);
        switch (type)
        {
            case PduType.AAssociateRq:
                return AAssociateRq.Read(r);
            case PduType.AAssociateAc:
                return AAssociateAc.Read(r);
            case PduType.AAssociateRj:
                return AAssociateRj.Read(r);
            case PduType.PDataTf:
                pData.ReadBody(body);
                return pData;
            case PduType.AReleaseRq:
                return AReleaseRq.Instance;
            case PduType.AReleaseRp:
                return AReleaseRp.Instance;
            case PduType.AAbort:
                return AAbort.Read(r);
            default:
                throw new PduFormatException($"unrecognized PDU type 0x{(byte)type:X2}", AbortReason.UnrecognizedPdu, 0);
        }
    }

    private async ValueTask<ReadOnlyMemory<byte>> ReadBodyAsync(int length, CancellationToken cancellationToken)
    {
        // Shrink a buffer that an unusually large PDU grew, so one big PDU does not pin memory forever.
        if (_buffer.Length > 4 * InitialChunk && length <= InitialChunk)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = ArrayPool<byte>.Shared.Rent(InitialChunk);
        }
        var read = 0;
        while (read < length)
        {
            if (read == _buffer.Length)
            {
                // Grow only once the bytes already received fill the buffer: allocation follows data.
                var bigger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)length, (long)_buffer.Length * 2));
                _buffer.AsSpan(0, read).CopyTo(bigger);
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = bigger;
            }
            var want = Math.Min(length, _buffer.Length) - read;
            await FillAsync(_buffer, read, want, allowCleanEnd: false, cancellationToken, length).ConfigureAwait(false);
            read += want;
        }
        return _buffer.AsMemory(0, length);
    }

    /// <summary>Reads exactly <paramref name="count"/> bytes; false only for a clean end before the first byte.</summary>
    private async ValueTask<bool> FillAsync(byte[] target, int offset, int count, bool allowCleanEnd, CancellationToken cancellationToken, int pduBody = 0)
    {
        var done = 0;
        while (done < count)
        {
            int n;
            try
            {
                n = await _stream.ReadAsync(target.AsMemory(offset + done, count - done), cancellationToken).ConfigureAwait(false);
            }
            catch (IOException e)
            {
                throw new TransportClosedException($"transport error while reading a PDU: {e.Message}", e);
            }
            if (n == 0)
            {
                if (allowCleanEnd && done == 0) return false;
                var what = allowCleanEnd
                    ? $"after {done} of the 6 bytes of a PDU header"
                    : $"after {offset + done} of the {pduBody} bytes of a {((PduType)_header[0]).ToStandardName()} body";
                throw new TransportClosedException($"the peer closed the connection {what}");
            }
            done += n;
            BytesRead += n;
        }
        return true;
    }

    /// <summary>Returns the pooled buffer.</summary>
    public void Dispose()
    {
        var b = Interlocked.Exchange(ref _buffer, []);
        if (b.Length > 0) ArrayPool<byte>.Shared.Return(b);
    }
}
