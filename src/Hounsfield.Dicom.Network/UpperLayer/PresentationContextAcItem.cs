namespace Hounsfield.Dicom.Network.UpperLayer;

/// <summary>
/// Presentation Context item of an A-ASSOCIATE-AC (0x21, PS3.8 §9.3.3.2): the result for one
/// proposed context and, when accepted, the one transfer syntax chosen.
/// </summary>
/// <param name="Id">The presentation context ID from the request.</param>
/// <param name="Result">Acceptance or the rejection reason.</param>
/// <param name="TransferSyntax">The accepted transfer syntax UID; not significant when rejected (may be empty).</param>
public sealed record PresentationContextAcItem(byte Id, PresentationContextResult Result, string TransferSyntax)
{
    internal int ValueLength => 4 + 4 + TransferSyntax.Length;

    internal void Write(ref PduSpanWriter w)
    {
        w.WriteItemHeader(ItemType.PresentationContextAc, ValueLength);
        w.WriteByte(Id);
        w.WriteByte(0);
        w.WriteByte((byte)Result);
        w.WriteByte(0);
        w.WriteItemHeader(ItemType.TransferSyntax, TransferSyntax.Length);
        w.WriteAscii(TransferSyntax);
    }

    internal static PresentationContextAcItem Read(PduSpanReader r)
    {
        var id = r.ReadByte("presentation context ID");
        r.ReadByte("reserved");
        var result = r.ReadByte("result/reason");
        r.ReadByte("reserved");
        if (result > (byte)PresentationContextResult.TransferSyntaxesNotSupported)
        {
            throw new PduFormatException(
                $"presentation context {id} has result {result}, which PS3.8 Table 9-18 does not define",
                AbortReason.InvalidPduParameterValue, r.Offset - 2);
        }
        var transferSyntax = "";
        var seen = false;
        while (!r.IsEmpty)
        {
            var start = r.Offset;
            var type = (ItemType)r.ReadByte("presentation context sub-item type");
            r.ReadByte("sub-item reserved");
            var length = r.ReadUInt16("presentation context sub-item length");
            var value = r.ReadAscii(length, "transfer syntax sub-item");
            if (type != ItemType.TransferSyntax || seen)
            {
                throw new PduFormatException(
                    $"presentation context {id} in A-ASSOCIATE-AC has an unexpected sub-item 0x{(byte)type:X2}",
                    type == ItemType.TransferSyntax ? AbortReason.UnexpectedPduParameter : AbortReason.UnrecognizedPduParameter,
                    start);
            }
            transferSyntax = value;
            seen = true;
        }
        // A rejected context's transfer syntax is not significant, and some peers omit it.
        if (!seen && result == (byte)PresentationContextResult.Acceptance)
        {
            throw new PduFormatException(
                $"accepted presentation context {id} has no transfer syntax sub-item",
                AbortReason.InvalidPduParameterValue, r.Offset);
        }
        return new PresentationContextAcItem(id, (PresentationContextResult)result, transferSyntax);
    }
}
