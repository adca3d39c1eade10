using System.Buffers.Binary;

namespace Hounsfield.Dicom.Network.UpperLayer;

/// <summary>
/// P-DATA-TF PDU (type 0x04, PS3.8 §9.3.5): one or more presentation data values. When read by
/// <see cref="PduReader"/> the values point into its buffer and stay valid only until its next read.
/// </summary>
public sealed class PDataTf : Pdu
{
    /// <summary>Creates an empty P-DATA-TF.</summary>
    public PDataTf()
    {
    }

    /// <summary>Creates a P-DATA-TF holding <paramref name="values"/>.</summary>
    public PDataTf(IEnumerable<PresentationDataValue> values) => Values.AddRange(values);

    /// <inheritdoc/>
    public override PduType Type => PduType.PDataTf;

    /// <summary>The presentation data values, in order.</summary>
    public List<PresentationDataValue> Values { get; } = [];

    internal override int BodyLength
    {
        get
        {
            var n = 0;
            foreach (var v in Values) n += PresentationDataValue.HeaderLength + v.Data.Length;
            return n;
        }
    }

    internal override void WriteBody(ref PduSpanWriter w)
    {
        foreach (var v in Values)
        {
            w.WriteUInt32((uint)(2 + v.Data.Length));
            w.WriteByte(v.PresentationContextId);
            w.WriteByte(v.MessageControlHeader);
            w.WriteBytes(v.Data.Span);
        }
    }

    /// <summary>
    /// Splits a P-DATA-TF body into PDVs without copying: each value's data is a slice of
    /// <paramref name="body"/>. Every item length is checked against what is left of the PDU.
    /// </summary>
    internal void ReadBody(ReadOnlyMemory<byte> body)
    {
        Values.Clear();
        var span = body.Span;
        var position = 0;
        while (position < span.Length)
        {
            if (span.Length - position < PresentationDataValue.HeaderLength)
            {
                throw new PduFormatException(
                    $"P-DATA-TF has {span.Length - position} trailing bytes, too few for a PDV item header",
                    AbortReason.InvalidPduParameterValue, Pdu.HeaderLength + position);
            }
            var itemLength = BinaryPrimitives.ReadUInt32BigEndian(span.Slice(position));
            if (itemLength < 2 || itemLength > (uint)(span.Length - position - 4))
            {
                throw new PduFormatException(
                    $"PDV item length {itemLength} does not fit the {span.Length - position - 4} bytes left in the P-DATA-TF",
                    AbortReason.InvalidPduParameterValue, Pdu.HeaderLength + position);
            }
            var contextId = span[position + 4];
            var header = span[position + 5];
            var dataLength = (int)itemLength - 2;
            Values.Add(new PresentationDataValue(
                contextId, (header & 1) != 0, (header & 2) != 0, body.Slice(position + 6, dataLength)));
            position += 4 + (int)itemLength;
        }
        if (Values.Count == 0)
        {
            throw new PduFormatException("P-DATA-TF holds no presentation data value", AbortReason.InvalidPduParameterValue);
        }
    }

    /// <summary>
    /// Writes the PDU header and a single PDV header in front of <paramref name="dataLength"/> bytes
    /// of fragment data (the shape every P-DATA-TF we send has).
    /// </summary>
    internal static void WriteSinglePdvHeaders(Span<byte> destination, byte contextId, bool isCommand, bool isLast, int dataLength)
    {
        destination[0] = (byte)PduType.PDataTf;
        destination[1] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(destination.Slice(2), (uint)(PresentationDataValue.HeaderLength + dataLength));
        BinaryPrimitives.WriteUInt32BigEndian(destination.Slice(6), (uint)(2 + dataLength));
        destination[10] = contextId;
        destination[11] = PresentationDataValue.MakeMessageControlHeader(isCommand, isLast);
    }
}
