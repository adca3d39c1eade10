namespace Hounsfield.Dicom.Network.UpperLayer;

/// <summary>
/// Presentation Context item of an A-ASSOCIATE-RQ (0x20, PS3.8 §9.3.2.2): an odd context ID, one
/// abstract syntax and the transfer syntaxes proposed for it.
/// </summary>
public sealed class PresentationContextRqItem
{
    /// <summary>Creates the item.</summary>
    public PresentationContextRqItem(byte id, string abstractSyntax, IEnumerable<string> transferSyntaxes)
    {
        Id = id;
        AbstractSyntax = abstractSyntax;
        TransferSyntaxes = [.. transferSyntaxes];
    }

    /// <summary>Presentation context ID, an odd number 1–255.</summary>
    public byte Id { get; }

    /// <summary>Abstract syntax name (a SOP class UID).</summary>
    public string AbstractSyntax { get; }

    /// <summary>Proposed transfer syntax UIDs, in the requestor's order of preference.</summary>
    public List<string> TransferSyntaxes { get; }

    internal int ValueLength
    {
        get
        {
            var n = 4 + 4 + AbstractSyntax.Length;
            foreach (var ts in TransferSyntaxes) n += 4 + ts.Length;
            return n;
        }
    }

    internal void Write(ref PduSpanWriter w)
    {
        w.WriteItemHeader(ItemType.PresentationContextRq, ValueLength);
        w.WriteByte(Id);
        w.WriteZeros(3);
        w.WriteItemHeader(ItemType.AbstractSyntax, AbstractSyntax.Length);
        w.WriteAscii(AbstractSyntax);
        foreach (var ts in TransferSyntaxes)
        {
            w.WriteItemHeader(ItemType.TransferSyntax, ts.Length);
            w.WriteAscii(ts);
        }
    }

    internal static PresentationContextRqItem Read(PduSpanReader r)
    {
        var id = r.ReadByte("presentation context ID");
        r.Skip(3, "presentation context reserved fields");
        string? abstractSyntax = null;
        var transferSyntaxes = new List<string>();
        while (!r.IsEmpty)
        {
            var start = r.Offset;
            var type = (ItemType)r.ReadByte("presentation context sub-item type");
            r.ReadByte("sub-item reserved");
            var length = r.ReadUInt16("presentation context sub-item length");
            var value = r.ReadAscii(length, $"presentation context sub-item 0x{(byte)type:X2}");
            switch (type)
            {
                case ItemType.AbstractSyntax when abstractSyntax is null:
                    abstractSyntax = value;
                    break;
                case ItemType.AbstractSyntax:
                    throw new PduFormatException(
                        $"presentation context {id} has more than one abstract syntax sub-item",
                        AbortReason.UnexpectedPduParameter, start);
                case ItemType.TransferSyntax:
                    transferSyntaxes.Add(value);
                    break;
                default:
                    throw new PduFormatException(
                        $"presentation context {id} has an unknown sub-item type 0x{(byte)type:X2}",
                        AbortReason.UnrecognizedPduParameter, start);
            }
        }
        if (abstractSyntax is null)
        {
            throw new PduFormatException(
                $"presentation context {id} has no abstract syntax sub-item", AbortReason.InvalidPduParameterValue, r.Offset);
        }
        if (transferSyntaxes.Count == 0)
        {
            throw new PduFormatException(
                $"presentation context {id} has no transfer syntax sub-item", AbortReason.InvalidPduParameterValue, r.Offset);
        }
        return new PresentationContextRqItem(id, abstractSyntax, transferSyntaxes);
    }
}
